"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BREAK_WORDS = exports.PATHS_FORMATS = exports.PATHS_REPORT_VERSION = exports.PATHS_REPORT_KIND = void 0;
exports.renderPaths = renderPaths;
exports.renderPathsJson = renderPathsJson;
exports.hopTitle = hopTitle;
exports.hopDetails = hopDetails;
exports.renderPathsText = renderPathsText;
exports.independenceWords = independenceWords;
exports.renderPathsMermaid = renderPathsMermaid;
exports.escapeMermaid = escapeMermaid;
exports.escapeDot = escapeDot;
exports.brokerPathsDot = brokerPathsDot;
exports.brokerPathsMermaid = brokerPathsMermaid;
exports.renderPathsMarkdown = renderPathsMarkdown;
exports.aboutNetwork = aboutNetwork;
exports.findingNetwork = findingNetwork;
const terminal_1 = require("../foundation/terminal");
const markdown_1 = require("../foundation/markdown");
exports.PATHS_REPORT_KIND = 'mq-audit/paths';
exports.PATHS_REPORT_VERSION = 1;
exports.PATHS_FORMATS = ['text', 'json', 'mermaid', 'markdown'];
function renderPaths(format, report, options = {}) {
    switch (format) {
        case 'text': {
            return renderPathsText(report, options);
        }
        case 'json': {
            return renderPathsJson(report);
        }
        case 'mermaid': {
            return renderPathsMermaid(report, options);
        }
        case 'markdown': {
            return renderPathsMarkdown(report);
        }
        default: {
            throw new Error(`unknown paths format "${String(format)}"; expected one of ${exports.PATHS_FORMATS.join(', ')}`);
        }
    }
}
function renderPathsJson(report) {
    return (0, terminal_1.jsonTerminalSafe)(JSON.stringify(report, null, 2)) + '\n';
}
// ---------------------------------------------------------------------------------------------------------------
// Words shared by the formats
const HOP_TITLES = {
    broker: 'broker',
    'customer-gateway': 'customer gateway',
    'dx-connection': 'Direct Connect connection',
    'dx-gateway': 'Direct Connect gateway',
    'internet-gateway': 'internet gateway',
    'nat-gateway': 'NAT gateway',
    'network-acl': 'network ACL',
    'on-premises-network': 'on-premises network',
    'route-table': 'route table',
    'security-group': 'security group',
    subnet: 'subnet',
    target: 'route target',
    'tgw-attachment': 'TGW attachment',
    'tgw-route-table': 'TGW route table',
    'transit-gateway': 'transit gateway',
    'virtual-interface': 'virtual interface',
    'vpc-peering-connection': 'VPC peering connection',
    'vpn-gateway': 'virtual private gateway',
    'vpn-tunnel': 'VPN tunnel',
};
exports.BREAK_WORDS = {
    'no-route': 'no route',
    blackhole: 'blackhole route',
    'not-private': 'not a private path',
    'not-transitive': 'peering is not transitive',
    'routed-elsewhere': 'routed elsewhere',
    'gateway-detached': 'gateway detached',
    'no-connection': 'no VPN or Direct Connect',
    'vpn-unavailable': 'VPN unavailable',
    'tunnel-down': 'tunnel down',
    'connection-down': 'connection down',
    'interface-down': 'interface down',
    'bgp-down': 'BGP down',
    'not-advertised': 'subnet not advertised',
    'security-group': 'security group blocks',
    nacl: 'network ACL blocks',
    'no-subnet': 'no subnet',
};
/** `VPN tunnel 203.0.113.10 (vpn-…)`, `route table rtb-…`, `Direct Connect LAG dxlag-…`. */
function hopTitle(hop) {
    if (hop.kind === 'vpn-tunnel' && hop.tunnel)
        return `VPN tunnel ${hop.tunnel.outsideIpAddress} (${hop.id})`;
    if (hop.kind === 'vpn-tunnel')
        return `VPN connection ${hop.id}`;
    if (hop.kind === 'dx-connection' && hop.resourceType === 'AWS::DirectConnect::Lag')
        return `Direct Connect LAG ${hop.id}`;
    return `${HOP_TITLES[hop.kind] ?? hop.kind} ${hop.id}`;
}
/** The facts a hop carries besides its reason, one short phrase each. */
function hopDetails(hop) {
    const details = [];
    if (hop.route) {
        const { route } = hop;
        const via = [route.targetType, route.state, route.origin].filter(Boolean).join(', ');
        details.push(`route ${route.destination}${route.prefixListId ? ` (${route.prefixListId})` : ''} -> ${route.target}${via ? ` (${via})` : ''}`);
    }
    if (hop.tunnel) {
        const { tunnel } = hop;
        const accepted = tunnel.acceptedRouteCount === undefined ? '' : `, ${tunnel.acceptedRouteCount} BGP route(s) accepted`;
        details.push(`tunnel ${tunnel.outsideIpAddress} ${tunnel.status}${accepted}${tunnel.lastStatusChange ? `, since ${tunnel.lastStatusChange}` : ''}`);
    }
    if (hop.virtualInterface) {
        const vif = hop.virtualInterface;
        details.push(`${[vif.type, vif.state].filter(Boolean).join(' ') || 'interface'}, BGP ${vif.bgpUp}/${vif.bgpPeers} up`);
    }
    if (hop.rules && hop.rules.length > 0)
        details.push(`rule${hop.rules.length === 1 ? '' : 's'} ${hop.rules.join(', ')}`);
    if (hop.ports && hop.ports.length > 0)
        details.push(`port${hop.ports.length === 1 ? '' : 's'} ${hop.ports.join(', ')}`);
    if (hop.portRange)
        details.push(`return ports ${hop.portRange.from}-${hop.portRange.to}`);
    for (const missing of hop.missing ?? [])
        details.push(`missing: ${missingText(missing)}`);
    return details;
}
function missingText(missing) {
    const error = missing.error ? ` (${missing.error.service} ${missing.error.operation}: ${missing.error.code})` : '';
    return `${missing.reason}${error}`;
}
function viaText(path) {
    if (path.via === 'vpn')
        return `via VPN ${path.linkId ?? ''}`.trimEnd();
    if (path.via === 'direct-connect')
        return `via Direct Connect ${path.linkId ?? ''}`.trimEnd();
    return 'no link reached';
}
/** `<hop> (<why in words>): <message>`; the broken hop itself, when known, names the tunnel. */
function breakText(breakPoint, hop) {
    const title = hopTitle(hop ?? { kind: breakPoint.hop, id: breakPoint.id, resourceType: breakPoint.resourceType });
    const direction = breakPoint.direction === 'return' ? ', return traffic' : '';
    return `${title} (${exports.BREAK_WORDS[breakPoint.kind] ?? breakPoint.kind}${direction}): ${breakPoint.message}`;
}
/** The broken hop a break point names. */
function hopAt(path, breakPoint) {
    return path.hops.find((hop) => hop.status === 'broken' && hop.id === breakPoint.id && hop.kind === breakPoint.hop);
}
/** The first hop that is not ok: where a broken or unknown path stops. */
function firstProblem(path) {
    return path.hops.find((hop) => hop.status === 'broken') ?? path.hops.find((hop) => hop.status === 'unknown');
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
// ---------------------------------------------------------------------------------------------------------------
// Text
const WIDTH = 100;
const STATUS_WIDTH = 8;
const VERDICT_STYLE = {
    reachable: ['bold', 'green'],
    degraded: ['bold', 'yellow'],
    pending: ['bold', 'cyan'],
    unreachable: ['bold', 'red'],
    unknown: ['bold', 'magenta'],
    'not-collected': ['bold', 'magenta'],
};
const STATUS_STYLE = {
    ok: 'green',
    healthy: 'green',
    broken: 'red',
    unknown: 'magenta',
    pending: 'cyan',
};
/** Every value is escaped for the terminal (src/foundation/terminal.ts) before it is wrapped and coloured. */
function renderPathsText(unsafeReport, options = {}) {
    const report = (0, terminal_1.terminalSafeDeep)(unsafeReport);
    const paint = (0, terminal_1.painter)(options.color === true);
    const sections = [brokerSection(report, paint)];
    if (report.network) {
        sections.push(...onPremSections(report.network, report.onPremCidrs, paint, options.verbose === true), internetSection(report.network, paint));
        if (report.network.missing.length > 0)
            sections.push(missingSection(report.network.missing, paint));
    }
    if (report.collectionErrors.length > 0)
        sections.push(collectionErrorSection(report.collectionErrors, paint));
    sections.push(verdictLine(report, paint));
    return (0, terminal_1.terminalOutput)(sections.join('\n\n') + '\n');
}
function brokerSection(report, paint) {
    const { broker, network } = report;
    const lines = [
        `${paint('bold', `Paths to broker ${broker.name}`)}  ${broker.accountId} / ${broker.region}  ${broker.engineType}`,
        `  ${broker.arn}`,
        `  ${report.inventory.method} inventory collected ${report.inventory.collectedAt}${report.inventory.source ? ` (${report.inventory.source})` : ''}`,
    ];
    if (!network)
        return lines.join('\n');
    lines.push(`  VPC ${network.vpcId ?? 'none'}; security groups ${network.securityGroupIds.join(', ') || 'none'}`);
    for (const subnet of network.subnets) {
        const table = subnet.routeTableId
            ? `route table ${subnet.routeTableId}${subnet.routeTableAssociation ? ` (${subnet.routeTableAssociation})` : ''}`
            : 'route table unknown';
        const where = [subnet.cidr, subnet.availabilityZone].filter(Boolean).join(', ');
        lines.push(`  subnet ${subnet.id}${where ? ` (${where})` : ''}: ${table}, network ACL ${subnet.networkAclId ?? 'unknown'}`);
    }
    const ports = network.ports.map((p) => `${p.port} ${p.protocol}`).join(', ');
    lines.push(`  ports ${ports || 'none'}; return ports ${network.ephemeralPorts.from}-${network.ephemeralPorts.to}`);
    lines.push(`  independence: ${independenceWords(network.onPrem.independence)}`);
    const required = network.requiredPorts;
    if (required?.source === 'config') {
        lines.push(`  required ports ${required.ports.map((p) => `${p.port} ${p.protocol}`).join(', ')}: every one must pass (${required.rule ?? 'config'})`);
    }
    return lines.join('\n');
}
/** The independence rule in words, for the text outputs. */
function independenceWords(independence) {
    return independence === 'connection'
        ? 'connection (only the same tunnel, Direct Connect connection or LAG is shared)'
        : 'location (paths over one Direct Connect location are not independent)';
}
function onPremSections(facts, asked, paint, verbose) {
    const { onPrem } = facts;
    if (onPrem.networks.length === 0) {
        const why = asked.length > 0
            ? ''
            : ' None was given (--on-prem-cidr or onPremCidrs in the config file), and the broker subnets route nothing to a VPN or Direct Connect.';
        const lines = [`${paint('bold', 'No on-premises network.')}${why}`];
        if (onPrem.note)
            lines.push(...wrap(onPrem.note, WIDTH - 2).map((line) => `  ${line}`));
        if (onPrem.breakPoint)
            lines.push(...wrap(`Breaks at ${breakText(onPrem.breakPoint)}`, WIDTH - 2).map((line) => `  ${line}`));
        return [lines.join('\n')];
    }
    const intro = [];
    if (onPrem.source === 'inferred')
        intro.push('On-premises networks were inferred from the VPN and Direct Connect routes of the broker subnets (give them with --on-prem-cidr to check specific ones).');
    if (onPrem.note)
        intro.push(onPrem.note);
    const sections = intro.length > 0 ? [intro.flatMap((text) => wrap(text, WIDTH)).join('\n')] : [];
    return [
        ...sections,
        ...onPrem.networks.map((network) => verbose ? networkSection(network, paint) : compactNetworkSection(network, paint)),
    ];
}
function networkSection(network, paint) {
    const source = network.source === 'explicit' ? 'given' : 'inferred';
    const head = `${paint('bold', `On-premises network ${network.cidr}`)} (${source})  ${paint(VERDICT_STYLE[network.verdict], network.verdict.toUpperCase())}`;
    const summary = [
        `${plural(network.healthyPathCount, 'healthy path')} (${network.independentPathCount} independent) to the worst-served subnet`,
        network.openPorts.length > 0 ? `open ports ${network.openPorts.join(', ')}` : 'no broker port open',
    ].join('; ');
    const lines = [head, ...indent(wrap(summary, WIDTH - 2), '  ')];
    if (network.sharedFailure)
        lines.push(...indent(wrap(`not independent: ${network.sharedFailure}`, WIDTH - 2), '  '));
    for (const source of network.inferredFrom ?? [])
        lines.push(...indent(wrap(`inferred from ${source.id}: ${source.detail}`, WIDTH - 2), '  '));
    if (network.breakPoint)
        lines.push(...indent(wrap(`Breaks first at ${breakText(network.breakPoint)}`, WIDTH - 2), '  '));
    for (const missing of network.missing ?? [])
        lines.push(...indent(wrap(`missing: ${missingText(missing)}`, WIDTH - 2), '  '));
    if (network.paths.length === 0)
        lines.push('  No path: nothing routes this network towards the broker subnets.');
    network.paths.forEach((path, index) => lines.push('', pathBlock(path, index, network.paths.length, paint)));
    return lines.join('\n');
}
/**
 * One network as the diagram reads: the verdict, the links with their state, then each hop once — forward
 * (on-premises → broker) and return (broker → on-premises) apart — and where broken paths break, grouped by cause.
 * A hop that differs between paths (a tunnel, a subnet's route back) is shown once per distinct state; the same
 * hop with the same state but a different wording per subnet is shown once, with how many subnets it covers.
 * Hops that only restate the header (the network itself, an ok subnet, the broker) are left out. --verbose prints
 * every hop of every path.
 */
function compactNetworkSection(network, paint) {
    const source = network.source === 'explicit' ? 'given' : 'inferred';
    const head = `${paint('bold', `On-premises network ${network.cidr}`)} (${source})  ${paint(VERDICT_STYLE[network.verdict], network.verdict.toUpperCase())}`;
    const count = (status) => network.paths.filter((p) => p.status === status).length;
    const subnets = new Set(network.paths.map((p) => p.subnetId)).size;
    const statuses = ['healthy', 'pending', 'broken', 'unknown']
        .filter((s) => count(s) > 0)
        .map((s) => `${count(s)} ${s}`);
    const summary = [
        `${plural(network.healthyPathCount, 'healthy path')} (${network.independentPathCount} independent) to the worst-served subnet`,
        network.openPorts.length > 0 ? `open ports ${network.openPorts.join(', ')}` : 'no broker port open',
        `${plural(network.paths.length, 'path')} to ${plural(subnets, 'subnet')}${statuses.length > 0 ? `: ${statuses.join(', ')}` : ''}`,
    ].join('; ');
    const lines = [head, ...indent(wrap(summary, WIDTH - 2), '  ')];
    if (network.sharedFailure)
        lines.push(...indent(wrap(`not independent: ${network.sharedFailure}`, WIDTH - 2), '  '));
    for (const from of network.inferredFrom ?? [])
        lines.push(...indent(wrap(`inferred from ${from.id}: ${from.detail}`, WIDTH - 2), '  '));
    for (const missing of network.missing ?? [])
        lines.push(...indent(wrap(`missing: ${missingText(missing)}`, WIDTH - 2), '  '));
    if (network.paths.length === 0) {
        lines.push('  No path: nothing routes this network towards the broker subnets.');
        return lines.join('\n');
    }
    // Where broken paths break, once per cause.
    const breaks = new Map();
    for (const path of network.paths) {
        const problem = path.breakPoint
            ? `Breaks at ${breakText(path.breakPoint, hopAt(path, path.breakPoint))}`
            : path.status === 'unknown'
                ? (() => {
                    const hop = firstProblem(path);
                    return hop ? `Unknown at ${hopTitle(hop)}: ${hop.reason}` : undefined;
                })()
                : undefined;
        if (!problem)
            continue;
        const entry = breaks.get(problem) ?? { text: problem, paths: 0 };
        entry.paths += 1;
        breaks.set(problem, entry);
    }
    for (const { text, paths } of breaks.values())
        lines.push(...indent(wrap(`${text}${network.paths.length > 1 ? ` (${paths} of ${network.paths.length} paths)` : ''}`, WIDTH - 2), '  '));
    const groups = hopGroups(network.paths);
    const section = (title, entries) => {
        if (entries.length === 0)
            return;
        lines.push(`  ${paint('bold', title)}`);
        for (const entry of entries)
            lines.push(compactHopLines(entry, network.paths.length, paint));
    };
    section('Links', groups.filter((g) => LINK_KINDS.has(g.hop.kind)));
    section('Forward (on-premises → broker)', groups.filter((g) => !LINK_KINDS.has(g.hop.kind) && g.hop.direction !== 'return' && !restatesHeader(g)));
    section('Return (broker → on-premises)', groups.filter((g) => g.hop.direction === 'return').reverse());
    return lines.join('\n');
}
const LINK_KINDS = new Set([
    'customer-gateway',
    'vpn-tunnel',
    'dx-connection',
    'virtual-interface',
    'dx-gateway',
]);
function hopGroups(paths) {
    const groups = new Map();
    for (const path of paths) {
        for (const hop of path.hops) {
            // A tunnel's hops share the VPN id: the tunnel's address tells them apart.
            const key = `${hop.kind}|${hop.id}|${hop.tunnel?.outsideIpAddress ?? ''}|${hop.direction ?? ''}`;
            let group = groups.get(key);
            if (!group) {
                group = { hop, variants: [] };
                groups.set(key, group);
            }
            const variant = group.variants.find((v) => v.hop.status === hop.status && v.hop.reason === hop.reason);
            if (variant)
                variant.paths += 1;
            else
                group.variants.push({ hop, paths: 1 });
        }
    }
    return [...groups.values()];
}
/** The network itself, an ok subnet and the broker: the header already says them. */
function restatesHeader(group) {
    return (['on-premises-network', 'subnet', 'broker'].includes(group.hop.kind) &&
        group.variants.every((v) => v.hop.status === 'ok'));
}
function compactHopLines(group, pathCount, paint) {
    const prefix = '    ';
    const detailIndent = prefix + ' '.repeat(STATUS_WIDTH + 2);
    const byStatus = new Map();
    for (const variant of group.variants)
        byStatus.set(variant.hop.status, [...(byStatus.get(variant.hop.status) ?? []), variant]);
    const lines = [];
    for (const [status, variants] of byStatus) {
        const word = status === 'ok' ? 'ok' : status.toUpperCase();
        const paths = variants.reduce((n, v) => n + v.paths, 0);
        const others = variants.length > 1
            ? ` (likewise for ${variants.length - 1} other subnet${variants.length === 2 ? '' : 's'})`
            : '';
        const share = pathCount > 1 && paths < pathCount && variants.length === 1 && !LINK_KINDS.has(group.hop.kind)
            ? ` [${paths} of ${pathCount} paths]`
            : '';
        const title = hopTitle(group.hop);
        const reason = variants[0].hop.reason;
        const tunnel = group.hop.tunnel;
        // "route table rtb-1: rtb-1 (name) sends …" says the id twice: once is enough; a tunnel up says its state.
        const said = tunnel && status === 'ok' && variants.length === 1
            ? `${title}: ${tunnel.status}${tunnel.acceptedRouteCount === undefined ? '' : `, ${tunnel.acceptedRouteCount} BGP route(s) accepted`}${tunnel.lastStatusChange ? `, since ${tunnel.lastStatusChange}` : ''}`
            : reason.startsWith(`${group.hop.id} `)
                ? `${title}${reason.slice(group.hop.id.length)}`
                : `${title}: ${reason}`;
        const text = `${said}${others}${share}`;
        const [first, ...rest] = wrap(text, WIDTH - detailIndent.length);
        lines.push(`${prefix}${paint(STATUS_STYLE[status], word.padEnd(STATUS_WIDTH))}  ${first}`, ...rest.map((line) => detailIndent + line));
    }
    return lines.join('\n');
}
function pathBlock(path, index, count, paint) {
    const statusWord = paint(STATUS_STYLE[path.status], path.status.toUpperCase());
    const destination = path.excluding && path.excluding.length > 0
        ? ` (${path.destination} except ${path.excluding.join(', ')})`
        : path.destination === ''
            ? ''
            : ` (${path.destination})`;
    const lines = [
        `  ${paint('bold', `Path ${index + 1}/${count}`)}  to ${path.subnetId}${destination} ${viaText(path)}  ${statusWord}`,
    ];
    if (path.status === 'healthy') {
        lines.push(`    open ports ${path.openPorts.join(', ') || 'none'}`);
    }
    else if (path.breakPoint) {
        lines.push(...indent(wrap(`Breaks at ${breakText(path.breakPoint, hopAt(path, path.breakPoint))}`, WIDTH - 4), '    '));
    }
    else {
        const problem = firstProblem(path);
        if (problem)
            lines.push(...indent(wrap(`${problem.status === 'unknown' ? 'Unknown at' : 'Breaks at'} ${hopTitle(problem)}: ${problem.reason}`, WIDTH - 4), '    '));
    }
    for (const hop of path.hops)
        lines.push(hopLines(hop, paint));
    return lines.join('\n');
}
function hopLines(hop, paint) {
    const prefix = '    ';
    const detailIndent = prefix + ' '.repeat(STATUS_WIDTH + 2);
    const word = hop.status === 'ok' ? 'ok' : hop.status.toUpperCase();
    const status = paint(STATUS_STYLE[hop.status], word.padEnd(STATUS_WIDTH));
    const direction = hop.direction === 'return' ? ' [return]' : '';
    const text = `${hopTitle(hop)}${direction}: ${hop.reason}`;
    const [first, ...rest] = wrap(text, WIDTH - detailIndent.length);
    const lines = [`${prefix}${status}  ${first}`, ...rest.map((line) => detailIndent + line)];
    for (const detail of hopDetails(hop))
        lines.push(...wrap(detail, WIDTH - detailIndent.length - 2).map((line, i) => `${detailIndent}${i === 0 ? '- ' : '  '}${line}`));
    return lines.join('\n');
}
function internetSection(facts, paint) {
    const ingress = facts.internetIngress;
    const state = ingress.open === true
        ? paint(['bold', 'red'], 'OPEN')
        : ingress.open === false
            ? paint('green', 'closed')
            : paint('magenta', 'UNKNOWN');
    const lines = [`${paint('bold', 'Internet ingress')}  ${state}`];
    if (ingress.publiclyAccessible === true)
        lines.push('  the broker is publicly accessible (its endpoints resolve to public addresses)');
    if (ingress.openPorts.length > 0)
        lines.push(`  ports open to the whole internet: ${ingress.openPorts.join(', ')}`);
    for (const rule of ingress.rules) {
        const scope = rule.wholeInternet ? 'the whole internet' : 'public addresses';
        lines.push(...indent(wrap(`${rule.securityGroupId} rule ${rule.ruleId} admits ${rule.source} (${scope}) on ${rule.ports.join(', ')}`, WIDTH - 2), '  '));
    }
    if (ingress.publicSubnet === true)
        lines.push('  a broker subnet routes 0.0.0.0/0 or ::/0 to an internet gateway');
    if (ingress.open === false && lines.length === 1)
        lines.push('  not publicly accessible; no security group rule admits 0.0.0.0/0 or ::/0 on a broker port');
    for (const missing of ingress.missing ?? [])
        lines.push(...indent(wrap(`missing: ${missingText(missing)}`, WIDTH - 2), '  '));
    return lines.join('\n');
}
function missingSection(missing, paint) {
    const title = `${paint(['bold', 'magenta'], `Missing data (${missing.length}):`)} verdicts that depend on it are unknown, never reachable.`;
    return [title, ...missing.flatMap((m) => indent(wrap(missingText(m), WIDTH - 4), '  - ', '    '))].join('\n');
}
function collectionErrorSection(errors, paint) {
    const title = paint(['bold', 'red'], `Could not read (${errors.length}):`);
    const lines = errors.map((error) => {
        const where = [error.accountId, error.region].filter(Boolean).join(' / ') || 'no account';
        return `  ${error.service} ${error.operation}  ${where}  ${error.code} (${error.kind})${error.resource ? ` ${error.resource}` : ''}`;
    });
    return [title, ...lines].join('\n');
}
function verdictLine(report, paint) {
    return `${paint('bold', 'Verdict:')} ${paint(VERDICT_STYLE[report.verdict], report.verdict.toUpperCase())}. ${report.reason} (exit code ${report.exitCode})`;
}
function indent(lines, first, rest = first) {
    return lines.map((line, index) => (index === 0 ? first : rest) + line);
}
/** Greedy word wrap; a word longer than the width (an ARN) gets a line of its own. */
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line !== '' && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    lines.push(line);
    return lines;
}
const CLASS_DEFS = {
    ok: 'fill:#e6f4ea,stroke:#1e8e3e,color:#0d3d1b',
    broken: 'fill:#fce8e6,stroke:#d93025,stroke-width:3px,color:#5c0b05',
    unknown: 'fill:#f1f3f4,stroke:#80868b,stroke-width:2px,stroke-dasharray:5 4,color:#202124',
    pending: 'fill:#e8f0fe,stroke:#1a73e8,stroke-width:2px,stroke-dasharray:5 4,color:#0b2e6b',
    network: 'fill:#e8f0fe,stroke:#1a73e8,color:#0b2e6b',
    broker: 'fill:#fef7e0,stroke:#f9ab00,stroke-width:2px,color:#3c2a00',
    internet: 'fill:#fce8e6,stroke:#d93025,stroke-width:3px,color:#5c0b05',
};
const ARROWS = { ok: '-->', broken: '--x', unknown: '-.->', dead: '-.-', exposed: '-->' };
const EDGE_STYLES = {
    broken: 'stroke:#d93025,stroke-width:2px',
    exposed: 'stroke:#d93025,stroke-width:2px',
    unknown: 'stroke:#80868b,stroke-dasharray:5 4',
    dead: 'stroke:#bdc1c6,stroke-dasharray:2 4',
};
/** When paths share an edge, the best state wins: traffic that flows on one path flows. */
const EDGE_RANK = { ok: 0, exposed: 0, broken: 1, unknown: 2, dead: 3 };
const LABEL_LINE_CHARS = 48;
const BROKER_NODE = 'B';
function renderPathsMermaid(report, options = {}) {
    const diagram = mermaidText(pathGraph(report));
    return options.fenced ? `\`\`\`mermaid\n${diagram}\`\`\`\n` : diagram;
}
/**
 * Text inside a quoted Mermaid label. Quotes, `<`, `>`, `&`, `#`, `;` and backticks become Mermaid entity codes
 * (`#quot;` …) in one pass, so a name like `a"]; click B "x` cannot close the label or start a statement.
 */
/**
 * Text inside a quoted Mermaid label: quotes, entities, HTML, `;` (statement end) and backticks as entities; `%`
 * too, so that no `%%{init: …}%%` directive or `%%` comment can be formed; control and invisible format
 * characters (bidi overrides) shown escaped (src/foundation/terminal.ts).
 */
function escapeMermaid(text) {
    const entities = {
        '"': '#quot;',
        '#': '#35;',
        '&': '#amp;',
        '<': '#lt;',
        '>': '#gt;',
        ';': '#59;',
        '`': '#96;',
        '%': '#37;',
    };
    return (0, terminal_1.terminalSafe)(text.replace(/[ \t\n\r]+/g, ' ').trim()).replace(/["#&<>;`%]/g, (char) => entities[char]);
}
function label(lines) {
    return `"${lines
        .filter((line) => line !== '')
        .map((line) => escapeMermaid(shorten(line, LABEL_LINE_CHARS)))
        .join('<br/>')}"`;
}
function shorten(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
function mermaidText(graph) {
    const out = ['flowchart LR'];
    for (const [name, style] of Object.entries(CLASS_DEFS))
        out.push(`  classDef ${name} ${style}`);
    const nodeLine = (node, pad) => `${pad}${node.id}[${label(node.lines)}]`;
    for (const node of graph.nodes.filter((n) => !n.group))
        out.push(nodeLine(node, '  '));
    for (const group of graph.groups) {
        out.push(`  subgraph ${group.id}[${label([group.title])}]`);
        for (const node of graph.nodes.filter((n) => n.group === group.id))
            out.push(nodeLine(node, '    '));
        out.push('  end');
    }
    graph.edges.forEach((edge) => out.push(`  ${edge.from} ${ARROWS[edge.state]} ${edge.to}`));
    for (const cls of Object.keys(CLASS_DEFS)) {
        const ids = graph.nodes.filter((node) => node.cls === cls).map((node) => node.id);
        if (ids.length > 0)
            out.push(`  class ${ids.join(',')} ${cls}`);
    }
    for (const [state, style] of Object.entries(EDGE_STYLES)) {
        const indexes = graph.edges.flatMap((edge, index) => (edge.state === state ? [index] : []));
        if (indexes.length > 0)
            out.push(`  linkStyle ${indexes.join(',')} ${style}`);
    }
    return out.join('\n') + '\n';
}
// ---------------------------------------------------------------------------------------------------------------
// Graphviz DOT: the same graph as the Mermaid flowchart (pathGraph), for `scan --format html`, which lays it out
// with Graphviz (src/report/layout.ts) and inlines the SVG.
/** Node colours (fill, border, text), border width and dashes: the Mermaid class definitions' colours. */
const DOT_NODE = {
    ok: 'fillcolor="#e6f4ea", color="#1e8e3e", fontcolor="#0d3d1b"',
    broken: 'fillcolor="#fce8e6", color="#d93025", fontcolor="#5c0b05", penwidth=2.5',
    unknown: 'fillcolor="#f1f3f4", color="#80868b", fontcolor="#202124", penwidth=1.5, style="rounded,filled,dashed"',
    pending: 'fillcolor="#e8f0fe", color="#1a73e8", fontcolor="#0b2e6b", penwidth=1.5, style="rounded,filled,dashed"',
    network: 'fillcolor="#e8f0fe", color="#1a73e8", fontcolor="#0b2e6b"',
    broker: 'fillcolor="#fef7e0", color="#f9ab00", fontcolor="#3c2a00", penwidth=2',
    internet: 'fillcolor="#fce8e6", color="#d93025", fontcolor="#5c0b05", penwidth=2.5',
};
const DOT_EDGE = {
    ok: 'color="#1e8e3e"',
    broken: 'color="#d93025", penwidth=2, arrowhead=tee',
    exposed: 'color="#d93025", penwidth=2',
    unknown: 'color="#80868b", style=dashed',
    dead: 'color="#bdc1c6", style=dotted, arrowhead=none',
};
/**
 * Text inside a quoted DOT string, shown as it is: control and invisible format characters (bidi overrides)
 * escaped visibly (src/foundation/terminal.ts); `\` doubled, so that no escape (`\N`, `\G`, `\l`) is formed; `"`
 * escaped, so the string cannot end; `&` as `&amp;`, so Graphviz shows an entity's text rather than decoding it.
 * Graphviz writes label text into SVG with `<`, `>` and `"` as entities: no markup can come from a label.
 */
function escapeDot(text) {
    return (0, terminal_1.terminalSafe)(text.replace(/[ \t\n\r]+/g, ' ').trim()).replace(/[\\"&]/g, (char) => char === '&' ? '&amp;' : `\\${char}`);
}
function dotLabel(lines) {
    return `"${lines
        .filter((line) => line !== '')
        .map((line) => escapeDot(shorten(line, LABEL_LINE_CHARS)))
        .join('\\n')}"`;
}
/**
 * The broker's paths as a Graphviz digraph: one cluster per on-premises network (and one for internet ingress),
 * top to bottom into the one broker node (a page is narrower than the chain of hops is long). Node and cluster names are the graph's own (B, N0_3, cluster_G0): no
 * value from the estate is ever a name, only a quoted label.
 */
function brokerPathsDot(broker, network) {
    const graph = pathGraph({ broker, network });
    const out = [
        'digraph paths {',
        '  rankdir=TB; nodesep=0.3; ranksep=0.3; bgcolor="transparent"; newrank=true;',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica,Arial,sans-serif", fontsize=11, margin="0.26,0.08"];',
        '  edge [arrowsize=0.7];',
        '  graph [fontname="Helvetica,Arial,sans-serif", fontsize=11, labeljust=l, style="rounded,dashed", color="#9aa0a6"];',
    ];
    const nodeLine = (node, pad) => `${pad}${node.id} [label=${dotLabel(node.lines)}, class="${node.cls}", ${DOT_NODE[node.cls]}];`;
    for (const node of graph.nodes.filter((n) => !n.group))
        out.push(nodeLine(node, '  '));
    for (const group of graph.groups) {
        out.push(`  subgraph cluster_${group.id} {`, `    label=${dotLabel([group.title])};`);
        for (const node of graph.nodes.filter((n) => n.group === group.id))
            out.push(nodeLine(node, '    '));
        out.push('  }');
    }
    for (const edge of graph.edges)
        out.push(`  ${edge.from} -> ${edge.to} [class="${edge.state}", ${DOT_EDGE[edge.state]}];`);
    out.push('}');
    return out.join('\n') + '\n';
}
/** Builds nodes and edges: one subgraph per on-premises network (its hops), converging on one broker node. */
/** A broker's paths as a Mermaid flowchart, from its network facts alone (scan --plan: a moved verdict's picture). */
function brokerPathsMermaid(broker, network) {
    return mermaidText(pathGraph({ broker, network }));
}
function pathGraph(report) {
    const graph = { nodes: [], groups: [], edges: [] };
    const { broker, network } = report;
    const brokerLines = [`broker ${broker.name}`, `${broker.engineType} · ${broker.region}`];
    if (network?.internetIngress.publiclyAccessible)
        brokerLines.push('publicly accessible');
    graph.nodes.push({ id: BROKER_NODE, lines: brokerLines, cls: 'broker' });
    const edges = new Map();
    const addEdge = (from, to, state) => {
        if (from === to)
            return;
        const key = `${from}>${to}`;
        const existing = edges.get(key);
        if (!existing)
            edges.set(key, { from, to, state });
        else if (EDGE_RANK[state] < EDGE_RANK[existing.state])
            existing.state = state;
    };
    if (!network) {
        graph.nodes.push({
            id: 'M',
            lines: ['network not collected', `no network data for ${broker.region}`],
            cls: 'unknown',
        });
        addEdge('M', BROKER_NODE, 'unknown');
    }
    else {
        if (network.onPrem.networks.length === 0) {
            const lines = [
                'no on-premises network',
                network.onPrem.breakPoint ? exports.BREAK_WORDS[network.onPrem.breakPoint.kind] : 'none given, none found in routes',
            ];
            graph.nodes.push({ id: 'N', lines, cls: network.onPrem.breakPoint ? 'broken' : 'unknown' });
            addEdge('N', BROKER_NODE, network.onPrem.breakPoint ? 'broken' : 'unknown');
        }
        network.onPrem.networks.forEach((onPrem, index) => addNetwork(graph, onPrem, index, addEdge));
        addInternet(graph, network, addEdge);
    }
    graph.edges = [...edges.values()];
    return graph;
}
function addNetwork(graph, onPrem, index, addEdge) {
    const group = `G${index}`;
    const start = `N${index}`;
    graph.groups.push({ id: group, title: `${onPrem.cidr}: ${onPrem.verdict.toUpperCase()}` });
    graph.nodes.push({ id: start, lines: ['on-premises', onPrem.cidr], cls: 'network', group });
    const ids = new Map();
    const nodeFor = (hop) => {
        if (hop.kind === 'on-premises-network')
            return start;
        if (hop.kind === 'broker')
            return BROKER_NODE;
        // The same resource is a different node when its verdict differs (a route table that routes one part of
        // the network and not another), and on the way back (stateless NACL rules checked for the return traffic).
        const key = [hop.kind, hop.id, hop.tunnel?.outsideIpAddress ?? '', hop.direction ?? '', hop.status].join('|');
        let id = ids.get(key);
        if (!id) {
            id = `${start}_${ids.size + 1}`;
            ids.set(key, id);
            graph.nodes.push({ id, lines: hopLabel(hop), cls: hop.status === 'ok' ? 'ok' : hop.status, group });
        }
        return id;
    };
    const paths = onPrem.paths.length > 0 ? onPrem.paths : standInPaths(onPrem);
    for (const path of paths) {
        const chain = [{ id: start, status: 'ok' }];
        // The broker is drawn last even where the model checks something after it (the replies leaving its
        // subnet through the network ACL), so every path reads left to right and ends at the one broker node.
        const brokerHop = path.hops.find((hop) => hop.kind === 'broker');
        for (const hop of path.hops.filter((h) => h.kind !== 'broker')) {
            const id = nodeFor(hop);
            if (chain.at(-1).id !== id)
                chain.push({ id, status: hop.status });
        }
        chain.push({ id: BROKER_NODE, status: brokerHop?.status ?? 'ok' });
        const firstBad = chain.findIndex((link) => link.status !== 'ok');
        for (let i = 1; i < chain.length; i++) {
            const target = chain[i];
            let state = 'ok';
            if (target.status === 'broken')
                state = 'broken';
            else if (target.status === 'unknown' || target.status === 'pending')
                state = 'unknown';
            else if (firstBad >= 0 && i > firstBad)
                state = path.status === 'broken' ? 'dead' : 'unknown';
            addEdge(chain[i - 1].id, target.id, state);
        }
    }
}
/** A network without paths still shows where it stops (its break point) or that it is unknown. */
function standInPaths(onPrem) {
    const hop = onPrem.breakPoint
        ? breakPointHop(onPrem.breakPoint)
        : {
            kind: 'target',
            resourceType: '',
            id: 'no path',
            status: onPrem.verdict === 'unknown' ? 'unknown' : 'broken',
            reason: onPrem.missing?.[0]?.reason ?? 'no path',
        };
    return [
        {
            subnetId: '',
            destination: onPrem.cidr,
            via: 'none',
            status: hop.status === 'unknown' ? 'unknown' : 'broken',
            openPorts: [],
            hops: [hop],
        },
    ];
}
function breakPointHop(breakPoint) {
    return {
        kind: breakPoint.hop,
        resourceType: breakPoint.resourceType,
        id: breakPoint.id,
        ...(breakPoint.arn ? { arn: breakPoint.arn } : {}),
        status: 'broken',
        reason: breakPoint.message,
        break: breakPoint.kind,
        ...(breakPoint.direction ? { direction: breakPoint.direction } : {}),
    };
}
function hopLabel(hop) {
    const title = hop.kind === 'vpn-tunnel' && hop.tunnel ? 'VPN tunnel' : (HOP_TITLES[hop.kind] ?? hop.kind);
    const lines = [
        title + (hop.direction === 'return' ? ' (return)' : ''),
        hop.tunnel ? `${hop.id} ${hop.tunnel.outsideIpAddress}` : hop.id,
    ];
    if (hop.status === 'broken')
        lines.push(hop.break ? exports.BREAK_WORDS[hop.break] : 'broken');
    else if (hop.status === 'unknown')
        lines.push('unknown');
    else if (hop.route)
        lines.push(`${hop.route.destination} → ${hop.route.target}`);
    else if (hop.tunnel)
        lines.push(hop.tunnel.status);
    else if (hop.virtualInterface)
        lines.push(`BGP ${hop.virtualInterface.bgpUp}/${hop.virtualInterface.bgpPeers} up`);
    else if (hop.rules && hop.rules.length > 0)
        lines.push(`rules ${hop.rules.join(', ')}`);
    return lines;
}
function addInternet(graph, facts, addEdge) {
    const ingress = facts.internetIngress;
    if (ingress.open !== true)
        return;
    const group = 'GI';
    graph.groups.push({ id: group, title: 'internet ingress: OPEN' });
    graph.nodes.push({ id: 'I', lines: ['internet', '0.0.0.0/0, ::/0'], cls: 'internet', group });
    if (ingress.publiclyAccessible)
        addEdge('I', BROKER_NODE, 'exposed');
    ingress.rules.forEach((rule, index) => {
        const id = `E${index + 1}`;
        graph.nodes.push({
            id,
            lines: [
                'security group',
                rule.securityGroupId,
                `${rule.ruleId}: ${rule.source}`,
                `ports ${rule.ports.join(', ')}`,
            ],
            cls: 'broken',
            group,
        });
        addEdge('I', id, 'exposed');
        addEdge(id, BROKER_NODE, 'exposed');
    });
}
// ---------------------------------------------------------------------------------------------------------------
// Markdown (a pull-request comment or $GITHUB_STEP_SUMMARY)
function renderPathsMarkdown(report) {
    const { broker, network } = report;
    const lines = [
        `### Network paths to ${(0, markdown_1.markdownCode)(broker.name)} (${(0, markdown_1.markdownText)(`${broker.accountId} / ${broker.region}`)})`,
        '',
        `**${report.verdict.toUpperCase()}**: ${(0, markdown_1.markdownText)(report.reason)}`,
        '',
    ];
    if (network && network.onPrem.networks.length > 0) {
        lines.push('| On-premises network | Verdict | Healthy paths | Independent | Breaks at |', '|---|---|---|---|---|');
        for (const onPrem of network.onPrem.networks) {
            const breaks = onPrem.breakPoint ? (0, markdown_1.markdownText)(breakText(onPrem.breakPoint)) : '';
            lines.push(`| ${(0, markdown_1.markdownCode)(onPrem.cidr)} | ${onPrem.verdict} | ${onPrem.healthyPathCount} | ${onPrem.independentPathCount} | ${breaks} |`);
        }
        lines.push('');
    }
    if (network?.internetIngress.open === true)
        lines.push(`**Internet ingress is open** on port(s) ${network.internetIngress.openPorts.join(', ') || 'of the broker'}.`, '');
    lines.push(renderPathsMermaid(report, { fenced: true }));
    return lines.join('\n');
}
// ---------------------------------------------------------------------------------------------------------------
// Findings: which hops a failing network policy result is about
const MAX_FINDING_FLOWS = 10;
const REDUNDANCY = /(^|\.)(redundant|independentPathCount|healthyPathCount)(\.|$)/;
const NETWORK_INDEX = /^network\.onPrem\.networks\.(\d+)(\.|$)/;
/** Whether an explanation points into the broker document's `network` member. */
function aboutNetwork(explanation) {
    return explanation.path === 'network' || explanation.path.startsWith('network.');
}
/**
 * The hops a failing finding is about, chosen by where its assertion failed: the rules admitting the internet
 * (internetIngress), the best healthy path of each network without redundancy (redundant, path counts), or
 * else the path where each failing network breaks. Undefined when the facts have nothing to show.
 */
function findingNetwork(facts, broker, explanations = []) {
    const paths = explanations.map((e) => e.path);
    if (paths.some((path) => path.startsWith('network.internetIngress')))
        return internetFinding(facts, broker);
    const named = new Set(paths.flatMap((path) => {
        const match = NETWORK_INDEX.exec(path);
        return match ? [Number(match[1])] : [];
    }));
    const networks = facts.onPrem.networks;
    if (paths.some((path) => REDUNDANCY.test(path))) {
        const chosen = named.size > 0 ? networks.filter((_, i) => named.has(i)) : networks.filter((n) => n.redundant !== true);
        // A network with no healthy path at all (or only part of it reachable) is better shown where it breaks.
        const pathOf = (n) => (n.verdict === 'unreachable' || n.verdict === 'unknown' ? breakingPath(n) : undefined) ??
            bestHealthyPath(n) ??
            breakingPath(n);
        return finding('healthy-path', chosen.map((n) => flowOf(n, pathOf(n))), facts.requiredPorts);
    }
    const failing = networks.filter((n) => n.verdict === 'unreachable' || n.verdict === 'unknown');
    const chosen = named.size > 0
        ? networks.filter((_, i) => named.has(i))
        : failing.length > 0
            ? failing
            : networks.filter((n) => n.verdict !== 'reachable');
    const flows = chosen.map((n) => flowOf(n, n.verdict === 'degraded' ? bestHealthyPath(n) : breakingPath(n)));
    if (flows.length === 0 && facts.onPrem.breakPoint) {
        flows.push({
            from: 'on-premises',
            verdict: facts.onPrem.verdict,
            breakPoint: facts.onPrem.breakPoint,
            hops: [breakPointHop(facts.onPrem.breakPoint)],
        });
    }
    if (flows.length === 0 && facts.internetIngress.open === true)
        return internetFinding(facts, broker);
    return finding('broken-path', flows, facts.requiredPorts);
}
function finding(focus, flows, requiredPorts) {
    const kept = flows.filter((flow) => flow.hops.length > 0).slice(0, MAX_FINDING_FLOWS);
    return kept.length > 0 ? { focus, ...(requiredPorts && { requiredPorts }), flows: kept } : undefined;
}
/** The path that shows where the network breaks: the one at the network's break point, else the first not healthy. */
function breakingPath(network) {
    const bp = network.breakPoint;
    const atBreak = bp && network.paths.find((p) => p.breakPoint && p.breakPoint.id === bp.id && p.breakPoint.kind === bp.kind);
    return (atBreak || network.paths.find((p) => p.status === 'broken') || network.paths.find((p) => p.status === 'unknown'));
}
/** The healthy path with the most broker ports open (the first of equals, in the model's order). */
function bestHealthyPath(network) {
    let best;
    for (const path of network.paths)
        if (path.status === 'healthy' && (!best || path.openPorts.length > best.openPorts.length))
            best = path;
    return best;
}
function flowOf(network, path) {
    const breakPoint = path?.breakPoint ?? (path?.status === 'healthy' ? undefined : network.breakPoint);
    const hops = path ? path.hops : network.breakPoint ? [breakPointHop(network.breakPoint)] : [];
    return {
        from: network.cidr,
        verdict: network.verdict,
        ...(path ? { subnetId: path.subnetId, via: path.via } : {}),
        ...(path?.linkId ? { linkId: path.linkId } : {}),
        ...(breakPoint ? { breakPoint } : {}),
        hops,
    };
}
/** One hop per security group rule admitting the internet, and the broker itself when it is publicly accessible. */
function internetFinding(facts, broker) {
    const ingress = facts.internetIngress;
    // Rules admitting only some public range (a partner) are listed in the facts but are not "the internet".
    const whole = ingress.rules.filter((rule) => rule.wholeInternet);
    const hops = (whole.length > 0 ? whole : ingress.rules).map((rule) => ({
        kind: 'security-group',
        resourceType: 'AWS::EC2::SecurityGroup',
        id: rule.securityGroupId,
        accountId: broker.accountId,
        region: broker.region,
        status: 'broken',
        break: 'security-group',
        reason: `${rule.securityGroupId} rule ${rule.ruleId} admits ${rule.source}${rule.wholeInternet ? ' (the whole internet)' : ''} on port(s) ${rule.ports.join(', ')}`,
        rules: [rule.ruleId],
        ports: rule.ports,
    }));
    if (ingress.publiclyAccessible === true) {
        hops.push({
            kind: 'broker',
            resourceType: 'AWS::AmazonMQ::Broker',
            id: broker.id,
            arn: broker.arn,
            accountId: broker.accountId,
            region: broker.region,
            status: 'broken',
            reason: `broker ${broker.name} is publicly accessible: its endpoints resolve to public addresses`,
        });
    }
    return finding('internet-ingress', [{ from: 'internet', hops }]);
}
