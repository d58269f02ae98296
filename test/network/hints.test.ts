/**
 * Hints for a missing path: a VPC without a route for the network (or routing it into a peering connection)
 * whose peer reaches it, and a VPC attached to a transit gateway that routes it but without a route to it.
 */
import type {Snapshot} from '../../src/snapshot/types';
import {ACCOUNT, REGION, route, RTB, VPC} from './builder';
import {analyze, clone, network, topology} from './helpers';

const DC = '10.100.0.0/16';
const REPORTING_VPC = 'vpc-0d1e2f3a4b5c6d7e8';
const REPORTING_SUBNET = 'subnet-0e1f2a3b4c5d6e7f8';
const REPORTING_RTB = 'rtb-0e1f2a3b4c5d6e7f9';
const PCX = 'pcx-0f1a2b3c4d5e6f708';

/** vgw-vpn-both-up (orders-prod reaches the data centre over its VPN), plus a reporting VPC peered with it. */
function peeredEstate(reportingRoutes: ReturnType<typeof route>[]): Snapshot {
  const snapshot = clone(topology('vgw-vpn-both-up'));
  const region = snapshot.accounts[0].regions[0];
  const net = region.network!;
  const base = region.brokers![0];
  net.vpcs!.push({
    id: REPORTING_VPC,
    ownerId: ACCOUNT,
    name: 'reporting',
    state: 'available',
    isDefault: false,
    cidrs: ['10.40.0.0/16'],
  });
  net.subnets!.push({
    id: REPORTING_SUBNET,
    vpcId: REPORTING_VPC,
    ownerId: ACCOUNT,
    availabilityZone: 'eu-west-1a',
    cidr: '10.40.1.0/24',
  });
  net.routeTables!.push({
    id: REPORTING_RTB,
    vpcId: REPORTING_VPC,
    ownerId: ACCOUNT,
    main: false,
    propagatingVgwIds: [],
    associations: [{id: 'rtbassoc-0e1f2a3b4c5d6e7f', subnetId: REPORTING_SUBNET, main: false, state: 'associated'}],
    routes: [route('10.40.0.0/16', 'local', 'local', {origin: 'CreateRouteTable'}), ...reportingRoutes],
  });
  net.networkAcls![0].subnetIds.push(REPORTING_SUBNET);
  net.vpcPeeringConnections = [
    {
      id: PCX,
      state: 'active',
      requester: {vpcId: REPORTING_VPC, ownerId: ACCOUNT, region: REGION, cidrs: ['10.40.0.0/16']},
      accepter: {vpcId: VPC, ownerId: ACCOUNT, region: REGION, cidrs: ['10.20.0.0/16']},
    },
  ];
  region.brokers!.push({
    ...base,
    name: 'reporting-prod',
    id: 'b-0a0b0c0d-1111-2222-3333-444455556666',
    arn: base.arn
      .replace(base.id, 'b-0a0b0c0d-1111-2222-3333-444455556666')
      .replace(':orders-amq-prod:', ':reporting-prod:'),
    details: {...base.details!, subnetIds: [REPORTING_SUBNET]},
  });
  return snapshot;
}

function reportingBreak(snapshot: Snapshot) {
  const answer = analyze(snapshot, [DC]).find((a) => a.broker.name === 'reporting-prod')!;
  return network(answer.facts, DC).breakPoint!;
}

describe('hints for a missing path', () => {
  it('no route, but the VPC is peered with one that reaches the network: says peering is not transitive', () => {
    const brk = reportingBreak(peeredEstate([]));
    expect([brk.kind, brk.hop, brk.id]).toEqual(['no-route', 'route-table', REPORTING_RTB]);
    expect(brk.message).toContain(`${REPORTING_RTB} has no route for ${DC}`);
    expect(brk.message).toContain(
      `${REPORTING_VPC} is peered with orders-prod (${VPC}) (${PCX}), which reaches ${DC} over vpn-0e1f2a3b4c5d6e7f8 (vgw-0a1b2c3d4e5f67890), but VPC peering is not transitive`,
    );
  });

  it('a route into the peering connection: the peer is named with what it reaches', () => {
    const brk = reportingBreak(peeredEstate([route(DC, 'vpc-peering-connection', PCX)]));
    expect([brk.kind, brk.id]).toEqual(['not-transitive', PCX]);
    expect(brk.message).toContain(`the peer orders-prod (${VPC}) reaches ${DC} over vpn-0e1f2a3b4c5d6e7f8`);
  });

  it('no hint when the peer does not reach the network either', () => {
    const snapshot = peeredEstate([]);
    const table = snapshot.accounts[0].regions[0].network!.routeTables!.find((t) => t.id === RTB)!;
    table.routes = table.routes.filter((r) => r.targetType === 'local');
    expect(reportingBreak(snapshot).message).not.toContain('peered');
  });

  it('attached to a transit gateway that routes the network, without a route to it: says which route is missing', () => {
    const snapshot = clone(topology('tgw-vpn'));
    const table = snapshot.accounts[0].regions[0].network!.routeTables!.find((t) => t.id === RTB)!;
    table.routes = table.routes.filter((r) => r.targetType === 'local');
    const brk = network(analyze(snapshot, [DC])[0].facts, DC).breakPoint!;
    expect(brk.kind).toBe('no-route');
    expect(brk.message).toContain(
      `${VPC} is attached to tgw-0f9e8d7c6b5a43210 (tgw-attach-0a1b2c3d4e5f60001), whose route table tgw-rtb-0a1b2c3d4e5f6a7b8 routes ${DC} to vpn-0e1f2a3b4c5d6e7f8; add a route for ${DC} to tgw-0f9e8d7c6b5a43210 in ${RTB}`,
    );
  });
});
