import {loadBaseline} from '../../src/policy/baseline';
import {decideGate} from '../../src/policy/gate';
import type {Evaluation} from '../../src/policy/types';
import {judgeFindings} from '../../src/report/build';
import {render} from '../../src/report/index';
import {escapeCell, MAX_ROWS, renderMarkdown} from '../../src/report/markdown';
import type {ScanReport} from '../../src/report/types';
import {liveMarkdown} from '../helpers/markdown';
import {
  assembleReport,
  BROKERS,
  broker,
  buildReport,
  evaluations,
  largeReport,
  reportedPolicies,
  shuffledReport,
} from '../helpers/report-fixture';

/** The cells of a GFM table row: split on `|` not escaped by a backslash. */
function cells(row: string): string[] {
  const parts = row.trim().split(/(?<!\\)\|/);
  expect(parts[0]).toBe('');
  expect(parts.at(-1)).toBe('');
  return parts.slice(1, -1).map((cell) => cell.trim());
}

/** The table that follows a `### title` heading (title matched at its start): header and rows as cells. */
function tableAfter(markdown: string, title: string): {header: string[]; rows: string[][]} {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`### ${title}`));
  expect(start).toBeGreaterThanOrEqual(0);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  const block: string[] = [];
  for (let i = first; i < lines.length && lines[i].startsWith('|'); i++) block.push(lines[i]);
  const [header, divider, ...rows] = block.map(cells);
  expect(divider.every((cell) => /^-+:?$/.test(cell))).toBe(true);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return {header, rows};
}

function judged(report: ScanReport, input: Parameters<typeof judgeFindings>[1]): ScanReport {
  const {results, sections} = judgeFindings(report.results, input, report.inventory.scopes);
  const gate = decideGate(results, report.collectionErrors.length, report.gate.failOn, {
    baseline: input.baseline !== undefined,
  });
  return {...report, results, ...sections, gate: {failOn: report.gate.failOn, ...gate}};
}

describe('renderMarkdown', () => {
  const report = buildReport();
  const markdown = renderMarkdown(report);

  it('is what the registry renders, ends in one newline and is the same for any input order', () => {
    expect(render('markdown', report, {})).toBe(markdown);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
    expect(renderMarkdown(shuffledReport(report, 2))).toBe(markdown);
  });

  it('opens with the gate decision, its reason and the exit code', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('## mq-audit: gate failed ❌');
    expect(lines[2]).toBe(`**${report.gate.reason}** Exit code 1, fail-on \`high\`.`);
    expect(lines[4]).toContain('5 brokers in 2 accounts and 2 regions');
  });

  it('counts failing findings by severity', () => {
    expect(markdown).toMatch(/^\| Severity \| Failing \|$/m);
    const table = markdown
      .split('\n')
      .filter((line) => /^\| (critical|high|medium|low) \|/.test(line))
      .map(cells);
    expect(table).toEqual([
      ['critical', '1'],
      ['high', '2'],
      ['medium', '1'],
      ['low', '2'],
    ]);
  });

  it('lists every failing finding with its brokers, severity, policy and whole reason, grouped like the table', () => {
    const {header, rows} = tableAfter(markdown, 'Failing brokers (3)');
    expect(header).toEqual(['Brokers', 'Severity', 'Policy', 'Reason', 'Gate']);
    // fail-on high: only critical and high findings fail the gate
    expect(rows.map((row) => row[4])).toEqual(['fails', 'fails', 'fails', '', '', '']);
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['orders-prod (111122223333 / eu-west-1)', 'critical', '`mq/no-public-access`'],
      ['billing-events (111122223333 / eu-west-1)', 'high', '`mq/production-ha`'],
      ['legacy\\~batch.01 (444455556666 / eu-west-1)', 'high', '`mq/supported-engine-version`'],
      ['orders-prod (111122223333 / eu-west-1)', 'medium', '`mq/audit-logs`'],
      ['billing-events (111122223333 / eu-west-1)', 'low', '`mq/rabbitmq-cluster-mode`'],
      ['legacy\\~batch.01 (444455556666 / eu-west-1)', 'low', '`mq/required-tags`'],
    ]);
    expect(rows[0][3]).toBe('Broker orders-prod is publicly accessible from the internet');
  });

  it('lists what could not be checked: checks not evaluated for one cause in one row, and collection errors', () => {
    expect(markdown).toContain('### Incomplete: 4 checks not evaluated, 2 collection errors');
    const {header, rows} = tableAfter(markdown, 'Incomplete');
    expect(header).toEqual(['Brokers', 'Checks', 'Why they could not be evaluated']);
    expect(rows.map((row) => `${row[0]}: ${row[1]}: ${row[2]}`)).toEqual([
      'payments-dr (444455556666 / eu-west-1): 3 checks: mq:DescribeBroker denied (AccessDeniedException)',
      expect.stringMatching(/^legacy\\~batch\.01 \(444455556666 \/ eu-west-1\): mq\/audit-logs: /),
    ]);
    expect(markdown).toMatch(
      /^\| mq DescribeBroker \| 444455556666 \/ eu-west-1 \/ b-1a2b3c4d-0004-4e5f-8a9b-000000000004 \| AccessDeniedException \(access-denied\) \|/m,
    );
    expect(markdown).toContain('never counted as passing');
  });

  it('has no suppression, baseline or warning sections when none were used', () => {
    expect(markdown).not.toContain('### Suppressed');
    expect(markdown).not.toContain('### Against the baseline');
    expect(markdown).not.toContain('### Warnings');
  });

  it('says so plainly when nothing fails', () => {
    const clean = assembleReport(
      reportedPolicies(),
      evaluations().filter((ev) => ev.status === 'pass'),
      [],
    );
    const text = renderMarkdown(clean);
    expect(text.split('\n')[0]).toBe('## mq-audit: gate passed ✅');
    expect(text).toContain('### Failing brokers\n\nNone.');
    expect(text).not.toContain('### Incomplete');
  });
});

describe('renderMarkdown with suppressions and a baseline', () => {
  const report = judged(buildReport(), {
    generatedAt: buildReport().generatedAt,
    suppressions: {
      file: '.mq-audit/suppressions.json',
      entries: [
        {
          policy: 'mq/no-public-access',
          resource: {name: 'orders-prod'},
          reason: 'Partner | access <SEC-1> *approved*',
          expires: '2026-12-31',
          ticket: 'SEC-1',
        },
        {
          policy: 'mq/production-ha',
          resource: {name: 'billing-events'},
          reason: 'Expired acceptance.',
          expires: '2026-01-01',
        },
        {policy: 'mq/production-ha', resource: {name: 'no-such-broker'}, reason: 'Typo.', expires: '2026-12-31'},
      ],
    },
    baseline: loadBaseline('test/fixtures/baseline/earlier-report.json'),
  });
  const markdown = renderMarkdown(report);

  it('adds New and Suppressed columns to the severity counts', () => {
    const rows = markdown
      .split('\n')
      .filter((line) => /^\| (critical|high|medium|low) \|/.test(line))
      .map(cells);
    // critical: orders-prod suppressed; high: billing (unchanged) + legacy (new); medium: orders audit-logs (new); low: 2, one new
    expect(rows).toEqual([
      ['critical', '0', '0', '1'],
      ['high', '2', '1', '0'],
      ['medium', '1', '1', '0'],
      ['low', '2', '1', '0'],
    ]);
    expect(markdown).toMatch(/^\| Severity \| Failing \| New \| Suppressed \|$/m);
  });

  it('marks each failing finding new or unchanged, new ones first', () => {
    const {header, rows} = tableAfter(markdown, 'Failing brokers');
    expect(header.slice(-2)).toEqual(['Baseline', 'Gate']);
    // fail-on high: of the high ones, only the new one fails the gate
    expect(rows.map((row) => `${row[4]} ${row[2]} ${row[5]}`.trim())).toEqual([
      'new `mq/supported-engine-version` fails',
      'new `mq/audit-logs`',
      'new `mq/rabbitmq-cluster-mode`',
      'unchanged `mq/production-ha`',
      'unchanged `mq/required-tags`',
    ]);
  });

  it('lists suppressed findings with reason and expiry, escaped', () => {
    const {header, rows} = tableAfter(markdown, 'Suppressed (1)');
    expect(header).toEqual(['Broker', 'Severity', 'Policy', 'Reason', 'Expires']);
    expect(rows).toEqual([
      [
        'orders-prod',
        'critical',
        '`mq/no-public-access`',
        'Partner \\| access &lt;SEC-1&gt; \\*approved\\* (SEC-1)',
        '2026-12-31',
      ],
    ]);
    expect(markdown).toContain(
      'Accepted by .mq-audit/suppressions.json: these do not fail the gate and are not uploaded to code scanning.',
    );
  });

  it('says what changed against the baseline, with what absent findings are now', () => {
    expect(markdown).toContain(
      'test/fixtures/baseline/earlier-report.json (2026-11-01T08:00:00.000Z): **3 new**, 3 unchanged, 3 no longer failing (1 fixed).',
    );
    const {rows} = tableAfter(markdown, 'Against the baseline');
    expect(rows.map((row) => `${row[0]}: ${row[4]} ${row[1]}`)).toEqual([
      'fixed: `mq/audit-logs` inventory-sync',
      'not in this scan: `mq/no-public-access` old-broker',
      'not evaluated this time: `mq/no-public-access` payments-dr',
    ]);
  });

  it('lists expired and stale suppressions as warnings', () => {
    expect(markdown).toContain('### Warnings (2)');
    expect(markdown).toMatch(
      /^- Suppression \/suppressions\/1 in .mq-audit\/suppressions.json .* expired on 2026-01-01: it no longer suppresses/m,
    );
    expect(markdown).toMatch(/^- Suppression \/suppressions\/2 .* matches no failing finding/m);
  });
});

describe('escaping', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['*bold* _it_ ~del~ `code`', '\\*bold\\* \\_it\\_ \\~del\\~ \\`code\\`'],
    ['[link](x)', '\\[link\\](x)'],
    ['$x$ and # and !', '\\$x\\$ and \\# and \\!'],
    ['line\nbreak\r\n\tand  spaces', 'line break and spaces'],
    ['&amp; &#x40;', '&amp;amp; &amp;\\#x40;'],
    ['back\\slash|', 'back\\\\slash\\|'],
  ])('escapes %j', (raw, escaped) => {
    expect(escapeCell(raw)).toBe(escaped);
  });

  // Issue 18, item 8. GitHub finds mentions, autolinks and issue references in the rendered text, after
  // backslash escapes and entities are resolved, but never inside code: such words are written as code spans.
  it.each([
    ['ping @octocat now', 'ping `@octocat` now'],
    ['team @octo-org/security-team.', 'team `@octo-org/security-team.`'],
    ['(@octocat)', '`(@octocat)`'],
    ['mail mallory@evil.example', 'mail `mallory@evil.example`'],
    ['see https://evil.example/x?a=1&b=<2>', 'see `https://evil.example/x?a=1&b=<2>`'],
    ['see www.evil.example and WWW.EVIL.EXAMPLE', 'see `www.evil.example` and `WWW.EVIL.EXAMPLE`'],
    ['[click](javascript:alert(1)//x)', '\\[click\\](javascript:alert(1)//x)'],
    ['mailto:x xmpp:y', '`mailto:x` `xmpp:y`'],
    ['fixes #1, GH-2 and octo/repo#3', 'fixes `#1,` `GH-2` and `octo/repo#3`'],
    ['a|@b`c', '``a\\|@b`c``'],
    ['`@x`', '`` `@x` ``'],
    [
      'prod\u202e\u2066txt.exe\u2069 \u200bx \u001b[2J \u0000',
      'prod\\\\u202e\\\\u2066txt.exe\\\\u2069 \\\\u200bx \\\\u001b\\[2J \\\\u0000',
    ],
  ])('neutralises %j', (raw, escaped) => {
    expect(escapeCell(raw)).toBe(escaped);
    expect(liveMarkdown(escapeCell(raw))).toEqual([]);
  });

  it('leaves no mention, autolink, reference or invisible character live in a rendered report', () => {
    const hostile = `orders @octocat @octo-org/team https://evil.example/a www.evil.example m@evil.example #1 GH-2 \u202e\u200b[x](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](https://evil.example/i.png)`;
    const results: Evaluation[] = evaluations().map((ev) => ({
      ...ev,
      message: hostile,
      resource: {...ev.resource, name: hostile},
    }));
    const text = renderMarkdown({...buildReport(), results, warnings: [{message: hostile}]} as ScanReport);
    expect(text).toContain('`@octocat`');
    expect(liveMarkdown(text)).toEqual([]);
    expect(text).not.toMatch(/<img/);
    expect(text).toContain('`![i](https://evil.example/i.png)`');
    expect(tableAfter(text, 'Failing brokers').rows[0][0]).toMatch(
      /^orders `@octocat` `@octo-org\/team` `https:\/\/evil.example\/a`/,
    );
  });

  it('keeps tables intact whatever a broker name or message holds', () => {
    const hostile = 'evil|name<img src=x onerror=alert(1)>`|`\n| injected | row |';
    const results: Evaluation[] = evaluations().map((ev) =>
      ev.status === 'fail' && ev.resource.arn === BROKERS.ordersProd.arn
        ? {...ev, message: hostile, resource: {...ev.resource, name: hostile}}
        : ev,
    );
    const text = renderMarkdown({...buildReport(), results});
    const {rows} = tableAfter(text, 'Failing brokers');
    const evil = rows.filter((row) => row[0].startsWith('evil'));
    expect(evil).toHaveLength(2);
    expect(evil[0][0]).toBe(
      'evil\\|name&lt;img src=x onerror=alert(1)&gt;\\`\\|\\` \\| injected \\| row \\| (111122223333 / eu-west-1)',
    );
    expect(text).not.toMatch(/<img/);
    expect(text.split('\n').filter((line) => line.startsWith('| injected'))).toEqual([]);
  });

  it('cuts long tables and says how many rows are left out', () => {
    const big = largeReport(MAX_ROWS + 25);
    const text = renderMarkdown(big);
    const {rows} = tableAfter(text, 'Failing brokers');
    expect(rows).toHaveLength(MAX_ROWS);
    expect(text).toContain('… and 25 more: see the JSON report (`--format json`).');
  });

  it('keeps a long reason whole (no cut in the middle of a cause), up to 4,000 characters', () => {
    const long = `${'the cause, '.repeat(90)}and the end`;
    const whole = tableAfter(
      renderMarkdown({
        ...buildReport(),
        results: evaluations().map((ev) => (ev.status === 'fail' ? {...ev, message: long} : ev)),
      }),
      'Failing brokers',
    );
    expect(whole.rows[0][3]).toBe(long);
    const huge = 'x'.repeat(5000);
    const {rows} = tableAfter(
      renderMarkdown({
        ...buildReport(),
        results: evaluations().map((ev) => (ev.status === 'fail' ? {...ev, message: huge} : ev)),
      }),
      'Failing brokers',
    );
    expect(rows[0][3].length).toBeLessThanOrEqual(4000);
    expect(rows[0][3].endsWith('…')).toBe(true);
  });

  it('shows a broker without a name by its id', () => {
    const nameless = broker('111122223333', 'eu-west-1', '', 'ACTIVEMQ', 'b-nameless');
    const results: Evaluation[] = [
      {policyId: 'mq/no-public-access', status: 'fail', severity: 'critical', resource: nameless, message: 'public'},
    ];
    const {rows} = tableAfter(renderMarkdown(assembleReport(reportedPolicies(), results, [])), 'Failing brokers');
    expect(rows[0][0]).toBe('b-nameless (111122223333 / eu-west-1)');
  });
});
