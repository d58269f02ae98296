/**
 * The HTML report's parts without a browser: DOT escaping and the Graphviz layout of hostile labels, the check on
 * Graphviz's SVG, the Content-Security-Policy's script hash, the bound on drawings, and `report merge --format
 * html` (no snapshot: the page says so).
 */
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {BrokerNetworkFacts} from '../../src/network/facts';
import type {ResourceRef} from '../../src/policy/types';
import {escapeHtml} from '../../src/report/html';
import {inlineSvg, layoutSvg} from '../../src/report/layout';
import {brokerPathsDot, escapeDot} from '../../src/report/paths';
import type {ReportedEvaluation} from '../../src/report/types';
import {DiagramPicker} from '../../src/services/diagrams';
import {ROOT, runCli} from '../helpers/cli';
import {DEMO, HOSTILE_BROKER, IMG_ATTR, SCRIPT_TAG} from './hostile';

const broker = (name: string, n = 1): ResourceRef => ({
  arn: `arn:aws:mq:eu-west-1:111122223333:broker:${name}:b-${n}`,
  id: `b-${n}`,
  name,
  accountId: '111122223333',
  region: 'eu-west-1',
  engineType: 'ACTIVEMQ',
});

describe('DOT and Graphviz', () => {
  it('escapes backslashes, quotes, ampersands and control or bidi characters in DOT labels', () => {
    expect(escapeDot('a\\Nb "c" &lt; \u202Ed\u001b[2J')).toBe('a\\\\Nb \\"c\\" &amp;lt; \\\\u202ed\\\\u001b[2J');
  });

  it('lays out a hostile broker name into SVG that shows it as text and holds no element of it', async () => {
    const dot = brokerPathsDot(broker(HOSTILE_BROKER), null);
    const [laidOut] = await layoutSvg([dot]);
    expect(laidOut.error).toBeUndefined();
    const svg = laidOut.svg!;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<!--');
    // Graphviz wrote the label's text with entities; decoded, it is the name as given (cut at 48 characters).
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
      m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#45;/g, '-')
        .replace(/&amp;/g, '&'),
    );
    expect(texts).toContain(`broker ${HOSTILE_BROKER}`.slice(0, 47) + '…');
    // `\N` stayed a backslash and an N: Graphviz did not put the node's name there.
    expect(texts.some((t) => t.includes('pay\\N<script>'))).toBe(true);
  });

  it('refuses SVG with a script, an event handler, a link or a foreign object', () => {
    const ok =
      '<svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph"><text x="1" y="2">a &lt; b</text></g></svg>';
    expect(inlineSvg(`<?xml version="1.0"?>\n<!-- c -->\n${ok}`)).toBe(ok);
    expect(() => inlineSvg(ok.replace('<g id', '<script>alert(1)</script><g id'))).toThrow(
      /unexpected element <script>/,
    );
    expect(() => inlineSvg(ok.replace('<g id', '<g onload="alert(1)" id'))).toThrow(/unexpected attribute onload/);
    expect(() =>
      inlineSvg(ok.replace('<text', '<a xlink:href="https://x"><text').replace('</text>', '</text></a>')),
    ).toThrow(/unexpected element <a>/);
    expect(() =>
      inlineSvg(ok.replace('<g id', '<foreignObject><g id').replace('</svg>', '</foreignObject></svg>')),
    ).toThrow(/unexpected element <foreignObject>/);
    expect(() => inlineSvg(ok.replace('a &lt; b', 'a <b'))).toThrow(/unexpected markup|unbalanced/);
  });

  it('escapes HTML text and attributes, showing control and bidi characters', () => {
    expect(escapeHtml(`${SCRIPT_TAG}${IMG_ATTR}'\u202E\u0007`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;\\u202e\\u0007',
    );
  });
});

describe('the bound on drawings', () => {
  it('keeps the brokers with failing network findings, then the worst verdicts, and counts the rest', async () => {
    const picker = new DiagramPicker(2);
    const facts = (verdict: string) =>
      ({
        onPrem: {verdict, networks: [], healthyPathCount: 0, independentPathCount: 0},
        internetIngress: {open: false, rules: [], openPorts: []},
        missing: [],
      }) as unknown as BrokerNetworkFacts;
    const failingNetwork = [
      {status: 'fail', network: {focus: 'broken-path', flows: []}} as unknown as ReportedEvaluation,
    ];
    picker.offer(broker('a-reachable', 1), facts('reachable'), []);
    picker.offer(broker('b-degraded', 2), facts('degraded'), []);
    picker.offer(broker('c-finding', 3), facts('reachable'), failingNetwork);
    picker.offer(broker('d-unreachable', 4), facts('unreachable'), []);
    picker.offer(broker('e-none', 5), null, []);
    const diagrams = await picker.diagrams();
    expect(diagrams.brokers.map((b) => [b.name, b.verdict, b.networkFindings])).toEqual([
      ['c-finding', 'reachable', 1],
      ['d-unreachable', 'unreachable', 0],
    ]);
    expect(diagrams.brokers.every((b) => b.svg?.startsWith('<svg'))).toBe(true);
    expect(diagrams.omitted).toEqual({count: 3, names: ['b-degraded', 'e-none', 'a-reachable']});
    expect(diagrams.graphviz).toMatch(/^\d+\.\d+/);
  });
});

describe('the page', () => {
  const out = mkdtempSync(join(tmpdir(), 'mq-audit-html-'));

  it('admits by hash exactly the script it holds, and nothing else from anywhere', async () => {
    const file = join(out, 'demo.html');
    const result = await runCli(['scan', '--inventory', DEMO, '--format', 'html', '--output', file, '--quiet']);
    expect(result.code).toBe(1);
    const html = readFileSync(file, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]).digest('base64');
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `script-src 'sha256-${hash}'`,
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
  });

  it('scan --plan: says what the change does, with the counts of the JSON report, and draws the proposed estate', async () => {
    const plan = join(ROOT, 'test', 'fixtures', 'plans', 'replace-vpn.json');
    const json = join(out, 'plan.json');
    const file = join(out, 'plan.html');
    await runCli(['scan', '--plan', plan, '--inventory', DEMO, '--format', 'json', '--output', json, '--quiet']);
    await runCli(['scan', '--plan', plan, '--inventory', DEMO, '--output', file, '--quiet']);
    const change = (
      JSON.parse(readFileSync(json, 'utf8')) as {
        change: {
          findings: Record<string, Record<string, number>>;
          verdicts: {broker: string; before: string; after: string}[];
        };
      }
    ).change;
    const sum = (state: string) => Object.values(change.findings[state]).reduce((a, b) => a + b, 0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(
      `Findings introduced ${sum('introduced')}, unchanged ${sum('unchanged')}, resolved ${sum('resolved')}.`,
    );
    expect(change.verdicts.length).toBeGreaterThan(0);
    for (const v of change.verdicts) expect(html).toContain(`<li>${v.broker}: ${v.before} → ${v.after}</li>`);
    expect(html).toContain('vd-pending');
  });

  it('scan --redact: no account id of the estate survives, in the table or the drawings', async () => {
    const file = join(out, 'redacted.html');
    await runCli(['scan', '--inventory', DEMO, '--redact', '--output', file, '--quiet']);
    const html = readFileSync(file, 'utf8');
    const ids = new Set([...readFileSync(DEMO, 'utf8').matchAll(/"accountId": "(\d{12})"/g)].map((m) => m[1]));
    expect(ids.size).toBeGreaterThan(1);
    for (const id of ids) expect(html).not.toContain(id);
    const drawings = html.slice(html.indexOf('<section id="paths"'));
    expect(drawings).toMatch(/<article class="broker"[\s\S]*account-[0-9a-f]{8} \/ eu-west-1/);
    expect(drawings).toContain('<svg');
  });

  it('report merge --format html: the findings, and a sentence instead of diagrams (no snapshot)', async () => {
    const json = join(out, 'a.json');
    expect((await runCli(['scan', '--inventory', DEMO, '--format', 'json', '--output', json, '--quiet'])).code).toBe(1);
    const file = join(out, 'merged.html');
    const merged = await runCli(['report', 'merge', json, '--output', file, '--quiet']);
    expect(merged.stderr).toContain(`into ${file} (html)`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('This report was made without an inventory snapshot');
    expect(html).not.toContain('<svg');
    const rows = html.match(/<tr data-severity=/g)!.length;
    const report = JSON.parse(readFileSync(json, 'utf8')) as {results: unknown[]};
    expect(rows).toBe(report.results.length);
  });
});
