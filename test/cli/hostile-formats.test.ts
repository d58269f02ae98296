/**
 * One hostile estate through every report format (issue 18): the same broker name, tag values and EC2 Name tags,
 * carrying every payload kind the reviews found — terminal escapes (OSC 52, OSC 8, CSI, C1, BEL, NUL, backspace,
 * carriage return, DEL), invisible and bidi characters, Markdown and HTML that would mention, link or inject, and
 * XML that would close an element — reach each format only in that format's safe form, and the data itself
 * survives (a report that drops the hostile name to be safe would hide the broker). Each format is checked with
 * the reader its users have: a terminal, JSON.parse, the SARIF schema and GitHub's rules, an XML parser, GitHub's
 * Markdown.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {runCli} from '../helpers/cli';
import {readDemoInventory} from '../helpers/demo';
import {githubProblems} from '../helpers/github-sarif-rules';
import {liveMarkdown} from '../helpers/markdown';
import {parseSarif, validateSarif} from '../helpers/sarif';
import {parseXml, type XmlElement} from '../helpers/xml';

const PAYLOADS = {
  osc52: '\u001b]52;c;ZWNobyBwd25lZA==\u0007',
  osc8: '\u001b]8;;https://evil.example/\u001b\\Console\u001b]8;;\u001b\\',
  csi: '\u001b[2J\u001b[1A\u001b[2K',
  c1: '\u009b2J \u009d52;c;eA==\u009c',
  controls: 'bel\u0007 nul\u0000 FAIL\b\b\b\bPASS x\rPASS del\u007f',
  invisible: 'pr\u200bod a\u2028b prod\u202e\u2066txt.exe\u2069 tag\u{e0041}',
  mention: '@octocat @octo-org/security-team #1 GH-2',
  links: 'https://evil.example/login www.evil.example mallory@evil.example [x](javascript:alert(1))',
  html: '<img src=x onerror=alert(1)> "><script>alert(1)</script> &amp; &#x41;',
  xml: ']]></failure></testcase><testcase name="pwned"> <!-- x -->',
  markdownTable: '`tick` a|b *em* _u_ ~~s~~ \\',
};
const HOSTILE = Object.values(PAYLOADS).join(' ');
const NAME = `orders-prod ${HOSTILE}`;

/** Anything but a line feed that a terminal would act on or not show. */
const RAW_CONTROL = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function rawControl(text: string): string {
  const found = RAW_CONTROL.exec(text);
  return found
    ? `raw U+${found[0].codePointAt(0)!.toString(16)} near ${JSON.stringify(text.slice(Math.max(0, found.index - 30), found.index + 10))}`
    : 'none';
}

function elements(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => elements(child, name))];
}

describe('one hostile estate through every report format', () => {
  let dir: string;
  let inventory: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-hostile-'));
    const snapshot = readDemoInventory();
    const region = snapshot.accounts[0].regions[0];
    const broker = region.brokers![0];
    const details = broker.details!;
    const network = region.network!;
    broker.name = NAME;
    details.tags = {...details.tags, [`Key ${PAYLOADS.osc52}`]: HOSTILE, Owner: HOSTILE};
    // Failing, so that findings quote the name and the path model quotes the EC2 Name tags.
    broker.deploymentMode = 'SINGLE_INSTANCE';
    details.publiclyAccessible = true;
    for (const subnet of network.subnets!) subnet.name = `subnet ${HOSTILE}`;
    for (const table of network.routeTables!) table.name = `rtb ${HOSTILE}`;
    for (const group of network.securityGroups!) group.description = `sg ${HOSTILE}`;
    for (const tunnel of network.vpnConnections!.flatMap((c) => c.tunnels)) tunnel.status = 'DOWN';
    inventory = join(dir, 'inventory.json');
    writeFileSync(inventory, JSON.stringify(snapshot));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  async function scan(format: string): Promise<{code: number | null; text: string; stdout: string; stderr: string}> {
    const output = join(dir, `report.${format}`);
    const result = await runCli(
      ['scan', '--inventory', inventory, '--format', format, '--output', output, '--on-prem-cidr', '10.100.0.0/16'],
      {cwd: dir},
    );
    return {code: result.code, stdout: result.stdout, stderr: result.stderr, text: readFileSync(output, 'utf8')};
  }

  it('table on a terminal: every payload escaped, the name still readable', async () => {
    const result = await runCli(
      ['scan', '--inventory', inventory, '--format', 'table', '--verbose', '--on-prem-cidr', '10.100.0.0/16'],
      {cwd: dir},
    );
    expect(result.code).toBe(1);
    expect(rawControl(result.stdout + result.stderr)).toBe('none');
    expect(result.stdout).toContain('orders-prod \\u001b]52;c;ZWNobyBwd25lZA==\\u0007');
    expect(result.stdout).toContain('prod\\u202e\\u2066txt.exe\\u2069');
  });

  it('JSON: the exact data survives, and the output is one JSON document', async () => {
    const {code, text, stdout} = await scan('json');
    expect(code).toBe(1);
    expect(rawControl(stdout)).toBe('none');
    const report: unknown = JSON.parse(text);
    expect(JSON.stringify(report)).toContain(JSON.stringify(NAME));
  });

  it('SARIF: valid, within GitHub rules, the name kept, and any Markdown message inert', async () => {
    const {code, text} = await scan('sarif');
    expect(code).toBe(1);
    const log = parseSarif(text);
    expect(validateSarif(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const results = log.runs[0].results ?? [];
    const mentioning = results.filter((result) => (result.message.text ?? '').includes('orders-prod'));
    expect(mentioning.length).toBeGreaterThan(0);
    for (const result of results) {
      if (result.message.markdown) expect(liveMarkdown(result.message.markdown)).toEqual([]);
    }
    // Rules are the policies' own metadata (with their documentation links): no estate data reaches them.
    expect(JSON.stringify(log.runs[0].tool.driver.rules)).not.toContain('evil.example');
  });

  it('JUnit: well-formed XML a CI reader accepts, no element injected, the name kept', async () => {
    const {code, text} = await scan('junit');
    expect(code).toBe(1);
    const root = parseXml(text);
    const cases = elements(root, 'testcase');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.map((testcase) => testcase.attributes.name)).not.toContain('pwned');
    expect(elements(root, 'script')).toEqual([]);
    expect(elements(root, 'img')).toEqual([]);
    expect(text).toContain('orders-prod');
    // The XML payload is data again once parsed: escaped, not dropped.
    expect(JSON.stringify(root)).toContain(JSON.stringify(PAYLOADS.xml).slice(1, -1));
  });

  it('Markdown for a pull-request comment: nothing mentions, links, references or renders HTML', async () => {
    const {code, text} = await scan('markdown');
    expect(code).toBe(1);
    expect(liveMarkdown(text)).toEqual([]);
    expect(text).toContain('orders-prod');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it("HTML: only the page's own elements and attributes, no handler, one script, the name kept as text", async () => {
    const {code, text} = await scan('html');
    expect(code).toBe(1);
    expect(rawControl(text)).toBe('none');
    // Escaped text holds no `<`: every tag is the page's (or Graphviz's, for the drawings), every attribute quoted.
    const tags = [...text.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<]*")?)*)\s*\/?>/g)];
    const other = text.replace(/<!DOCTYPE html>/, '').split('<').length - 1 - tags.length;
    expect(other).toBe(0);
    const names = new Set(tags.map((t) => t[2].toLowerCase()));
    expect([...names].filter((n) => !PAGE_ELEMENTS.has(n))).toEqual([]);
    const attributes = tags.flatMap((t) =>
      [...t[3].matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()),
    );
    expect(attributes.filter((a) => a.startsWith('on') || a === 'src' || a === 'srcdoc' || a === 'xlink:href')).toEqual(
      [],
    );
    expect(tags.filter((t) => t[2] === 'script' && !t[1])).toHaveLength(1);
    expect(text).toContain('orders-prod');
    expect(text).toContain(
      '&lt;img src=x onerror=alert(1)&gt; &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &amp;#x41;',
    );
  });
});

/** What the HTML report itself writes: the page, the findings table and form, and Graphviz's SVG elements. */
const PAGE_ELEMENTS = new Set([
  'a',
  'article',
  'b',
  'body',
  'br',
  'button',
  'code',
  'div',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'head',
  'header',
  'html',
  'input',
  'label',
  'li',
  'meta',
  'noscript',
  'option',
  'p',
  'script',
  'section',
  'select',
  'span',
  'strong',
  'style',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'title',
  'tr',
  'ul',
  'svg',
  'g',
  'polygon',
  'ellipse',
  'path',
  'polyline',
  'text',
]);
