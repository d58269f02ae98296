/**
 * The AWS stand-in for the benchmark: the test stub (test/helpers/aws-stub) serving the generated estate, with
 * injected latency and AWS-shaped token buckets that answer with each service's real throttling error:
 *   Amazon MQ 100 / 15 per account-region across its APIs; EC2 100 / 20 per account, region and action;
 *   STS 600 / 600 per account-region; Direct Connect and Organizations (no published rate) 20 / 10, the shape the
 *   client assumes (src/inventory/pacing.ts).
 */

import {
  accountOf,
  installAccountMq,
  installAccountRegions,
  installOrganization,
} from '../test/helpers/aws-stub/accounts';
import {installDirectConnect} from '../test/helpers/aws-stub/directconnect';
import {installEc2Network} from '../test/helpers/aws-stub/ec2';
import {startAwsStub} from '../test/helpers/aws-stub/server';
import type {AwsStub, StubHandler, StubRequest} from '../test/helpers/aws-stub/server';
import {tokenBucketGate} from '../test/helpers/aws-stub/throttle';
import type {TokenBucketGate} from '../test/helpers/aws-stub/throttle';
import {EMPTY_REGION, type Estate, FIXTURE_REGION, recordedNetwork} from './estate';
import {recordedIds, renamerForAccount} from './ids';

export interface StandInOptions {
  /** Mean latency per request in ms, with ±jitter uniformly. */
  latencyMs: number;
  jitterMs: number;
  /** Enforce AWS's request buckets (off for the untimed evaluation run). */
  throttle: boolean;
}

export interface StandIn {
  stub: AwsStub;
  /** performance.now() of the first and the last request seen (undefined before any). */
  firstRequestAt(): number | undefined;
  lastRequestAt(): number | undefined;
  gates: TokenBucketGate[];
  /** Throttling answers given so far, all buckets. */
  throttled(): number;
  close(): Promise<void>;
}

export async function startStandIn(root: string, estate: Estate, options: StandInOptions): Promise<StandIn> {
  const management = estate.accountIds[0];
  const account = (req: StubRequest): string => accountOf(req, management);
  const gates = options.throttle
    ? [
        tokenBucketGate({
          burst: 100,
          refillPerSecond: 15,
          scope: (req) => (req.service === 'mq' ? `mq|${account(req)}|${req.region}` : undefined),
        }),
        tokenBucketGate({
          burst: 100,
          refillPerSecond: 20,
          scope: (req) => (req.service === 'ec2' ? `ec2|${account(req)}|${req.region}|${req.operation}` : undefined),
        }),
        tokenBucketGate({
          burst: 600,
          refillPerSecond: 600,
          scope: (req) => (req.service === 'sts' ? `sts|${account(req)}|${req.region}` : undefined),
        }),
        tokenBucketGate({
          burst: 20,
          refillPerSecond: 10,
          scope: (req) => (req.service === 'directconnect' ? `dx|${account(req)}|${req.region}` : undefined),
        }),
        tokenBucketGate({
          burst: 20,
          refillPerSecond: 10,
          scope: (req) => (req.service === 'organizations' ? `org|${account(req)}` : undefined),
        }),
      ]
    : [];
  let first: number | undefined;
  let last: number | undefined;
  const clock = (): undefined => {
    last = performance.now();
    first ??= last;
    return undefined;
  };
  gates.unshift(Object.assign(clock, {throttled: new Map<string, number>()}));
  const latency = (): number => Math.max(0, options.latencyMs + (Math.random() * 2 - 1) * options.jitterMs);
  const stub = await startAwsStub({gates, latencyMs: options.latencyMs > 0 ? latency : 0});

  installOrganization(stub, {management, accounts: estate.accountIds.map((id) => ({id}))});
  installAccountMq(
    stub,
    Object.fromEntries(estate.accountIds.map((id) => [id, {brokers: estate.brokers[id]}])),
    management,
  );
  installAccountRegions(
    stub,
    Object.fromEntries(estate.accountIds.map((id) => [id, [...estate.regions, EMPTY_REGION]])),
    management,
  );

  // The recorded network in every region of every account, each account with ids of its own (./ids).
  const {ec2, dx} = recordedNetwork(root);
  const ids = recordedIds(ec2, dx);
  const regions = [...estate.regions, EMPTY_REGION];
  installPerAccount(stub, estate.accountIds, account, (target, index) => {
    const rename = renamerForAccount(ids, index);
    const accountEc2 = rename(ec2);
    const accountDx = {global: rename(dx.global), region: rename(dx.regions[FIXTURE_REGION])};
    installEc2Network(target, {regions: Object.fromEntries(regions.map((region) => [region, accountEc2]))});
    installDirectConnect(target, {
      global: accountDx.global,
      regions: Object.fromEntries(regions.map((region) => [region, accountDx.region])),
    });
  });

  return {
    stub,
    firstRequestAt: () => first,
    lastRequestAt: () => last,
    gates,
    throttled: () => gates.reduce((sum, gate) => sum + [...gate.throttled.values()].reduce((a, b) => a + b, 0), 0),
    close: () => stub.close(),
  };
}

/** Handlers installed once per account, answering each request with its caller's account's. */
function installPerAccount(
  stub: AwsStub,
  accountIds: readonly string[],
  accountOfRequest: (req: StubRequest) => string,
  install: (target: AwsStub, index: number) => void,
): void {
  const byAccount = new Map<string, Map<string, StubHandler>>();
  const keys = new Map<string, [string, string]>();
  accountIds.forEach((accountId, index) => {
    const handlers = new Map<string, StubHandler>();
    byAccount.set(accountId, handlers);
    const target = {
      ...stub,
      on(service: string, operation: string, handler: StubHandler) {
        handlers.set(`${service}:${operation}`, handler);
        keys.set(`${service}:${operation}`, [service, operation]);
        return target;
      },
    };
    install(target, index);
  });
  for (const [key, [service, operation]] of keys) {
    stub.on(service, operation, (req) => byAccount.get(accountOfRequest(req))!.get(key)!(req));
  }
}
