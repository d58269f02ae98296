"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.policyCatalogueMarkdown = policyCatalogueMarkdown;
const markdown_1 = require("../foundation/markdown");
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
        (0, markdown_1.markdownCode)(policy.id),
        policy.severity,
        (0, markdown_1.markdownText)(policy.title) + (policy.engines ? ` (${policy.engines.map(engineName).join(', ')} only)` : ''),
        ...COLUMNS.map((column) => codeList(column.cells(policy))),
    ]);
    return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}
function codeList(values) {
    return values && values.length > 0 ? values.map(markdown_1.markdownCode).join(', ') : '—';
}
function engineName(engine) {
    return engine === 'ACTIVEMQ' ? 'ActiveMQ' : 'RabbitMQ';
}
