/**
 * The network collectors wired into a whole `collectInventory` run (STS → MQ → network → account-level Direct
 * Connect gateways) against the local AWS stub: gateways read once per account, empty regions cost no network
 * call, and the snapshot passes its schema.
 */
import {collectInventory} from '../../src/inventory/collect';
import {inventoryValidator} from '../../src/snapshot/read';
import type {Snapshot} from '../../src/snapshot/types';
import {dxAccessDenied} from '../helpers/aws-stub/directconnect';
import {installMq} from '../helpers/aws-stub/mq';
import type {AwsStub} from '../helpers/aws-stub/server';
import {installSts} from '../helpers/aws-stub/sts';
import {analyze} from '../network/helpers';
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
  // The locations' names: once, in the region with connections; none in the empty region.
  expect(stub.count('directconnect', 'DescribeLocations')).toBe(1);
  expect(byRegion[REGION].network?.dxLags?.map((l) => `${l.location} ${l.locationName}`)).toEqual([
    'TCSH Digital Realty LHR20, London',
  ]);

  const validate = inventoryValidator();
  expect(validate(JSON.parse(JSON.stringify(snapshot))) ? [] : validate.errors).toEqual([]);
});

it('a denied DescribeLocations changes no verdict and makes no collection error: the names are display only', async () => {
  const options = {
    regions: [REGION],
    allRegions: false,
    endpoint: stub.url,
    now: () => new Date('2026-11-25T10:00:00Z'),
  };
  const named = await collectInventory(options);
  stub.use((req) => (req.operation === 'DescribeLocations' ? dxAccessDenied(req.operation) : undefined));
  const unnamed = await collectInventory(options);

  expect(named.errors).toEqual([]);
  // Display only: the denial is no collection error, so the scan stays complete (exit 0, not 3).
  expect(unnamed.errors).toEqual([]);
  const connections = (snapshot: Snapshot) =>
    snapshot.accounts[0].regions[0].network?.dxConnections?.map((c) => `${c.id} ${c.location} ${c.locationName}`);
  expect(connections(named)).toEqual([
    'dxcon-fg5x7k2p EqLD5 Equinix LD5, London',
    'dxcon-fh2m9q4r TCSH Digital Realty LHR20, London',
    'dxcon-fh7w1n6t TCSH Digital Realty LHR20, London',
  ]);
  expect(connections(unnamed)).toEqual([
    'dxcon-fg5x7k2p EqLD5 undefined',
    'dxcon-fh2m9q4r TCSH undefined',
    'dxcon-fh7w1n6t TCSH undefined',
  ]);

  // The TGW table sends 192.168.10.0/24 to the Direct Connect gateway (fixtures/aws/ec2/README.md).
  const verdicts = (snapshot: Snapshot) =>
    analyze(snapshot, ['192.168.10.0/24']).map(({facts}) =>
      facts.onPrem.networks.map((n) => `${n.cidr} ${n.verdict} ${n.healthyPathCount}/${n.independentPathCount}`),
    );
  expect(verdicts(unnamed)).toEqual(verdicts(named));
  // Known verdicts, none unknown for want of a name (the dev broker's subnet has no route there).
  expect(verdicts(named)).toEqual([
    ['192.168.10.0/24 reachable 4/4'],
    ['192.168.10.0/24 unreachable 0/0'],
    ['192.168.10.0/24 reachable 4/4'],
  ]);
});
