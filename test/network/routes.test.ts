/** Longest-prefix match over a whole network, route priority, and the effective route table. */
import {cidrOf} from '../../src/network/cidr';
import {buildIndex, scopeOf} from '../../src/network/lookup';
import {
  type Candidate,
  chooseRoutes,
  describePart,
  effectiveRouteTable,
  expandVpcRoutes,
  type Part,
  wholePart,
} from '../../src/network/routes';
import {route, RTB, SUBNET_A, SUBNET_B, variantOf, VGW, VPC} from './builder';

function candidate(destination: string, target: string, rank = 1): Candidate<string> {
  return {cidr: cidrOf(destination), destination, route: target, rank};
}

function choices(candidates: Candidate<string>[], part: Part): string[] {
  return chooseRoutes(candidates, part).flatMap((c) =>
    c.parts.map((p) => `${describePart(p)} → ${c.candidate?.route ?? 'none'}`),
  );
}

describe('chooseRoutes', () => {
  it('splits a network where more specific routes take blocks of it, recursively', () => {
    const candidates = [
      candidate('10.0.0.0/8', 'tgw'),
      candidate('10.100.8.0/21', 'pcx'),
      candidate('10.100.9.0/24', 'vgw'),
      candidate('192.168.0.0/16', 'igw'),
    ];
    expect(choices(candidates, wholePart(cidrOf('10.100.0.0/16')))).toEqual([
      '10.100.0.0/16 except 10.100.8.0/21 → tgw',
      '10.100.8.0/21 except 10.100.9.0/24 → pcx',
      '10.100.9.0/24 → vgw',
    ]);
  });

  it('leaves what no route covers without a route', () => {
    expect(choices([candidate('10.100.0.0/17', 'vgw')], wholePart(cidrOf('10.100.0.0/16')))).toEqual([
      '10.100.0.0/16 except 10.100.0.0/17 → none',
      '10.100.0.0/17 → vgw',
    ]);
  });

  it('prefers the lower rank among routes of the same length', () => {
    const propagated = candidate('10.100.0.0/16', 'propagated', 3);
    const staticRoute = candidate('10.100.0.0/16', 'static', 1);
    expect(choices([propagated, staticRoute], wholePart(cidrOf('10.100.0.0/16')))).toEqual(['10.100.0.0/16 → static']);
  });

  it('ignores routes of the other address family and blocks already excluded', () => {
    const part: Part = {cidr: cidrOf('10.0.0.0/8'), excluding: [cidrOf('10.20.0.0/16')]};
    expect(
      choices([candidate('10.0.0.0/8', 'tgw'), candidate('10.20.0.0/16', 'local'), candidate('::/0', 'igw6')], part),
    ).toEqual(['10.0.0.0/8 except 10.20.0.0/16 → tgw']);
  });
});

describe('VPC route priority (expandVpcRoutes)', () => {
  const ranked = (routes: ReturnType<typeof route>[]) => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      network.prefixLists = [{id: 'pl-0f1e2d3c4b5a69780', addressFamily: 'IPv4', entries: ['10.100.0.0/16']}];
      network.routeTables!.find((t) => t.id === RTB)!.routes = routes;
    });
    const index = buildIndex(snapshot.accounts, snapshot.errors);
    const scope = scopeOf(index, snapshot.accounts[0].accountId, 'eu-west-1')!;
    const table = snapshot.accounts[0].regions[0].network!.routeTables!.find((t) => t.id === RTB)!;
    const [choice] = chooseRoutes(expandVpcRoutes(index, scope, table).candidates, wholePart(cidrOf('10.100.0.0/16')));
    return choice.candidate?.route.targetId;
  };

  it('static CIDR over prefix list over propagated', () => {
    const propagated = route('10.100.0.0/16', 'vpn-gateway', VGW, {origin: 'EnableVgwRoutePropagation'});
    const viaList = route('pl-0f1e2d3c4b5a69780', 'transit-gateway', 'tgw-0f9e8d7c6b5a43210');
    const staticRoute = route('10.100.0.0/16', 'vpc-peering-connection', 'pcx-0a1b2c3d4e5f60789');
    expect(ranked([propagated, viaList, staticRoute])).toBe('pcx-0a1b2c3d4e5f60789');
    expect(ranked([propagated, viaList])).toBe('tgw-0f9e8d7c6b5a43210');
    expect(ranked([propagated])).toBe(VGW);
  });

  it('skips filtered routes', () => {
    expect(ranked([route('10.100.0.0/16', 'vpn-gateway', VGW, {state: 'filtered'})])).toBeUndefined();
  });
});

describe('effectiveRouteTable', () => {
  it('an explicit association wins; otherwise the VPC main table', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      const table = network.routeTables!.find((t) => t.id === RTB)!;
      table.associations = table.associations.filter((a) => a.subnetId !== SUBNET_B);
    });
    const index = buildIndex(snapshot.accounts, snapshot.errors);
    const scope = scopeOf(index, snapshot.accounts[0].accountId, 'eu-west-1')!;
    expect(effectiveRouteTable(index, scope, SUBNET_A, VPC).found).toMatchObject({
      table: {id: RTB},
      association: 'explicit',
    });
    expect(effectiveRouteTable(index, scope, SUBNET_B, VPC).found).toMatchObject({
      table: {id: 'rtb-0f1e2d3c4b5a69788'},
      association: 'main',
    });
    // Without the subnet's VPC only an explicit association can be found.
    expect(effectiveRouteTable(index, scope, SUBNET_B, undefined)).toEqual({});
  });
});
