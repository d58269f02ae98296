/**
 * The policy catalogue as a Markdown table: what each policy checks and which AWS controls and peer-scanner checks
 * cover the same ground. The README's table is this output (a test keeps them equal), and `policies list
 * --markdown` gives teams the same table for their own policies. Titles and ids come from policy files, which a
 * pull request may write: they are escaped like every other text of a pull-request comment (src/foundation/markdown.ts).
 */
import type {Policy} from '../policy/types';
import {markdownCode, markdownText} from '../foundation/markdown';

const COLUMNS: {header: string; cells: (policy: Policy) => string[] | undefined}[] = [
  {header: 'AWS Config', cells: (p) => p.controls.awsConfig},
  {header: 'Security Hub', cells: (p) => p.controls.securityHub},
  {header: 'Prowler', cells: (p) => p.equivalents?.prowler},
  {header: 'Checkov', cells: (p) => p.equivalents?.checkov},
  {header: 'Trivy', cells: (p) => p.equivalents?.trivy},
];

export function policyCatalogueMarkdown(policies: readonly Policy[]): string {
  const header = ['Policy', 'Severity', 'Checks', ...COLUMNS.map((c) => c.header)];
  const rows = policies.map((policy) => [
    markdownCode(policy.id),
    policy.severity,
    markdownText(policy.title) + (policy.engines ? ` (${policy.engines.map(engineName).join(', ')} only)` : ''),
    ...COLUMNS.map((column) => codeList(column.cells(policy))),
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}

function codeList(values: string[] | undefined): string {
  return values && values.length > 0 ? values.map(markdownCode).join(', ') : '—';
}

function engineName(engine: string): string {
  return engine === 'ACTIVEMQ' ? 'ActiveMQ' : 'RabbitMQ';
}
