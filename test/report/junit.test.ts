import {judgeFindings} from '../../src/report/build';
import {render} from '../../src/report/index';
import {attributeValue, COLLECTION_SUITE, renderJunit, text} from '../../src/report/junit';
import type {ScanReport} from '../../src/report/types';
import {BROKERS, buildReport, evaluations, shuffledReport} from '../helpers/report-fixture';
import {findAll, parseXml, type XmlElement, XmlError} from '../helpers/xml';

function suites(root: XmlElement): Map<string, XmlElement> {
  return new Map(findAll(root, 'testsuite').map((suite) => [suite.attributes.name, suite]));
}

function testcase(suite: XmlElement, brokerName: string): XmlElement {
  const found = suite.children.filter(
    (child) => child.name === 'testcase' && child.attributes.name.startsWith(`${brokerName} (`),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

function withSuppression(): ScanReport {
  const report = buildReport();
  const judged = judgeFindings(
    report.results,
    {
      generatedAt: report.generatedAt,
      suppressions: {
        file: 's.json',
        entries: [
          {
            policy: 'mq/audit-logs',
            resource: {name: 'orders-prod'},
            reason: 'Logs go to the SIEM <directly> & "securely".',
            expires: '2026-12-31',
            ticket: 'SEC-9',
          },
        ],
      },
      baseline: {file: 'b.json', generatedAt: '2026-11-01T00:00:00Z', accounts: [], findings: []},
    },
    report.inventory.scopes,
  );
  return {...report, results: judged.results, ...judged.sections};
}

describe('the XML test helper', () => {
  it.each([
    ['an unescaped <', '<a>1 < 2</a>'],
    ['a bare &', '<a>R&D</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a mismatched end tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a < in an attribute', '<a x="<"/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a control character reference', '<a>&#1;</a>'],
    ['two roots', '<a/><b/>'],
    ['a lone surrogate', '<a>\ud800</a>'],
    [']]> in text', '<a>]]></a>'],
  ])('rejects %s', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  it('accepts and decodes entities, references, CDATA and comments', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a x="&quot;1&#10;2&quot;">&lt;&amp;&gt; &#x1F407;<![CDATA[<raw>]]><b/></a>\n',
    );
    expect(root.attributes.x).toBe('"1\n2"');
    expect(root.text).toBe('<&> 🐇<raw>');
    expect(root.children.map((c) => c.name)).toEqual(['b']);
  });
});

describe('renderJunit', () => {
  const report = buildReport();
  const xml = renderJunit(report);
  const root = parseXml(xml);

  it('is well-formed XML with a testsuites root, and the registry renders it', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(render('junit', report, {})).toBe(xml);
  });

  it('has a testsuite per evaluated policy and one for collection errors', () => {
    const evaluated = [...new Set(report.results.map((ev) => ev.policyId))].sort();
    expect([...suites(root).keys()]).toEqual([...evaluated, COLLECTION_SUITE]);
  });

  it('has a testcase per broker evaluated, and counts that add up', () => {
    for (const [name, suite] of suites(root)) {
      const cases = suite.children.filter((child) => child.name === 'testcase');
      expect(Number(suite.attributes.tests)).toBe(cases.length);
      const count = (element: string) => cases.filter((c) => c.children.some((child) => child.name === element)).length;
      expect([
        Number(suite.attributes.failures),
        Number(suite.attributes.errors),
        Number(suite.attributes.skipped),
      ]).toEqual([count('failure'), count('error'), count('skipped')]);
      if (name !== COLLECTION_SUITE)
        expect(cases.length).toBe(report.results.filter((ev) => ev.policyId === name).length);
    }

    const all = findAll(root, 'testcase').length;
    expect(Number(root.attributes.tests)).toBe(all);
    expect(Number(root.attributes.tests)).toBe(report.results.length + report.collectionErrors.length);
    expect(Number(root.attributes.failures)).toBe(report.summary.byStatus.fail);
    expect(Number(root.attributes.errors)).toBe(report.summary.byStatus.error + report.collectionErrors.length);
    expect(Number(root.attributes.skipped)).toBe(report.summary.byStatus.not_applicable);
  });

  it('maps fail to <failure>, error to <error>, not applicable to <skipped>, pass to an empty testcase', () => {
    const byPolicy = suites(root);
    const failure = testcase(byPolicy.get('mq/no-public-access')!, 'orders-prod').children;
    expect(failure.map((c) => c.name)).toEqual(['failure']);
    expect(failure[0].attributes).toEqual({
      message: 'Broker orders-prod is publicly accessible from the internet.',
      type: 'critical',
    });
    expect(failure[0].text).toContain(`Resource: ${BROKERS.ordersProd.arn}`);
    expect(failure[0].text).toContain('At /details/publiclyAccessible found true, expected false.');
    expect(failure[0].text).toContain('How to fix: Recreate the broker in private subnets');

    const error = testcase(byPolicy.get('mq/no-public-access')!, 'payments-dr').children;
    expect(error.map((c) => [c.name, c.attributes.type])).toEqual([['error', 'not-evaluated']]);
    expect(error[0].attributes.message).toMatch(
      /^could not evaluate: Broker payments-dr: its details could not be read/,
    );

    const skipped = testcase(byPolicy.get('mq/rabbitmq-cluster-mode')!, 'orders-prod').children;
    expect(skipped.map((c) => [c.name, c.attributes.message])).toEqual([
      ['skipped', 'not applicable: Broker orders-prod is not a RabbitMQ broker.'],
    ]);

    expect(testcase(byPolicy.get('mq/no-public-access')!, 'billing-events').children).toEqual([]);
  });

  it('names testcases by broker, account and region, and sets classname to the policy id', () => {
    const cases = suites(root)
      .get('mq/production-ha')!
      .children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => [c.attributes.name, c.attributes.classname])).toEqual([
      ['billing-events (111122223333/eu-west-1)', 'mq/production-ha'],
      ['inventory-sync (111122223333/us-east-1)', 'mq/production-ha'],
      ['legacy~batch.01 (444455556666/eu-west-1)', 'mq/production-ha'],
      ['orders-prod (111122223333/eu-west-1)', 'mq/production-ha'],
      ['payments-dr (444455556666/eu-west-1)', 'mq/production-ha'],
    ]);
  });

  it('puts collection errors in their own suite as errors', () => {
    const suite = suites(root).get(COLLECTION_SUITE)!;
    const errors = findAll(suite, 'error');
    expect(errors.map((e) => e.attributes.type)).toEqual(['throttled', 'access-denied']);
    expect(errors[1].attributes.message).toMatch(/^AccessDeniedException: User: arn:aws:sts::444455556666/);
  });

  it('is byte-identical whatever the order of the report', () => {
    expect(renderJunit(shuffledReport(report, 4))).toBe(xml);
  });

  it('marks suppressed findings skipped with reason and expiry, and baseline state in failure messages', () => {
    const judged = parseXml(renderJunit(withSuppression()));
    const byPolicy = suites(judged);
    const suppressed = testcase(byPolicy.get('mq/audit-logs')!, 'orders-prod').children;
    expect(suppressed.map((c) => c.name)).toEqual(['skipped']);
    expect(suppressed[0].attributes.message).toBe(
      'suppressed until 2026-12-31: Logs go to the SIEM <directly> & "securely". (SEC-9) (medium: Broker orders-prod does not stream audit logs to CloudWatch.)',
    );
    const fresh = testcase(byPolicy.get('mq/no-public-access')!, 'orders-prod').children[0];
    expect(fresh.attributes.message).toBe('[new] Broker orders-prod is publicly accessible from the internet.');
    expect(Number(judged.attributes.skipped)).toBe(report.summary.byStatus.not_applicable + 1);
    expect(Number(judged.attributes.failures)).toBe(report.summary.byStatus.fail - 1);
  });

  it('escapes markup and removes characters XML cannot carry, in names, attributes and text', () => {
    const hostile = 'a<b>&c"d\'e]]>f\u0000g\u001bh\ud800i\tj\nk';
    const results = evaluations().map((ev) =>
      ev.status === 'fail' && ev.policyId === 'mq/no-public-access'
        ? {...ev, message: hostile, resource: {...ev.resource, name: hostile}}
        : ev,
    );
    const parsed = parseXml(renderJunit({...buildReport(), results}));
    const failure = findAll(parsed, 'failure').find((f) => f.attributes.type === 'critical')!;
    expect(failure.attributes.message).toBe('a<b>&c"d\'e]]>f\ufffdg\ufffdh\ufffdi\tj\nk');
    expect(failure.text.startsWith('a<b>&c"d\'e]]>f\ufffdg\ufffdh\ufffdi\tj\nk\n')).toBe(true);
    expect(findAll(parsed, 'testcase').some((c) => c.attributes.name.startsWith('a<b>&c"d'))).toBe(true);
  });

  it('text and attributeValue escape exactly what XML needs', () => {
    expect(text('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(attributeValue('"x"\n\ty')).toBe('&quot;x&quot;&#10;&#9;y');
  });
});
