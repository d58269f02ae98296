/** Markdown and JUnit on the 12-broker account: the whole cause, and the table's grouping. */
import {runCli} from '../helpers/cli';
import {DC, ESTATE12} from './estate';

jest.setTimeout(30_000);

describe('Markdown and JUnit carry the whole cause, grouped', () => {
  it('Markdown: one row per policy and reason, brokers in <details>, the nacl-prod cause whole, DescribeBroker errors in one row', async () => {
    const {stdout, code} = await runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toContain('### Failing brokers (11): 38 findings in 14 groups');
    const ldap = stdout.split('\n').find((line) => line.includes('`mq/ldap-authentication`'))!;
    expect(ldap).toMatch(
      /^\| <details><summary>8 brokers<\/summary>analytics-dev \(210987654321 \/ eu-west-1\)<br>billing-prod/,
    );
    expect(ldap).toContain(
      'authenticationStrategy is SIMPLE, expected "LDAP": broker users are defined on the broker itself, not in your directory |',
    );
    const nacl = stdout
      .split('\n')
      .find((line) => line.startsWith('| nacl-prod') && line.includes('`mq/private-connectivity`'))!;
    expect(nacl).toContain('5671, 61614, 8883 and 61619 are not admitted by sg-0ac15a6b7c8d9e0f1 |');
    expect(nacl).not.toContain('…');
    expect(stdout).toContain(
      '| ledger-prod (210987654321 / eu-west-1) | 11 checks | mq:DescribeBroker denied (AccessDeniedException) |',
    );
  });

  it('JUnit: every case keeps its whole message and names the other brokers with the same reason', async () => {
    const {stdout} = await runCli(['scan', '--inventory', ESTATE12, ...DC, '--format', 'junit']);
    expect(stdout).toContain(
      'The same on 8 brokers: orders-prod, search-prod, billing-prod, nacl-prod, reporting-prod, analytics-dev, sandbox-dev, reports-test.',
    );
    expect(stdout).toMatch(/Reason: authenticationStrategy is SIMPLE, expected (&quot;|")LDAP(&quot;|")/);
  });
});
