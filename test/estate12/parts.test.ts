/**
 * Results in parts: `reason` is the cause alone (no broker, policy id or title), built-in and custom policies,
 * with and without a message template; the title and remediation are the policy's; `message` is unchanged.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {findingParts, policyIndex, reasonOf} from '../../src/report/parts';
import type {ScanReport} from '../../src/report/types';
import {runCli} from '../helpers/cli';
import {DC, ESTATE12} from './estate';

jest.setTimeout(30_000);

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mq-audit-parts-'));
  mkdirSync(join(work, 'acme'));
  const policy = (id: string, messages?: object) => ({
    id,
    title: `Custom ${id}`,
    severity: 'medium',
    description: 'd',
    rationale: 'r',
    remediation: 'Pin the version.',
    helpUri: 'https://example.com/',
    controls: {},
    assert: {properties: {engineVersion: {const: '5.18'}}},
    ...(messages ? {messages} : {}),
  });
  writeFileSync(
    join(work, 'acme', 'templated.json'),
    JSON.stringify(
      policy('acme/templated', {fail: 'engineVersion {{engineVersion}} on {{name}} is not the pinned one'}),
    ),
  );
  writeFileSync(join(work, 'acme', 'plain.json'), JSON.stringify(policy('acme/plain')));
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('a result carries its reason apart from the policy', () => {
  it('built-in, custom and templated policies; errors and not-applicable too', async () => {
    const result = await runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'json', '--policies', work]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ScanReport;
    const find = (policyId: string, broker: string) =>
      report.results.find((r) => r.policyId === policyId && r.resource.name === broker)!;

    const ha = find('mq/production-ha', 'billing-prod');
    expect(ha.message).toMatch(
      /^Broker billing-prod fails mq\/production-ha \(Production brokers run in their engine's multi-AZ deployment mode\): /,
    );
    expect(ha.reason).toBe(ha.message.slice(ha.message.indexOf('): ') + 3, -1));
    expect(ha.reason).toBe('deploymentMode is "SINGLE_INSTANCE", expected "ACTIVE_STANDBY_MULTI_AZ"');

    expect(find('acme/templated', 'search-prod').reason).toBe(
      'engineVersion 5.15 on search-prod is not the pinned one',
    );
    expect(find('acme/plain', 'search-prod').reason).toMatch(/^engineVersion is "5\.15", expected "5\.18"/);
    expect(find('mq/production-ha', 'ledger-prod').reason).toBe(
      'facts.production is unknown (tags are unknown: DescribeBroker failed: AccessDeniedException)',
    );
    expect(find('mq/production-ha', 'ledger-prod').reason).not.toMatch(/mq\/production-ha/);
    expect(find('mq/ldap-authentication', 'payments-prod')).toMatchObject({
      status: 'not_applicable',
      reason: expect.stringMatching(/^it applies to ActiveMQ brokers only/),
    });
    expect(find('mq/production-ha', 'orders-prod').reason).toBeUndefined();

    // The parts a format composes: title and remediation from the policy, the reason, the evidence.
    const parts = findingParts(
      find('mq/private-connectivity', 'nacl-prod'),
      policyIndex(report).get('mq/private-connectivity'),
    );
    expect(parts.title).toBe(
      'Production brokers are reachable from every on-premises network over private connectivity',
    );
    expect(parts.remediation).toMatch(/^Run `mq-audit paths <broker>`/);
    expect(parts.reason).not.toContain('nacl-prod fails');
    expect(parts.evidence).toEqual([
      'network.onPrem.reachable: found false, expected true',
      'from 10.200.0.0/16: breaks at network-acl acl-0ac11a2b3c4d5e6f7 (nacl)',
    ]);
  });

  it('a report written before results had a reason: derived from the message', () => {
    const resource = {
      arn: 'a',
      id: 'b',
      name: 'orders-prod',
      accountId: '1',
      region: 'r',
      engineType: 'ACTIVEMQ' as const,
    };
    expect(
      reasonOf(
        {
          policyId: 'mq/x',
          status: 'fail',
          resource,
          message: 'Broker orders-prod fails mq/x (A title (with brackets)): it is off.',
        },
        'A title (with brackets)',
      ),
    ).toBe('it is off');
    expect(
      reasonOf({
        policyId: 'mq/x',
        status: 'error',
        resource,
        message: 'Broker orders-prod could not be evaluated for mq/x: denied.',
      }),
    ).toBe('denied');
  });
});
