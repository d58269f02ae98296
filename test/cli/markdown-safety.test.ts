/**
 * Markdown for a pull-request comment (issue 18, item 8): a broker name, a tag value quoted by a message template
 * and an EC2 Name tag quoted by the path model reach `scan --format markdown` and `paths --format markdown`
 * without forming a mention (which would notify), a bare-URL or e-mail autolink, an issue reference, HTML, or a
 * bidi override. Run through the CLI on the demo estate, as a workflow would.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {runCli} from '../helpers/cli';
import {liveMarkdown} from '../helpers/markdown';
import {readBuiltInPolicy, readDemoInventory} from '../helpers/demo';

const HOSTILE =
  '@octocat @octo-org/security-team https://evil.example/login www.evil.example mallory@evil.example #1 GH-2 <img src=x onerror=alert(1)> [x](javascript:alert(1)) `tick` a|b \u202eexe.txt\u200b \u001b]52;c;eA==\u0007';

describe('hostile estate data in Markdown through the CLI', () => {
  let dir: string;
  let inventory: string;
  let policies: string;
  let brokerId: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-markdown-'));
    const snapshot = readDemoInventory();
    const region = snapshot.accounts[0].regions[0];
    const broker = region.brokers![0];
    brokerId = broker.id;
    broker.name = `orders-prod ${HOSTILE}`;
    broker.details!.tags = {...broker.details!.tags, Owner: HOSTILE};
    broker.deploymentMode = 'SINGLE_INSTANCE';
    for (const subnet of region.network!.subnets!) subnet.name = `subnet ${HOSTILE}`;
    for (const table of region.network!.routeTables!) table.name = `rtb ${HOSTILE}`;
    for (const tunnel of region.network!.vpnConnections!.flatMap((c) => c.tunnels)) tunnel.status = 'DOWN';
    inventory = join(dir, 'inventory.json');
    writeFileSync(inventory, JSON.stringify(snapshot));

    // A custom policy quoting a tag value in its message, as teams write them.
    policies = join(dir, 'policies');
    mkdirSync(join(policies, 'custom'), {recursive: true});
    const policy = readBuiltInPolicy('mq/required-tags');
    delete policy.$schema;
    delete policy.parameters;
    policy.id = 'custom/owner-ticket';
    policy.title = 'Brokers name a ticket';
    policy.assert = {properties: {tags: {required: ['Ticket']}}};
    policy.messages = {fail: 'owned by {{tags.Owner}} but no Ticket tag'};
    writeFileSync(join(policies, 'custom', 'owner-ticket.json'), JSON.stringify(policy));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('scan --format markdown: tag values and names are plain text', async () => {
    const result = await runCli(
      [
        'scan',
        '--inventory',
        inventory,
        '--format',
        'markdown',
        '--policies',
        policies,
        '--on-prem-cidr',
        '10.100.0.0/16',
      ],
      {cwd: dir},
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'orders-prod `@octocat` `@octo-org/security-team` `https://evil.example/login` `www.evil.example` `mallory@evil.example` `#1` `GH-2` &lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1)) \\`tick\\` a\\|b \\\\u202eexe.txt\\\\u200b \\\\u001b\\]52;c;eA==\\\\u0007 (111122223333 / eu-west-1) |',
    );
    // The whole cause, not cut at 300 characters (issue 17).
    expect(result.stdout).toContain('owned by `@octocat` `@octo-org/security-team` `https://evil.example/login`');
    expect(liveMarkdown(result.stdout)).toEqual([]);
  });

  it('paths --format markdown: the broker name, reasons and Name tags are plain text', async () => {
    const result = await runCli(
      ['paths', brokerId, '--inventory', inventory, '--format', 'markdown', '--on-prem-cidr', '10.100.0.0/16'],
      {cwd: dir},
    );
    expect(result.stdout).toContain('### Network paths to ``orders-prod @octocat');
    expect(liveMarkdown(result.stdout)).toEqual([]);
  });
});
