"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.policyCatalogueMarkdown = policyCatalogueMarkdown;
const COLUMNS = [
    { header: 'AWS Config', cells: (p) => p.controls.awsConfig },
    { header: 'Security Hub', cells: (p) => p.controls.securityHub },
    { header: 'Prowler', cells: (p) => p.equivalents?.prowler },
    { header: 'Checkov', cells: (p) => p.equivalents?.checkov },
    { header: 'Trivy', cells: (p) => p.equivalents?.trivy },
];
function policyCatalogueMarkdown(policies) {
    const header = ['Policy', 'Severity', 'Checks', ...COLUMNS.map((c) => c.header)];
    const rows = policies.map((policy) => [
        `\`${policy.id}\``,
        policy.severity,
        escapeCell(policy.title) + (policy.engines ? ` (${policy.engines.map(engineName).join(', ')} only)` : ''),
        ...COLUMNS.map((column) => codeList(column.cells(policy))),
    ]);
    return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}
function codeList(values) {
    return values && values.length > 0 ? values.map((v) => `\`${v}\``).join(', ') : '—';
}
function engineName(engine) {
    return engine === 'ACTIVEMQ' ? 'ActiveMQ' : 'RabbitMQ';
}
/** Table cells cannot hold a pipe or a line break. */
function escapeCell(text) {
    return text.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}
