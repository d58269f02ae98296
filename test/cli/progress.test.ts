/** Collection progress on stderr: when it shows, what it counts, and that it never floods the terminal. */
import {
  applyProgress,
  emptyProgress,
  formatProgress,
  isCi,
  shouldShowProgress,
  startProgress,
} from '../../src/cli/progress';
import type {CollectionProgress} from '../../src/inventory/index';

describe('when progress is shown', () => {
  const terminal = {stderrIsTTY: true, env: {}, jsonOutput: false};

  it('on a terminal, outside CI, without JSON output', () => {
    expect(shouldShowProgress(terminal)).toBe(true);
  });

  it.each([
    ['stderr is not a terminal', {...terminal, stderrIsTTY: false}],
    ['CI=true', {...terminal, env: {CI: 'true'}}],
    ['CI=1 (any non-false value)', {...terminal, env: {CI: '1'}}],
    ['JSON goes to stdout', {...terminal, jsonOutput: true}],
    ['--no-progress', {...terminal, flag: false}],
  ])('not when %s', (_why, context) => {
    expect(shouldShowProgress(context)).toBe(false);
  });

  it('--progress forces it, even in CI and in a pipe', () => {
    expect(shouldShowProgress({stderrIsTTY: false, env: {CI: 'true'}, jsonOutput: true, flag: true})).toBe(true);
  });

  it('CI=false and CI=0 are not CI', () => {
    expect(isCi({CI: 'false'})).toBe(false);
    expect(isCi({CI: '0'})).toBe(false);
    expect(isCi({})).toBe(false);
  });
});

describe('what progress counts', () => {
  it('accounts, regions, brokers, calls, throttles and errors', () => {
    const state = emptyProgress();
    const events: CollectionProgress[] = [
      {type: 'accounts', total: 2, skipped: 1},
      {type: 'regions', regions: ['eu-west-1', 'us-east-1'], accountId: '111111111111'},
      {type: 'call', service: 'mq', operation: 'ListBrokers', region: 'eu-west-1', throttled: false},
      {type: 'call', service: 'mq', operation: 'DescribeBroker', region: 'eu-west-1', throttled: true},
      {type: 'call', service: 'mq', operation: 'DescribeBroker', region: 'eu-west-1', throttled: false},
      {type: 'brokers-described', count: 1},
      {type: 'region-done', region: 'eu-west-1', mqOffered: true, brokers: 2, accountId: '111111111111'},
      {
        type: 'error',
        error: {
          service: 'mq',
          operation: 'DescribeBroker',
          code: 'AccessDeniedException',
          kind: 'access-denied',
          message: 'denied',
        },
      },
      {type: 'account-done', accountId: '111111111111'},
    ];
    for (const event of events) applyProgress(state, event);
    expect(formatProgress(state, 12_400)).toBe(
      'accounts 1/2 · regions 1/2 · brokers 1 described of 2 · calls 3 · throttled 1 · errors 1 · 12s',
    );
  });

  it('shows … until the account list is known', () => {
    expect(formatProgress(emptyProgress(), 0)).toMatch(/^accounts … · /);
  });
});

describe('the reporter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function fakeStream(isTTY: boolean): {stream: NodeJS.WriteStream; written: string[]} {
    const written: string[] = [];
    const stream = {isTTY, write: (chunk: string) => written.push(chunk) > 0} as unknown as NodeJS.WriteStream;
    return {stream, written};
  }

  it('is silent and costs nothing when disabled', () => {
    const reporter = startProgress({enabled: false});
    expect(reporter.onProgress).toBeUndefined();
    reporter.stop();
  });

  it('on a terminal redraws one line at most every 100 ms, however many events, and clears it at the end', () => {
    const {stream, written} = fakeStream(true);
    const reporter = startProgress({enabled: true, stream, now: () => Date.now()});
    for (let i = 0; i < 5000; i++)
      reporter.onProgress!({
        type: 'call',
        service: 'ec2',
        operation: 'DescribeSubnets',
        region: 'eu-west-1',
        throttled: false,
      });
    jest.advanceTimersByTime(1000);
    expect(written.length).toBe(10);
    expect(written.every((chunk) => chunk.startsWith('\r\x1b[2K'))).toBe(true);
    expect(written.at(-1)).toContain('calls 5000');
    reporter.stop();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('forced into a pipe, prints plain lines every few seconds and the final counts', () => {
    const {stream, written} = fakeStream(false);
    const reporter = startProgress({enabled: true, stream});
    reporter.onProgress!({type: 'accounts', total: 3, skipped: 0});
    jest.advanceTimersByTime(10_000);
    reporter.stop();
    expect(written).toHaveLength(3);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written[2]).toMatch(/^accounts 0\/3 /);
  });
});
