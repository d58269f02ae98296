/**
 * The network collectors wired into a whole `collectInventory` run (STS → MQ → network → account-level Direct
 * Connect gateways) against the local AWS stub: gateways read once per account, empty regions cost no network
 * call, and the snapshot passes its schema.
 */
import {collectInventory} from '../../src/inventory/collect';
import {inventoryValidator} from '../../src/snapshot/read';
import {installMq} from '../helpers/aws-stub/mq';
import type {AwsStub} from '../helpers/aws-stub/server';
import {installSts} from '../helpers/aws-stub/sts';
import {ACTIVE_STANDBY, mqFixture, RABBITMQ_CLUSTER, SINGLE_INSTANCE} from './fixtures';
import {
  ACCOUNT,
  DXGW_PRIVATE,
  DXGW_TRANSIT,
  EXPECTED_IDS,
  REGION,
  startNetworkStub,
  useStubCredentials,
} from './network-fixtures';

useStubCredentials();

const EMPTY_REGION = 'eu-central-1';

let stub: AwsStub;

beforeEach(async () => {
  stub = await startNetworkStub();
  installSts(stub);
  installMq(stub, {
    brokers: {[REGION]: [mqFixture(ACTIVE_STANDBY), mqFixture(SINGLE_INSTANCE), mqFixture(RABBITMQ_CLUSTER)]},
  });
});

afterEach(() => stub.close());

it('collects the network of the region with brokers and the Direct Connect gateways once per account', async () => {
  const snapshot = await collectInventory({
    regions: [REGION, EMPTY_REGION],
    allRegions: false,
    endpoint: stub.url,
    now: () => new Date('2026-11-25T10:00:00Z'),
  });

  expect(snapshot.errors).toEqual([]);
  const [account] = snapshot.accounts;
  expect(account.accountId).toBe(ACCOUNT);
  const byRegion = Object.fromEntries(account.regions.map((region) => [region.region, region]));
  expect(byRegion[REGION].network?.routeTables?.map((t) => t.id)).toEqual(EXPECTED_IDS.routeTables);
  expect(byRegion[REGION].network?.dxVirtualInterfaces?.map((v) => v.id)).toEqual(EXPECTED_IDS.dxVirtualInterfaces);
  expect(byRegion[EMPTY_REGION].brokers).toEqual([]);
  expect(byRegion[EMPTY_REGION]).not.toHaveProperty('network');
  expect(account.directConnectGateways?.map((g) => g.id)).toEqual([DXGW_PRIVATE, DXGW_TRANSIT]);

  const networkCalls = stub.requests.filter((r) => r.service === 'ec2' || r.service === 'directconnect');
  expect(networkCalls.filter((r) => r.region === EMPTY_REGION)).toEqual([]);
  expect(stub.count('directconnect', 'DescribeDirectConnectGateways')).toBe(1);

  const validate = inventoryValidator();
  expect(validate(JSON.parse(JSON.stringify(snapshot))) ? [] : validate.errors).toEqual([]);
});
