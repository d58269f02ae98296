"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyChanges = classifyChanges;
exports.causeOf = causeOf;
exports.verdictChanges = verdictChanges;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
/**
 * One finding on both estates: the policy and the broker by account, region and name. Broker names are unique per
 * account and region, and a replaced broker (a new id, so a new ARN) is still the same broker to a reviewer.
 */
function findingKey(result) {
    const { resource } = result;
    return `${result.policyId}|${resource.accountId}|${resource.region}|${resource.name}`;
}
function classifyChanges(proposed, deployed, estate, locateEdit) {
    const before = new Map();
    for (const result of deployed)
        before.set(findingKey(result), result);
    const findings = { introduced: counts(), unchanged: counts(), resolved: counts() };
    const seen = new Set();
    let introducedErrors = 0;
    const classified = proposed.map((result) => {
        const key = findingKey(result);
        const earlier = before.get(key);
        seen.add(key);
        if (result.status === 'error' && earlier?.status !== 'error')
            introducedErrors++;
        const change = changeOf(result.status, earlier?.status);
        if (!change)
            return result;
        findings[change][result.severity]++;
        if (change !== 'introduced')
            return { ...result, change };
        const cause = causeOf(result, estate, locateEdit);
        return cause ? { ...result, change, cause } : { ...result, change };
    });
    const results = withSharedNetworkCauses(classified);
    // Findings of brokers the change deletes: resolved, with no result on the proposed estate to carry them.
    const resolvedByDeletion = [];
    for (const result of deployed) {
        if (result.status !== 'fail' || !result.fingerprint || seen.has(findingKey(result)))
            continue;
        findings.resolved[result.severity]++;
        resolvedByDeletion.push({
            policyId: result.policyId,
            severity: result.severity,
            broker: result.resource.name,
            arn: result.resource.arn,
            fingerprint: result.fingerprint,
        });
    }
    return { results, introducedErrors, resolvedByDeletion, findings, verdicts: [] };
}
/**
 * A broker's network findings have one cause: a redundancy finding whose own flows do not reach the edit (it shows
 * the best healthy path, or none) takes the cause its connectivity finding found.
 */
function withSharedNetworkCauses(results) {
    const networkCause = new Map();
    for (const result of results) {
        if (result.cause && result.network)
            networkCause.set(result.resource.arn, result.cause);
    }
    return results.map((result) => {
        if (result.change !== 'introduced' || result.cause || !result.network)
            return result;
        const cause = networkCause.get(result.resource.arn);
        return cause ? { ...result, cause } : result;
    });
}
function changeOf(now, then) {
    if (now === 'fail')
        return then === 'fail' ? 'unchanged' : 'introduced';
    if (then === 'fail' && (now === 'pass' || now === 'not_applicable'))
        return 'resolved';
    return undefined;
}
function counts() {
    return Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
}
/**
 * The planned edit behind an introduced finding: on a network finding, the first hop of its failing path that the
 * change removed something from or created; otherwise the edit that creates or alters the broker.
 */
function causeOf(result, estate, locateEdit) {
    const hops = result.network?.flows.flatMap((flow) => flow.hops) ?? [];
    for (const hop of hops) {
        const removal = estate.removals.find((r) => r.parentId === hop.id);
        if (removal)
            return causeFrom(removal.edit, `${removal.what} ${removedVerb(removal)} by ${removal.edit.address}`, locateEdit, hop);
        const addition = hop.status === 'ok' ? undefined : estate.additions.find((a) => a.parentId === hop.id);
        if (addition)
            return causeFrom(addition.edit, `${addition.what} added to ${hop.id} by ${addition.edit.address}`, locateEdit);
        const edit = estate.editOf.get(hop.id);
        if (edit && hop.status !== 'ok')
            return causeFrom(edit, `${hop.id} ${verbOf(edit)} by ${edit.address}: ${hop.reason}`, locateEdit);
    }
    // A finding on the broker itself (or a path whose break the change did not touch): the broker's own edit.
    const edit = estate.editOf.get(result.resource.id);
    if (edit)
        return causeFrom(edit, `broker ${result.resource.name} ${verbOf(edit)} by ${edit.address}`, locateEdit);
    for (const hop of hops) {
        const touched = estate.editOf.get(hop.id);
        if (touched)
            return causeFrom(touched, `${hop.id} ${verbOf(touched)} by ${touched.address}`, locateEdit);
        const addition = estate.additions.find((a) => a.parentId === hop.id);
        if (addition)
            return causeFrom(addition.edit, `${addition.what} added to ${hop.id} by ${addition.edit.address}`, locateEdit);
    }
    return undefined;
}
function removedVerb(removal) {
    return removal.edit.action === 'delete' ? 'deleted' : removal.edit.action === 'replace' ? 'replaced' : 'changed';
}
function verbOf(edit) {
    return edit.action === 'create'
        ? 'created'
        : edit.action === 'replace'
            ? 'replaced'
            : edit.action === 'delete'
                ? 'deleted'
                : 'changed';
}
function causeFrom(edit, text, locateEdit, near) {
    const location = locateEdit(edit, near);
    const where = location ? ` (${location.uri}:${location.startLine})` : '';
    return {
        address: edit.address,
        resourceType: edit.resourceType,
        action: edit.action,
        text: `${text}${where}`,
        ...(location && { location }),
    };
}
/** Brokers whose on-premises verdict the change moves, from the two estates' network facts. */
function verdictChanges(before, after) {
    const moved = [];
    for (const [key, now] of after) {
        const then = before.get(key)?.verdict ?? null;
        if (then !== now.verdict)
            moved.push({ broker: now.name, key, before: then, after: now.verdict, ...(now.diagram && { diagram: now.diagram }) });
    }
    return moved.sort((a, b) => (a.broker < b.broker ? -1 : a.broker > b.broker ? 1 : 0));
}
