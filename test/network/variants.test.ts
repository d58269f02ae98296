/** One change to a canonical topology at a time: each health rule and break kind, and what unknown data does. */
import {type DxConnection, type DxVirtualInterface, emptyNetwork} from '../../src/snapshot/network';
import {
  ACCOUNT,
  collectionError,
  DXGW,
  ingressRule,
  REGION,
  route,
  setRoutes,
  SG,
  SUBNET_A,
  SUBNET_B,
  variantOf,
  VGW,
} from './builder';
import {clone, hopKinds, hopOf, network, onlyBroker, pathLine, topology as topologyOf} from './helpers';

const DC = '10.100.0.0/16';
const VPN = 'vpn-0e1f2a3b4c5d6e7f8';
const TUNNELS = [`${VPN}/34.250.12.34`, `${VPN}/52.49.101.77`];
const INGRESS = ['subnet', 'network-acl', 'security-group', 'broker', '<network-acl'];

function breaks(snapshot: Parameters<typeof onlyBroker>[0], cidrs = [DC]): string[] {
  const {facts} = onlyBroker(snapshot, cidrs);
  return [
    ...new Set(
      facts.onPrem.networks.flatMap((n) =>
        n.paths.map((p) => (p.breakPoint ? `${p.breakPoint.kind}@${p.breakPoint.hop}:${p.breakPoint.id}` : p.status)),
      ),
    ),
  ];
}

describe('Site-to-Site VPN on a virtual private gateway', () => {
  it('a static VPN whose static routes do not cover the network: no-route at the VPN', () => {
    const snapshot = variantOf('vgw-vpn-both-down', ({network}) => {
      const vpn = network.vpnConnections![0];
      vpn.tunnels = vpn.tunnels.map((t) => ({...t, status: 'UP'}));
      vpn.routes = [{destinationCidr: '10.100.0.0/17', state: 'available', source: 'Static'}];
    });
    expect(breaks(snapshot)).toEqual([`no-route@vpn-tunnel:${VPN}`]);
    const path = network(onlyBroker(snapshot, [DC]).facts, DC).paths[0];
    expect(path.breakPoint?.message).toContain('none covers 10.100.0.0/16 (static routes: 10.100.0.0/17)');
  });

  it('a static VPN covering the network with both tunnels up is reachable', () => {
    const snapshot = variantOf('vgw-vpn-both-down', ({network}) => {
      network.vpnConnections![0].tunnels.forEach((t) => (t.status = 'UP'));
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect([dc.verdict, dc.independentPathCount]).toEqual(['reachable', 2]);
  });

  it('a VPN connection that is not available: vpn-unavailable, one path for the connection', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      network.vpnConnections![0].state = 'deleting';
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.paths.map(pathLine)).toEqual([
      `${SUBNET_A} ${DC} vpn ${VPN} broken vpn-unavailable@vpn-tunnel:${VPN}`,
      `${SUBNET_B} ${DC} vpn ${VPN} broken vpn-unavailable@vpn-tunnel:${VPN}`,
    ]);
  });

  it('a BGP tunnel that is UP but accepts no routes carries nothing', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      network.vpnConnections![0].tunnels[1].acceptedRouteCount = 0;
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.verdict).toBe('degraded');
    expect(dc.paths[1].breakPoint).toMatchObject({kind: 'no-route', hop: 'vpn-tunnel'});
    expect(dc.paths[1].breakPoint?.message).toContain('accepts no BGP routes');
  });

  it('a virtual private gateway detached from the VPC: gateway-detached', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      network.vpnGateways![0].attachments[0].state = 'detached';
    });
    expect(breaks(snapshot)).toEqual([`gateway-detached@vpn-gateway:${VGW}`]);
  });

  it('a gateway with no VPN and no Direct Connect: no-connection', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      network.vpnConnections = [];
    });
    expect(breaks(snapshot)).toEqual([`no-connection@vpn-gateway:${VGW}`]);
  });

  it('VPN connections that could not be read: unknown, with the failed call', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, network}) => {
      network.vpnConnections = null;
      s.errors.push(collectionError('ec2', 'DescribeVpnConnections', 'UnauthorizedOperation'));
    });
    const {facts, unknown} = onlyBroker(snapshot, [DC]);
    expect(facts.onPrem.verdict).toBe('unknown');
    expect(facts.missing.map((m) => m.reason)).toEqual(['ec2:DescribeVpnConnections failed (UnauthorizedOperation)']);
    expect(unknown['/network/onPrem/reachable']).toBe('ec2:DescribeVpnConnections failed (UnauthorizedOperation)');
  });
});

describe('Direct Connect', () => {
  it('an association whose allowed prefixes do not include the broker subnet: not-advertised', () => {
    const snapshot = variantOf('dxgw-vgw', ({account}) => {
      account.directConnectGateways![0].associations![0].allowedPrefixes = ['10.20.128.0/17'];
    });
    expect(breaks(snapshot)).toEqual([`not-advertised@dx-gateway:${DXGW}`]);
  });

  it('an association advertising one broker subnet only: subnets on one table are judged each on its own', () => {
    const snapshot = variantOf('dxgw-vgw', ({account}) => {
      account.directConnectGateways![0].associations![0].allowedPrefixes = ['10.20.1.0/24'];
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.paths.map((p) => `${p.subnetId} ${p.status}${p.breakPoint ? ` ${p.breakPoint.kind}` : ''}`)).toEqual([
      `${SUBNET_A} healthy`,
      `${SUBNET_A} healthy`,
      `${SUBNET_B} broken not-advertised`,
      `${SUBNET_B} broken not-advertised`,
    ]);
    expect(dc.breakPoint?.message).toContain(
      'does not advertise the broker subnet 10.20.2.0/24 to on-premises: allowed prefixes 10.20.1.0/24',
    );
  });

  it('an association without allowed prefixes advertises the VPC CIDRs', () => {
    const snapshot = variantOf('dxgw-vgw', ({account}) => {
      account.directConnectGateways![0].associations![0].allowedPrefixes = [];
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.verdict).toBe('reachable');
    expect(hopOf(dc.paths[0], 'dx-gateway').reason).toContain('allowed prefixes the VPC CIDRs');
  });

  it('two interfaces on one connection are one independent path: degraded', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxVirtualInterfaces![1].connectionId = 'dxcon-fgq3ynu2';
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect([dc.verdict, dc.redundant, dc.healthyPathCount, dc.independentPathCount]).toEqual(['degraded', false, 2, 1]);
  });

  it('interfaces on two connections at one Direct Connect location are one independent path: degraded, naming the location', () => {
    // AWS's resiliency recommendations (and Prowler's directconnect_connection_redundancy) require different locations:
    // a location's outage or maintenance takes down every connection there.
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxConnections![1].location = 'EqDB2';
      network.dxConnections![1].locationName = 'Equinix DB2, Dublin';
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.paths.map((p) => `${p.linkId} ${p.dxLocation} ${p.status}`)).toEqual([
      'dxcon-fgq3ynu2 EqDB2 healthy',
      'dxcon-ffre0ec3 EqDB2 healthy',
      'dxcon-fgq3ynu2 EqDB2 healthy',
      'dxcon-ffre0ec3 EqDB2 healthy',
    ]);
    expect([dc.verdict, dc.redundant, dc.healthyPathCount, dc.independentPathCount]).toEqual(['degraded', false, 2, 1]);
    // The code, then DescribeLocations' name for it.
    expect(dc.paths.map((p) => p.dxLocationName)).toEqual(Array(4).fill('Equinix DB2, Dublin'));
    expect(dc.sharedFailure).toBe(
      'both virtual interfaces (dxvif-fgrb110x, dxvif-ffk9u4hc) use connections at Direct Connect location EqDB2 (Equinix DB2, Dublin) (dxcon-fgq3ynu2 and dxcon-ffre0ec3)',
    );
    const facts = onlyBroker(snapshot, [DC]).facts;
    expect([
      facts.onPrem.verdict,
      facts.onPrem.redundant,
      facts.onPrem.sharedFailure,
      facts.onPrem.independence,
    ]).toEqual(['degraded', false, dc.sharedFailure, 'location']);
    expect(facts.onPrem.redundancyNote).toBe(dc.sharedFailure);
  });

  it('names the location by its code alone when its name was not collected (DescribeLocations denied, or an older snapshot)', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxConnections![1].location = 'EqDB2';
      for (const connection of network.dxConnections!) delete connection.locationName;
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    // Display only: the same verdict and counts as with the name.
    expect([dc.verdict, dc.redundant, dc.healthyPathCount, dc.independentPathCount]).toEqual(['degraded', false, 2, 1]);
    expect(dc.paths.map((p) => `${p.dxLocation} ${p.dxLocationName}`)).toEqual(Array(4).fill('EqDB2 undefined'));
    expect(dc.sharedFailure).toBe(
      'both virtual interfaces (dxvif-fgrb110x, dxvif-ffk9u4hc) use connections at Direct Connect location EqDB2 (dxcon-fgq3ynu2 and dxcon-ffre0ec3)',
    );
  });

  it('names the location when one of the connections there has its name', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxConnections![1].location = 'EqDB2';
      delete network.dxConnections![1].locationName;
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.sharedFailure).toContain('at Direct Connect location EqDB2 (Equinix DB2, Dublin) (dxcon-fgq3ynu2');
  });

  it('with independence "connection", connections at one location are independent: reachable, and the facts say which rule applied', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxConnections![1].location = 'EqDB2';
    });
    const {facts} = onlyBroker(snapshot, [DC], 'connection');
    const dc = network(facts, DC);
    expect([dc.verdict, dc.redundant, dc.independentPathCount, dc.sharedFailure]).toEqual([
      'reachable',
      true,
      2,
      undefined,
    ]);
    expect([facts.onPrem.verdict, facts.onPrem.independence, facts.onPrem.redundancyNote]).toEqual([
      'reachable',
      'connection',
      '2 independent healthy paths',
    ]);
    // The same snapshot under the default rule, from the same kind of model: not a shared memo.
    expect(onlyBroker(snapshot, [DC]).facts.onPrem.verdict).toBe('degraded');
  });

  it('interfaces on connections at two locations are independent; a hosted connection not in the inventory is placed by its interface', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxVirtualInterfaces![1].location = 'EqDB2';
      network.dxConnections = [network.dxConnections![0]];
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.paths.slice(0, 2).map((p) => `${p.linkId} ${p.dxLocation}`)).toEqual([
      'dxcon-fgq3ynu2 EqDB2',
      'dxcon-ffre0ec3 EqDB2',
    ]);
    expect([dc.verdict, dc.independentPathCount]).toEqual(['degraded', 1]);
    const apart = onlyBroker(topologyOf('dxgw-vgw'), [DC]).facts;
    const two = network(apart, DC);
    expect([two.verdict, two.independentPathCount, two.sharedFailure]).toEqual(['reachable', 2, undefined]);
    expect(two.paths.slice(0, 2).map((p) => p.dxLocation)).toEqual(['EqDB2', 'TCSH']);
    expect([apart.onPrem.independence, apart.onPrem.redundancyNote]).toEqual([
      'location',
      '2 independent healthy paths',
    ]);
  });

  it('interfaces on two connections of one LAG count once, under either rule: the LAG is the link, and it is named', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      for (const connection of network.dxConnections!) connection.lagId = 'dxlag-ffjhj2k7';
      network.dxLags = [
        {
          id: 'dxlag-ffjhj2k7',
          name: 'dub-lag',
          state: 'available',
          region: REGION,
          location: 'EqDB2',
          minimumLinks: 1,
          numberOfConnections: 2,
          connectionIds: ['dxcon-fgq3ynu2', 'dxcon-ffre0ec3'],
        },
      ];
    });
    for (const rule of ['location', 'connection'] as const) {
      const dc = network(onlyBroker(snapshot, [DC], rule).facts, DC);
      expect(dc.paths.map((p) => p.linkId)).toEqual([
        'dxlag-ffjhj2k7',
        'dxlag-ffjhj2k7',
        'dxlag-ffjhj2k7',
        'dxlag-ffjhj2k7',
      ]);
      expect([rule, dc.verdict, dc.independentPathCount]).toEqual([rule, 'degraded', 1]);
      expect(dc.sharedFailure).toBe(
        'both virtual interfaces (dxvif-fgrb110x, dxvif-ffk9u4hc) use the LAG dxlag-ffjhj2k7',
      );
    }
  });

  it('two interfaces on one connection: the connection is named as what they share', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxVirtualInterfaces![1].connectionId = 'dxcon-fgq3ynu2';
    });
    const {facts} = onlyBroker(snapshot, [DC], 'connection');
    expect([facts.onPrem.verdict, facts.onPrem.sharedFailure]).toEqual([
      'degraded',
      'both virtual interfaces (dxvif-fgrb110x, dxvif-ffk9u4hc) use the connection dxcon-fgq3ynu2',
    ]);
  });

  it('a VPN beside Direct Connect at one location: the tunnel is independent of the connections, reachable', () => {
    const vpnSide = topologyOf('vgw-vpn-both-up').accounts[0].regions[0].network!;
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxConnections![1].location = 'EqDB2';
      network.customerGateways = clone(vpnSide.customerGateways);
      network.vpnConnections = clone(vpnSide.vpnConnections);
      network.vpnConnections![0].tunnels[1].status = 'DOWN';
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    const healthy = dc.paths
      .filter((p) => p.status === 'healthy' && p.subnetId === SUBNET_A)
      .map((p) => `${p.via} ${p.linkId}`);
    expect(healthy).toEqual(
      expect.arrayContaining([`vpn ${TUNNELS[0]}`, 'direct-connect dxcon-fgq3ynu2', 'direct-connect dxcon-ffre0ec3']),
    );
    expect([dc.verdict, dc.redundant, dc.independentPathCount, dc.sharedFailure]).toEqual([
      'reachable',
      true,
      2,
      undefined,
    ]);
  });

  it('a connection that is down: connection-down at the connection', () => {
    const snapshot = variantOf('dxgw-vgw', ({network}) => {
      network.dxConnections![0].state = 'down';
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.verdict).toBe('degraded');
    expect(dc.paths[0].breakPoint).toMatchObject({kind: 'connection-down', hop: 'dx-connection', id: 'dxcon-fgq3ynu2'});
  });

  it('a private interface directly on the gateway (no Direct Connect gateway) plus one VPN tunnel: VPN + Direct Connect is redundant', () => {
    const snapshot = variantOf('vgw-vpn-one-tunnel-down', ({network}) => {
      network.dxConnections = [
        {
          id: 'dxcon-fgq3ynu2',
          name: 'dub-eqdb2-10g',
          state: 'available',
          region: REGION,
          location: 'EqDB2',
          bandwidth: '1Gbps',
        },
      ];
      network.dxVirtualInterfaces = [
        {
          id: 'dxvif-fgrb110x',
          name: 'orders-prod-eqdb2',
          type: 'private',
          state: 'available',
          connectionId: 'dxcon-fgq3ynu2',
          region: REGION,
          vlan: 311,
          virtualGatewayId: VGW,
          bgpPeers: [{id: 'dxpeer-fgrb110x', addressFamily: 'ipv4', status: 'up', state: 'available', asn: 65010}],
        },
      ];
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.paths.filter((p) => p.subnetId === SUBNET_A).map((p) => `${p.via} ${p.linkId} ${p.status}`)).toEqual([
      `vpn ${TUNNELS[0]} healthy`,
      `vpn ${TUNNELS[1]} broken`,
      'direct-connect dxcon-fgq3ynu2 healthy',
    ]);
    expect(hopKinds(dc.paths[2])).toEqual([
      'on-premises-network',
      'dx-connection',
      'virtual-interface',
      'vpn-gateway',
      '<route-table',
      ...INGRESS,
    ]);
    expect([dc.verdict, dc.redundant, dc.independentPathCount]).toEqual(['reachable', true, 2]);
  });

  it("a hosted interface listed by both accounts (the connection owner's and its own) is one path, not two", () => {
    const partner = '604111786222';
    const vif = {
      id: 'dxvif-fgrb110x',
      name: 'orders-prod-eqdb2',
      type: 'private',
      state: 'available',
      connectionId: 'dxcon-fgq3ynu2',
      region: REGION,
      vlan: 311,
      virtualGatewayId: VGW,
      ownerAccount: ACCOUNT,
      bgpPeers: [{id: 'dxpeer-fgrb110x', addressFamily: 'ipv4', status: 'up', state: 'available', asn: 65010}],
    } satisfies DxVirtualInterface;
    const connection = {
      id: 'dxcon-fgq3ynu2',
      name: 'partner-eqdb2-10g',
      state: 'available',
      region: REGION,
      location: 'EqDB2',
      bandwidth: '1Gbps',
      ownerAccount: partner,
    } satisfies DxConnection;
    const snapshot = variantOf('vgw-vpn-one-tunnel-down', ({snapshot: s, network}) => {
      network.dxConnections = [];
      network.dxVirtualInterfaces = [clone(vif)];
      // The partner that allocated it lists the interface on its connection too (inventoried first here).
      s.accounts.unshift({
        accountId: partner,
        name: 'partner',
        partition: 'aws',
        directConnectGateways: [],
        regions: [
          {
            region: REGION,
            mqOffered: true,
            brokers: [],
            network: {...emptyNetwork(), dxConnections: [{...connection}], dxVirtualInterfaces: [clone(vif)]},
          },
        ],
      });
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.paths.filter((p) => p.subnetId === SUBNET_A).map((p) => `${p.via} ${p.linkId} ${p.status}`)).toEqual([
      `vpn ${TUNNELS[0]} healthy`,
      `vpn ${TUNNELS[1]} broken`,
      'direct-connect dxcon-fgq3ynu2 healthy',
    ]);
    expect([dc.verdict, dc.independentPathCount]).toEqual(['reachable', 2]);
    // The interface is its owner's, the connection the partner's.
    const dxPath = dc.paths.find((p) => p.via === 'direct-connect')!;
    expect(hopOf(dxPath, 'virtual-interface').accountId).toBe(ACCOUNT);
    expect(hopOf(dxPath, 'dx-connection').accountId).toBe(partner);
  });

  it('a healthy tunnel, and Direct Connect that could not be read: reachable, redundancy unknown', () => {
    const snapshot = variantOf('vgw-vpn-one-tunnel-down', ({snapshot: s, account, network}) => {
      network.dxVirtualInterfaces = null;
      account.directConnectGateways = null;
      s.errors.push(
        collectionError('directconnect', 'DescribeVirtualInterfaces'),
        collectionError('directconnect', 'DescribeDirectConnectGateways'),
      );
    });
    const {facts, unknown} = onlyBroker(snapshot, [DC]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.reachable, dc.redundant, dc.healthyPathCount]).toEqual(['degraded', true, null, 1]);
    expect(unknown['/network/onPrem/reachable']).toBeUndefined();
    expect(unknown['/network/onPrem/redundant']).toContain('DescribeVirtualInterfaces failed (AccessDeniedException)');
  });
});

describe('VPC routes', () => {
  it('no route for the network: no-route at the route table', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => setRoutes(network, []));
    expect(breaks(snapshot)).toEqual(['no-route@route-table:rtb-0d4e5f60718293a4b']);
  });

  it('a default route to the internet gateway catches the network: not-private', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) =>
      setRoutes(network, [route('0.0.0.0/0', 'internet-gateway', 'igw-0e8d7c6b5a4f39201')]),
    );
    expect(breaks(snapshot)).toEqual(['not-private@internet-gateway:igw-0e8d7c6b5a4f39201']);
    expect(onlyBroker(snapshot, [DC]).facts.internetIngress.publicSubnet).toBe(true);
  });

  it('a route to a NAT gateway: not-private', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) =>
      setRoutes(network, [route('0.0.0.0/0', 'nat-gateway', 'nat-0a1b2c3d4e5f60718')]),
    );
    expect(breaks(snapshot)).toEqual(['not-private@nat-gateway:nat-0a1b2c3d4e5f60718']);
  });

  it('a route to an instance (a virtual appliance) is not modeled: unknown, never reachable', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) =>
      setRoutes(network, [route(DC, 'instance', 'i-0a1b2c3d4e5f60718')]),
    );
    const {facts, unknown} = onlyBroker(snapshot, [DC]);
    expect(breaks(snapshot)).toEqual(['unknown']);
    expect(hopKinds(network(facts, DC).paths[0])).toEqual([
      'on-premises-network',
      'target',
      '<route-table',
      ...INGRESS,
    ]);
    expect(unknown['/network/onPrem/reachable']).toBe(
      'paths through a instance target (i-0a1b2c3d4e5f60718) are not modeled',
    );
  });

  it('a prefix-list route wins over a shorter CIDR route, and the hop names the list', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      network.prefixLists = [
        {
          id: 'pl-0f1e2d3c4b5a69780',
          name: 'fra-dc1',
          addressFamily: 'IPv4',
          state: 'create-complete',
          entries: ['10.100.0.0/16', '172.16.0.0/12'],
        },
      ];
      setRoutes(network, [
        route('10.0.0.0/8', 'internet-gateway', 'igw-0e8d7c6b5a4f39201'),
        route('pl-0f1e2d3c4b5a69780', 'vpn-gateway', VGW),
      ]);
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.verdict).toBe('reachable');
    expect(hopOf(dc.paths[0], 'route-table', 'return').route).toMatchObject({
      destination: DC,
      prefixListId: 'pl-0f1e2d3c4b5a69780',
      target: VGW,
    });
  });

  it('a prefix list whose entries could not be read makes the route uncertain', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, network}) => {
      network.prefixLists = [{id: 'pl-0f1e2d3c4b5a69780', name: 'fra-dc1', addressFamily: 'IPv4', entries: null}];
      privateTableRoutesPush(network, route('pl-0f1e2d3c4b5a69780', 'vpc-peering-connection', 'pcx-0a1b2c3d4e5f60789'));
      s.errors.push(
        collectionError('ec2', 'GetManagedPrefixListEntries', 'UnauthorizedOperation', {
          resource: 'pl-0f1e2d3c4b5a69780',
        }),
      );
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect(dc.verdict).toBe('unknown');
    expect(hopOf(dc.paths[0], 'route-table', 'return').status).toBe('unknown');
    expect(dc.missing?.map((m) => [m.reason, m.error?.code])).toEqual([
      [
        'ec2:GetManagedPrefixListEntries failed for pl-0f1e2d3c4b5a69780 (UnauthorizedOperation)',
        'UnauthorizedOperation',
      ],
    ]);
  });

  it('a static route over a propagated one of the same length', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      privateTableRoutesPush(network, route(DC, 'vpc-peering-connection', 'pcx-0a1b2c3d4e5f60789'));
    });
    expect(breaks(snapshot)).toEqual(['not-transitive@vpc-peering-connection:pcx-0a1b2c3d4e5f60789']);
  });

  it('a route table that could not be read: unknown, with the failed call', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, network}) => {
      network.routeTables = null;
      s.errors.push(collectionError('ec2', 'DescribeRouteTables', 'RequestLimitExceeded'));
    });
    const {facts} = onlyBroker(snapshot, [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unknown');
    expect(hopKinds(dc.paths[0])).toEqual(['on-premises-network', '<route-table', ...INGRESS]);
    expect(facts.subnets[0].routeTableId).toBeUndefined();
    expect(facts.internetIngress.publicSubnet).toBeNull();
  });

  it('the main table explicitly associated with one subnet and implicitly used by the other: each says which', () => {
    const snapshot = variantOf('main-route-table', ({network}) => {
      network
        .routeTables!.find((t) => t.main)!
        .associations.push({id: 'rtbassoc-0a9b8c7d6e5f40312', subnetId: SUBNET_A, main: false, state: 'associated'});
    });
    const {facts} = onlyBroker(snapshot, [DC]);
    expect(facts.subnets.map((s) => s.routeTableAssociation)).toEqual(['explicit', 'main']);
    const [a, , b] = network(facts, DC).paths;
    expect([a.subnetId, hopOf(a, 'route-table', 'return').reason]).toEqual([
      SUBNET_A,
      expect.stringContaining('explicitly associated with the subnet'),
    ]);
    expect([b.subnetId, hopOf(b, 'route-table', 'return').reason]).toEqual([
      SUBNET_B,
      expect.stringContaining('the VPC main table'),
    ]);
  });

  it('a given supernet that contains the VPC: the VPC range is left out, the rest judged', () => {
    const {facts} = onlyBroker(variantOf('vgw-vpn-both-up'), ['10.0.0.0/8']);
    const net = network(facts, '10.0.0.0/8');
    expect(net.excluding).toEqual(['10.20.0.0/16']);
    expect(net.paths.filter((p) => p.subnetId === SUBNET_A).map(pathLine)).toEqual([
      `${SUBNET_A} 10.0.0.0/8 except 10.20.0.0/16,10.100.0.0/16 none broken no-route@route-table:rtb-0d4e5f60718293a4b`,
      `${SUBNET_A} ${DC} vpn ${TUNNELS[0]} healthy`,
      `${SUBNET_A} ${DC} vpn ${TUNNELS[1]} healthy`,
    ]);
    expect(net.verdict).toBe('unreachable');
  });

  it('a given network inside the VPC range: routed-elsewhere (the local route)', () => {
    expect(breaks(variantOf('vgw-vpn-both-up'), ['10.20.8.0/24'])).toEqual([
      'routed-elsewhere@route-table:rtb-0d4e5f60718293a4b',
    ]);
  });
});

describe('transit gateway', () => {
  it("no route back to the broker subnet in the on-premises attachment's table: no-route on the way in", () => {
    const snapshot = variantOf('tgw-vpn', ({network}) => {
      const table = network.transitGatewayRouteTables![0];
      table.routes = table.routes!.filter((r) => r.destinationCidr !== '10.20.0.0/16');
    });
    expect(breaks(snapshot)).toEqual(['no-route@tgw-route-table:tgw-rtb-0a1b2c3d4e5f6a7b8']);
  });

  it('a blackhole route in the transit gateway table', () => {
    const snapshot = variantOf('tgw-vpn', ({network}) => {
      const onPrem = network.transitGatewayRouteTables![0].routes!.find((r) => r.destinationCidr === DC)!;
      onPrem.state = 'blackhole';
      onPrem.type = 'static';
      onPrem.attachments = [];
    });
    const {facts} = onlyBroker(snapshot, [DC]);
    expect(network(facts, DC).breakPoint).toMatchObject({
      kind: 'blackhole',
      hop: 'tgw-route-table',
      id: 'tgw-rtb-0a1b2c3d4e5f6a7b8',
      direction: 'return',
    });
  });

  it('the VPC is not attached to the transit gateway: gateway-detached', () => {
    const snapshot = variantOf('tgw-vpn', ({network}) => {
      network.transitGatewayAttachments = network.transitGatewayAttachments!.filter((a) => a.resourceType !== 'vpc');
    });
    expect(breaks(snapshot)).toEqual(['gateway-detached@transit-gateway:tgw-0f9e8d7c6b5a43210']);
  });

  it('transit gateway routes that could not be read: unknown', () => {
    const snapshot = variantOf('tgw-vpn', ({snapshot: s, network}) => {
      network.transitGatewayRouteTables![0].routes = null;
      s.errors.push(collectionError('ec2', 'SearchTransitGatewayRoutes', 'UnauthorizedOperation'));
    });
    const {facts} = onlyBroker(snapshot, [DC]);
    expect(facts.onPrem.verdict).toBe('unknown');
    expect(facts.missing[0]).toMatchObject({
      collection: 'transitGatewayRouteTables',
      resourceId: 'tgw-rtb-0a1b2c3d4e5f6a7b8',
      error: {operation: 'SearchTransitGatewayRoutes'},
    });
  });

  it('a transit gateway shared from an inventoried network account is followed there', () => {
    const snapshot = variantOf('dxgw-tgw', ({snapshot: s, account, network}) => {
      const networkAccount = '604111786222';
      const moved = {
        transitGateways: network.transitGateways!.map((t) => ({
          ...t,
          ownerId: networkAccount,
          arn: t.arn!.replace(ACCOUNT, networkAccount),
        })),
        transitGatewayAttachments: network.transitGatewayAttachments!.map((a) => ({
          ...a,
          transitGatewayOwnerId: networkAccount,
        })),
        transitGatewayRouteTables: network.transitGatewayRouteTables!,
        dxConnections: network.dxConnections!.map((c) => ({...c, ownerAccount: networkAccount})),
        dxVirtualInterfaces: network.dxVirtualInterfaces!.map((v) => ({...v, ownerAccount: networkAccount})),
      };
      // The workload account sees the shared gateway and its own attachment, without the association.
      network.transitGateways = moved.transitGateways;
      network.transitGatewayAttachments = moved.transitGatewayAttachments
        .filter((a) => a.resourceType === 'vpc')
        .map(({association: _, ...a}) => a);
      network.transitGatewayRouteTables = [];
      network.dxConnections = [];
      network.dxVirtualInterfaces = [];
      const gateways = account.directConnectGateways!.map((g) => ({...g, ownerAccount: networkAccount}));
      account.directConnectGateways = [];
      s.accounts.push({
        accountId: networkAccount,
        name: 'network',
        partition: 'aws',
        directConnectGateways: gateways,
        regions: [{region: REGION, mqOffered: true, brokers: [], network: {...emptyNetwork(), ...moved}}],
      });
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect([dc.verdict, dc.independentPathCount]).toEqual(['reachable', 2]);
    expect(hopOf(dc.paths[0], 'transit-gateway').accountId).toBe('604111786222');
    expect(hopOf(dc.paths[0], 'dx-connection').arn).toBe(
      'arn:aws:directconnect:eu-west-1:604111786222:dxcon/dxcon-fgq3ynu2',
    );
  });
});

describe('the way in', () => {
  it('a network ACL that could not be read: unknown, not reachable', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, network}) => {
      network.networkAcls = null;
      s.errors.push(collectionError('ec2', 'DescribeNetworkAcls', 'UnauthorizedOperation'));
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect([dc.verdict, dc.reachable, dc.openPorts]).toEqual(['unknown', null, []]);
    expect(hopOf(dc.paths[0], 'network-acl').status).toBe('unknown');
    expect(hopOf(dc.paths[0], 'security-group').status).toBe('unknown');
  });

  it('security group rules that could not be read: exposure unknown too', () => {
    const snapshot = variantOf('vgw-vpn-both-up', ({snapshot: s, network}) => {
      network.securityGroupRules = null;
      s.errors.push(collectionError('ec2', 'DescribeSecurityGroupRules', 'UnauthorizedOperation'));
    });
    const {facts, unknown} = onlyBroker(snapshot, [DC]);
    expect(network(facts, DC).verdict).toBe('unknown');
    expect([facts.internetIngress.open, facts.internetIngress.groupsOpen]).toEqual([null, null]);
    expect(unknown['/network/internetIngress/groupsOpen']).toBe(
      'ec2:DescribeSecurityGroupRules failed (UnauthorizedOperation)',
    );
  });

  it('two security groups together admit the network', () => {
    const snapshot = variantOf('sg-not-admitting', ({network, details}) => {
      details.securityGroups = [SG, 'sg-0a9b8c7d6e5f43210'];
      network.securityGroups!.push({id: 'sg-0a9b8c7d6e5f43210', name: 'fra-dc1-upper', vpcId: 'vpc-0c3f1a9e5b7d24680'});
      network.securityGroupRules!.push(
        ingressRule('sgr-0c1d2e3f4a5b6c7d8', 61617, {cidr: '10.100.128.0/17'}, 'sg-0a9b8c7d6e5f43210'),
      );
    });
    const dc = network(onlyBroker(snapshot, [DC]).facts, DC);
    expect([dc.verdict, dc.openPorts]).toEqual(['reachable', [61617]]);
    expect(hopOf(dc.paths[0], 'security-group').rules).toEqual(['sgr-0f66a77b88c99d0a5', 'sgr-0c1d2e3f4a5b6c7d8']);
  });
});

describe('networks over IPv6', () => {
  it('an IPv6 on-premises network needs IPv6 routes and rules of its own', () => {
    const v6 = '2001:db8:100::/48';
    const snapshot = variantOf('vgw-vpn-both-up', ({network}) => {
      privateTableRoutesPush(network, route(v6, 'vpn-gateway', VGW, {origin: 'EnableVgwRoutePropagation'}));
      network.networkAcls![0].entries.push(
        {ruleNumber: 101, egress: false, action: 'allow', protocol: '-1', ipv6Cidr: '::/0'},
        {ruleNumber: 101, egress: true, action: 'allow', protocol: '-1', ipv6Cidr: '::/0'},
      );
      network.securityGroupRules!.push(ingressRule('sgr-0d2e3f4a5b6c7d8e9', 61617, {cidr: v6}));
    });
    const net = network(onlyBroker(snapshot, [v6]).facts, v6);
    expect([net.verdict, net.openPorts]).toEqual(['reachable', [61617]]);
    expect(hopOf(net.paths[0], 'route-table', 'return').route?.destination).toBe(v6);
  });
});

function privateTableRoutesPush(network: Parameters<typeof setRoutes>[0], added: ReturnType<typeof route>): void {
  network.routeTables!.find((t) => t.id === 'rtb-0d4e5f60718293a4b')!.routes.push(added);
}
