/**
 * Local AWS stub for tests and benchmarks. Typical use:
 *
 *   const stub = await startAwsStub();
 *   installSts(stub);
 *   installMq(stub, {brokers: {'eu-west-1': [activeStandby, rabbitCluster]}});
 *   process.env.AWS_ENDPOINT_URL = stub.url;           // or collectInventory({endpoint: stub.url, …})
 *   …
 *   await stub.close();
 *
 * Adding a service: a new file next to mq.ts/sts.ts/ec2.ts that calls `stub.on(signingName, Operation, handler)`
 * with the protocol builders from ./protocols (REST services also declare `stub.routes(...)`).
 */
export {startAwsStub} from './server';
export type {
  AwsStub,
  AwsStubOptions,
  Latency,
  RecordedRequest,
  RestRoute,
  StubGate,
  StubHandler,
  StubRequest,
  StubResponse,
} from './server';
export * from './protocols';
export {installMq, mqAccessDenied, mqHandlers, mqThrottled, MQ_ROUTES, toMqWire} from './mq';
export type {DescribeBrokerFixture, MqEstate, MqHandlers} from './mq';
export {DEFAULT_CALLER, installSts, stsError, STS_XMLNS} from './sts';
export type {CallerIdentity} from './sts';
export {ec2Unauthorized, installEc2Regions} from './ec2';
export type {RegionInfo} from './ec2';
export {tokenBucketGate} from './throttle';
export type {TokenBucketGate, TokenBucketOptions} from './throttle';
