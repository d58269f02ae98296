"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SUPPRESSIONS_FILE = void 0;
exports.loadSuppressions = loadSuppressions;
exports.readAs = readAs;
exports.parseSuppressions = parseSuppressions;
exports.utcDay = utcDay;
exports.isExpired = isExpired;
exports.policyPattern = policyPattern;
exports.matchesResource = matchesResource;
exports.applySuppressions = applySuppressions;
exports.suppressionWarnings = suppressionWarnings;
exports.describeMatcher = describeMatcher;
/**
 * Suppressions: accepted failing findings, each with a reason and an expiry date, read from a JSON file
 * (.mq-audit/suppressions.json by default; schemas/suppressions.schema.json; docs/suppressions-and-baselines.md).
 *
 * The semantics are spelled out because they are easy to get subtly wrong (Prowler's mutelist bugs):
 * - an entry matches a finding when its policy matches AND every field of its resource matcher matches;
 * - entries are alternatives (OR): list several for several resources;
 * - every comparison is exact and case-sensitive; the only pattern is `*` in a policy id, matching any characters
 *   within one `/`-separated segment (as `--policy` does); ARNs, names, tags never match by pattern or substring;
 * - an account id may be written as the alias `--redact` prints, so a public repository need not commit it;
 * - only `fail` results are suppressed: a check that could not be evaluated stays an error (the scan is incomplete);
 * - an entry suppresses through its expiry day (UTC), then stops, and the report says so;
 * - when several entries match a finding, the first in the file is the one reported.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const validators_1 = require("../foundation/validators");
const id_pattern_1 = require("./id-pattern");
exports.DEFAULT_SUPPRESSIONS_FILE = '.mq-audit/suppressions.json';
/**
 * Reads `file` (which must exist) or, when none is given, the default file if present; undefined when there is
 * none. Problems name the file and the JSON pointer.
 */
function loadSuppressions(file, cwd = process.cwd()) {
    const shown = file ?? exports.DEFAULT_SUPPRESSIONS_FILE;
    const path = (0, node_path_1.isAbsolute)(shown) ? shown : (0, node_path_1.resolve)(cwd, shown);
    if (file === undefined && !(0, node_fs_1.existsSync)(path))
        return undefined;
    return parseSuppressions(readAs(path, shown, 'suppressions file'), shown);
}
/** Reads `path` but names the file as the user wrote it in every message. */
function readAs(path, shown, what) {
    try {
        return (0, json_input_1.readJsonFile)(path, what);
    }
    catch (error) {
        if ((0, errors_1.isInputError)(error))
            throw new errors_1.InputError(shown, error.problem, error.place);
        throw error;
    }
}
/** Validates parsed JSON against schemas/suppressions.schema.json. */
function parseSuppressions(data, shown) {
    const errors = (0, json_input_1.schemaErrors)((0, validators_1.ownSchemaValidator)('suppressions.schema.json'), data, shown, {
        quick: (0, validators_1.ownSchemaValidator)('suppressions.schema.json', validators_1.FLAVORS.quick),
    });
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    return { file: shown, entries: data.suppressions };
}
function utcDay(date) {
    return date.toISOString().slice(0, 10);
}
/** Suppresses through the expiry day: expired from the next UTC day on. ISO dates compare as strings. */
function isExpired(expires, today) {
    return today > expires;
}
/** `*` matches any characters except `/`; everything else is literal. The same rule as `--policy`. */
function policyPattern(pattern) {
    return (0, id_pattern_1.idPattern)(pattern);
}
/** Every field given must match; a matcher with no field matches nothing (the schema forbids it anyway). */
function matchesResource(matcher, resource, aliasOf) {
    const fields = Object.keys(matcher);
    if (fields.length === 0)
        return false;
    if (matcher.arn !== undefined && !arnMatches(matcher.arn, resource, aliasOf))
        return false;
    if (matcher.name !== undefined && matcher.name !== resource.name)
        return false;
    if (matcher.account !== undefined && !accountMatches(matcher.account, resource.accountId, aliasOf))
        return false;
    if (matcher.region !== undefined && matcher.region !== resource.region)
        return false;
    if (matcher.tags !== undefined) {
        // Unknown tags (DescribeBroker failed) never match: we cannot know.
        if (!resource.tags)
            return false;
        for (const [key, value] of Object.entries(matcher.tags)) {
            if (!Object.hasOwn(resource.tags, key) || resource.tags[key] !== value)
                return false;
        }
    }
    return true;
}
function applySuppressions(results, list, context) {
    const aliasOf = context.aliasOf ? memoize(context.aliasOf) : undefined;
    const entries = list.entries.map((entry, index) => ({
        entry,
        pointer: `/suppressions/${index}`,
        expired: isExpired(entry.expires, context.today),
        policy: policyPattern(entry.policy),
        failing: 0,
        errors: 0,
        others: 0,
    }));
    const annotated = results.map((result) => {
        let applied;
        for (const candidate of entries) {
            if (!candidate.policy(result.policyId) || !matchesResource(candidate.entry.resource, result.resource, aliasOf))
                continue;
            if (result.status === 'fail') {
                candidate.failing += 1;
                if (!candidate.expired && !applied)
                    applied = appliedFrom(list.file, candidate.pointer, candidate.entry);
            }
            else if (result.status === 'error') {
                candidate.errors += 1;
            }
            else {
                candidate.others += 1;
            }
        }
        return applied ? { ...result, suppression: applied } : result;
    });
    const statuses = entries.map((candidate) => {
        const state = candidate.expired
            ? 'expired'
            : candidate.failing > 0 || candidate.errors > 0
                ? 'active'
                : outOfScope(candidate.entry.resource, context.scopes, aliasOf)
                    ? 'out-of-scope'
                    : 'stale';
        return {
            ...candidate.entry,
            pointer: candidate.pointer,
            state,
            matched: candidate.failing,
            ...(state === 'stale' ? { matchedOtherResults: candidate.others } : {}),
        };
    });
    return { results: annotated, statuses, warnings: suppressionWarnings(list.file, statuses) };
}
function suppressionWarnings(file, statuses) {
    return statuses.flatMap((status) => {
        const what = `Suppression ${status.pointer} in ${file} (policy ${status.policy}, ${describeMatcher(status.resource)})`;
        if (status.state === 'expired') {
            const effect = status.matched > 0
                ? `it no longer suppresses, and the ${status.matched} failing finding(s) it matches count again`
                : 'it suppresses nothing and matches no failing finding: remove it';
            return [
                {
                    code: 'suppression-expired',
                    message: `${what} expired on ${status.expires}: ${effect}.`,
                    source: file,
                    place: status.pointer,
                },
            ];
        }
        if (status.state === 'stale') {
            const why = (status.matchedOtherResults ?? 0) > 0
                ? 'the finding it accepts is gone (the check now passes or no longer applies): remove it'
                : 'no broker and policy evaluated in this scan match it: check the policy id and the resource';
            return [
                {
                    code: 'suppression-stale',
                    message: `${what} matches no failing finding; ${why}.`,
                    source: file,
                    place: status.pointer,
                },
            ];
        }
        return [];
    });
}
/** `arn=…`, `name=orders-prod, region=eu-west-1`, `tags env=dev` — for messages. */
function describeMatcher(matcher) {
    const parts = [
        matcher.arn === undefined ? '' : `arn ${matcher.arn}`,
        matcher.name === undefined ? '' : `name ${matcher.name}`,
        matcher.account === undefined ? '' : `account ${matcher.account}`,
        matcher.region === undefined ? '' : `region ${matcher.region}`,
        matcher.tags === undefined
            ? ''
            : `tags ${Object.entries(matcher.tags)
                .map(([key, value]) => `${key}=${value}`)
                .join(', ')}`,
    ].filter(Boolean);
    return parts.join(', ');
}
function appliedFrom(file, pointer, entry) {
    return { file, pointer, reason: entry.reason, expires: entry.expires, ...(entry.ticket ? { ticket: entry.ticket } : {}) };
}
function arnParts(arn) {
    const match = /^(arn:[^:]*:[^:]*:[^:]*):([^:]*):(.*)$/s.exec(arn);
    return match ? { head: match[1], account: match[2], tail: match[3] } : undefined;
}
function arnMatches(written, resource, aliasOf) {
    if (written === resource.arn)
        return true;
    const want = arnParts(written);
    const have = arnParts(resource.arn);
    return (want !== undefined &&
        have !== undefined &&
        want.head === have.head &&
        want.tail === have.tail &&
        accountMatches(want.account, have.account, aliasOf));
}
function accountMatches(written, accountId, aliasOf) {
    return (written === accountId || (aliasOf !== undefined && written.startsWith('account-') && aliasOf(accountId) === written));
}
/** True when the matcher pins an account or region (directly or through its ARN) that the scan did not cover. */
function outOfScope(matcher, scopes, aliasOf) {
    const arn = matcher.arn === undefined ? undefined : arnParts(matcher.arn);
    const account = matcher.account ?? arn?.account;
    const region = matcher.region ?? (arn ? arn.head.split(':')[3] : undefined);
    if (account === undefined && region === undefined)
        return false;
    return !scopes.some((scope) => (account === undefined || accountMatches(account, scope.accountId, aliasOf)) &&
        (region === undefined || region === scope.region));
}
function memoize(fn) {
    const cache = new Map();
    return (accountId) => {
        let value = cache.get(accountId);
        if (value === undefined) {
            value = fn(accountId);
            cache.set(accountId, value);
        }
        return value;
    };
}
