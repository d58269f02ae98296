/**
 * The canonical fixture topologies (fixtures/network/<name>/inventory.json): each one's verdict, paths (via,
 * link, hop kinds in order) and break point. The on-premises network is the Frankfurt data centre, 10.100.0.0/16.
 */
import {hopKinds, hopOf, network, onlyBroker, pathLine, topology} from './helpers';

const DC = '10.100.0.0/16';
const A = 'subnet-0a1b2c3d4e5f60718';
const B = 'subnet-0b2c3d4e5f6071829';
const C = 'subnet-0c3d4e5f60718293a';
const VPN = 'vpn-0e1f2a3b4c5d6e7f8';
const TUNNEL_1 = `${VPN}/34.250.12.34`;
const TUNNEL_2 = `${VPN}/52.49.101.77`;
const DXCON_A = 'dxcon-fgq3ynu2';
const DXCON_B = 'dxcon-ffre0ec3';

const INGRESS = ['subnet', 'network-acl', 'security-group', 'broker', '<network-acl'];
const VGW_VPN_HOPS = [
  'on-premises-network',
  'customer-gateway',
  'vpn-tunnel',
  'vpn-gateway',
  '<route-table',
  ...INGRESS,
];
const TGW_SIDE = [
  'tgw-attachment',
  'transit-gateway',
  'tgw-route-table',
  'tgw-attachment',
  '<tgw-route-table',
  '<route-table',
];
const TGW_VPN_HOPS = ['on-premises-network', 'customer-gateway', 'vpn-tunnel', ...TGW_SIDE, ...INGRESS];
const DX_LINK = ['on-premises-network', 'dx-connection', 'virtual-interface', 'dx-gateway'];

describe('VGW + VPN', () => {
  it('both tunnels up: reachable over two independent paths to each subnet', () => {
    const {facts, unknown} = onlyBroker(topology('vgw-vpn-both-up'), [DC]);
    const dc = network(facts, DC);
    expect([facts.onPrem.verdict, dc.verdict, dc.reachable, dc.redundant]).toEqual([
      'reachable',
      'reachable',
      true,
      true,
    ]);
    expect([dc.healthyPathCount, dc.independentPathCount]).toEqual([2, 2]);
    expect(dc.paths.map(pathLine)).toEqual([
      `${A} ${DC} vpn ${TUNNEL_1} healthy`,
      `${A} ${DC} vpn ${TUNNEL_2} healthy`,
      `${B} ${DC} vpn ${TUNNEL_1} healthy`,
      `${B} ${DC} vpn ${TUNNEL_2} healthy`,
    ]);
    for (const path of dc.paths) expect(hopKinds(path)).toEqual(VGW_VPN_HOPS);
    // The security group admits the network on three of the six ActiveMQ ports.
    expect(dc.openPorts).toEqual([61617, 5671, 8162]);
    const route = hopOf(dc.paths[0], 'route-table', 'return').route;
    expect(route).toEqual({
      destination: DC,
      target: 'vgw-0a1b2c3d4e5f67890',
      targetType: 'vpn-gateway',
      state: 'active',
      origin: 'EnableVgwRoutePropagation',
    });
    expect(hopOf(dc.paths[1], 'vpn-tunnel').tunnel).toEqual({
      outsideIpAddress: '52.49.101.77',
      status: 'UP',
      acceptedRouteCount: 3,
      lastStatusChange: '2026-11-02T04:12:08.000Z',
    });
    expect(facts.missing).toEqual([]);
    expect(unknown).toEqual({});
  });

  it('one tunnel down: degraded, one healthy path per subnet, the down tunnel breaks', () => {
    const {facts} = onlyBroker(topology('vgw-vpn-one-tunnel-down'), [DC]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.reachable, dc.redundant, dc.healthyPathCount, dc.independentPathCount]).toEqual([
      'degraded',
      true,
      false,
      1,
      1,
    ]);
    expect(facts.onPrem.verdict).toBe('degraded');
    expect(dc.paths.map(pathLine)).toEqual([
      `${A} ${DC} vpn ${TUNNEL_1} healthy`,
      `${A} ${DC} vpn ${TUNNEL_2} broken tunnel-down@vpn-tunnel:${VPN}`,
      `${B} ${DC} vpn ${TUNNEL_1} healthy`,
      `${B} ${DC} vpn ${TUNNEL_2} broken tunnel-down@vpn-tunnel:${VPN}`,
    ]);
    expect(dc.breakPoint).toBeUndefined();
    expect(dc.paths[1].breakPoint?.message).toContain(
      '52.49.101.77 is DOWN since 2026-11-24T22:47:31.000Z (IPSEC IS DOWN)',
    );
  });

  it('both tunnels down: unreachable, breaks at the first tunnel', () => {
    const {facts} = onlyBroker(topology('vgw-vpn-both-down'), [DC]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.reachable, dc.healthyPathCount]).toEqual(['unreachable', false, 0]);
    expect(dc.paths.every((p) => p.breakPoint?.kind === 'tunnel-down')).toBe(true);
    expect(dc.paths.map((p) => p.linkId)).toEqual([TUNNEL_1, TUNNEL_2, TUNNEL_1, TUNNEL_2]);
    expect(dc.breakPoint).toMatchObject({
      kind: 'tunnel-down',
      hop: 'vpn-tunnel',
      id: VPN,
      resourceType: 'AWS::EC2::VPNConnection',
    });
    expect(dc.breakPoint?.message).toContain('34.250.12.34 is DOWN');
    expect(facts.onPrem.breakPoint).toEqual(dc.breakPoint);
    expect(dc.openPorts).toEqual([]);
  });
});

describe('transit gateway', () => {
  it('TGW + VPN attachment: a RabbitMQ cluster reachable from every subnet over both tunnels', () => {
    const {facts} = onlyBroker(topology('tgw-vpn'), [DC]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.healthyPathCount, dc.independentPathCount]).toEqual(['reachable', 2, 2]);
    expect(dc.paths.map((p) => `${p.subnetId} ${p.via} ${p.linkId}`)).toEqual(
      [A, A, B, B, C, C].map((s, i) => `${s} vpn ${i % 2 === 0 ? TUNNEL_1 : TUNNEL_2}`),
    );
    for (const path of dc.paths) expect(hopKinds(path)).toEqual(TGW_VPN_HOPS);
    const path = dc.paths[0];
    const ids = path.hops.map((h) => h.id);
    expect(ids.slice(3, 9)).toEqual([
      'tgw-attach-0b2c3d4e5f6070002',
      'tgw-0f9e8d7c6b5a43210',
      'tgw-rtb-0a1b2c3d4e5f6a7b8',
      'tgw-attach-0a1b2c3d4e5f60001',
      'tgw-rtb-0a1b2c3d4e5f6a7b8',
      'rtb-0d4e5f60718293a4b',
    ]);
    // The VPC sends the whole 10.0.0.0/8 to the transit gateway; the gateway's table has the specific route.
    expect(hopOf(path, 'route-table', 'return').route?.destination).toBe('10.0.0.0/8');
    expect(hopOf(path, 'tgw-route-table', 'return').route).toMatchObject({
      destination: DC,
      target: 'tgw-attach-0b2c3d4e5f6070002',
      targetType: 'vpn',
      origin: 'propagated',
    });
    expect(hopOf(path, 'tgw-route-table').route).toMatchObject({
      destination: '10.20.0.0/16',
      target: 'tgw-attach-0a1b2c3d4e5f60001',
    });
    // RabbitMQ ports: AMQPS and the console are admitted, management 15671 is not.
    expect(dc.openPorts).toEqual([5671, 443]);
    expect(facts.ports.map((p) => p.port)).toEqual([5671, 443, 15671]);
  });

  it('Direct Connect gateway attached to the TGW: reachable over two connections', () => {
    const {facts} = onlyBroker(topology('dxgw-tgw'), [DC]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.independentPathCount]).toEqual(['reachable', 2]);
    expect(dc.paths.map((p) => `${p.via} ${p.linkId}`)).toEqual(
      [DXCON_A, DXCON_B, DXCON_A, DXCON_B].map((c) => `direct-connect ${c}`),
    );
    for (const path of dc.paths) expect(hopKinds(path)).toEqual([...DX_LINK, ...TGW_SIDE, ...INGRESS]);
    const vif = hopOf(dc.paths[0], 'virtual-interface');
    expect([vif.id, vif.virtualInterface]).toEqual([
      'dxvif-fgrb110x',
      {state: 'available', type: 'transit', bgpUp: 1, bgpPeers: 1},
    ]);
    expect(hopOf(dc.paths[0], 'dx-gateway').reason).toContain(
      'advertises 10.20.1.0/24 (allowed prefixes 10.20.0.0/16)',
    );
    expect(hopOf(dc.paths[0], 'tgw-attachment').id).toBe('tgw-attach-0c3d4e5f607180003');
  });

  it('a more specific route sends part of the network elsewhere: that part is unreachable, the rest is not', () => {
    const {facts} = onlyBroker(topology('more-specific-route'), [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unreachable');
    expect(dc.paths.map(pathLine)).toEqual([
      `${A} ${DC} except 10.100.8.0/21 vpn ${TUNNEL_1} healthy`,
      `${A} ${DC} except 10.100.8.0/21 vpn ${TUNNEL_2} healthy`,
      `${A} 10.100.8.0/21 none broken routed-elsewhere@tgw-route-table:tgw-rtb-0a1b2c3d4e5f6a7b8`,
      `${B} ${DC} except 10.100.8.0/21 vpn ${TUNNEL_1} healthy`,
      `${B} ${DC} except 10.100.8.0/21 vpn ${TUNNEL_2} healthy`,
      `${B} 10.100.8.0/21 none broken routed-elsewhere@tgw-route-table:tgw-rtb-0a1b2c3d4e5f6a7b8`,
    ]);
    expect(hopKinds(dc.paths[2])).toEqual([
      'on-premises-network',
      'transit-gateway',
      'tgw-attachment',
      '<tgw-route-table',
      '<route-table',
      ...INGRESS,
    ]);
    expect(hopOf(dc.paths[2], 'route-table', 'return').route?.destination).toBe('10.100.8.0/21');
    expect(dc.breakPoint).toMatchObject({
      kind: 'routed-elsewhere',
      hop: 'tgw-route-table',
      id: 'tgw-rtb-0a1b2c3d4e5f6a7b8',
      direction: 'return',
    });
    expect(dc.breakPoint?.message).toContain('10.100.8.0/21 to another VPC (vpc-0f1a2b3c4d5e6f708)');
    expect(dc.healthyPathCount).toBe(0);
  });
});

describe('Direct Connect', () => {
  it('Direct Connect gateway associated with the VGW: reachable over two connections', () => {
    const {facts} = onlyBroker(topology('dxgw-vgw'), [DC]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.redundant, dc.independentPathCount]).toEqual(['reachable', true, 2]);
    expect(dc.paths.map((p) => `${p.subnetId} ${p.via} ${p.linkId} ${p.status}`)).toEqual([
      `${A} direct-connect ${DXCON_A} healthy`,
      `${A} direct-connect ${DXCON_B} healthy`,
      `${B} direct-connect ${DXCON_A} healthy`,
      `${B} direct-connect ${DXCON_B} healthy`,
    ]);
    for (const path of dc.paths)
      expect(hopKinds(path)).toEqual([...DX_LINK, 'vpn-gateway', '<route-table', ...INGRESS]);
    expect(dc.paths[1].hops.slice(1, 5).map((h) => h.id)).toEqual([
      DXCON_B,
      'dxvif-ffk9u4hc',
      '5f2b8e1c-3a7d-4c9e-b0f4-8d6a2e91c37b',
      'vgw-0a1b2c3d4e5f67890',
    ]);
  });

  it('interface down and BGP down: unreachable; each path names its own break', () => {
    const {facts} = onlyBroker(topology('dx-vif-down'), [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unreachable');
    expect(dc.paths.map(pathLine)).toEqual([
      `${A} ${DC} direct-connect ${DXCON_A} broken interface-down@virtual-interface:dxvif-fgrb110x`,
      `${A} ${DC} direct-connect ${DXCON_B} broken bgp-down@virtual-interface:dxvif-ffk9u4hc`,
      `${B} ${DC} direct-connect ${DXCON_A} broken interface-down@virtual-interface:dxvif-fgrb110x`,
      `${B} ${DC} direct-connect ${DXCON_B} broken bgp-down@virtual-interface:dxvif-ffk9u4hc`,
    ]);
    expect(dc.breakPoint).toMatchObject({kind: 'interface-down', hop: 'virtual-interface', id: 'dxvif-fgrb110x'});
    expect(hopOf(dc.paths[1], 'virtual-interface').virtualInterface).toEqual({
      state: 'available',
      type: 'private',
      bgpUp: 0,
      bgpPeers: 1,
    });
  });

  it('AccessDenied on Direct Connect: unknown, never reachable, with the failed calls as reasons', () => {
    const {facts, unknown} = onlyBroker(topology('dx-access-denied'), [DC]);
    const dc = network(facts, DC);
    expect([facts.onPrem.verdict, facts.onPrem.reachable, facts.onPrem.redundant]).toEqual(['unknown', null, null]);
    expect([dc.verdict, dc.reachable, dc.healthyPathCount]).toEqual(['unknown', null, 0]);
    expect(dc.breakPoint).toBeUndefined();
    expect(dc.paths.map((p) => `${p.subnetId} ${p.via} ${p.status}`)).toEqual([
      `${A} direct-connect unknown`,
      `${A} direct-connect unknown`,
      `${B} direct-connect unknown`,
      `${B} direct-connect unknown`,
    ]);
    expect(hopKinds(dc.paths[0])).toEqual([
      'on-premises-network',
      'virtual-interface',
      'vpn-gateway',
      '<route-table',
      ...INGRESS,
    ]);
    expect(hopKinds(dc.paths[1])).toEqual([
      'on-premises-network',
      'dx-gateway',
      'vpn-gateway',
      '<route-table',
      ...INGRESS,
    ]);
    const operations = facts.missing.map((m) => `${m.error?.operation} ${m.error?.code}`);
    expect(operations).toEqual([
      'DescribeVirtualInterfaces AccessDeniedException',
      'DescribeDirectConnectGateways AccessDeniedException',
    ]);
    expect(unknown['/network/onPrem/reachable']).toContain(
      'directconnect:DescribeVirtualInterfaces failed (AccessDeniedException)',
    );
    expect(unknown['/network/onPrem/networks/0/verdict']).toMatch(/^10\.100\.0\.0\/16: /);
  });
});

describe('routes', () => {
  it('peering only: not transitive, breaks at the peering connection', () => {
    const {facts} = onlyBroker(topology('peering-only'), [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unreachable');
    expect(dc.paths.map(pathLine)).toEqual([
      `${A} ${DC} none broken not-transitive@vpc-peering-connection:pcx-0a1b2c3d4e5f60789`,
      `${B} ${DC} none broken not-transitive@vpc-peering-connection:pcx-0a1b2c3d4e5f60789`,
    ]);
    expect(hopKinds(dc.paths[0])).toEqual([
      'on-premises-network',
      'vpc-peering-connection',
      '<route-table',
      ...INGRESS,
    ]);
    expect(dc.breakPoint?.message).toContain('with vpc-0e9d8c7b6a5f43210 of 604111786222 (10.30.0.0/16)');
  });

  it('a blackhole route: breaks at the route table', () => {
    const {facts} = onlyBroker(topology('blackhole-route'), [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unreachable');
    expect(dc.paths.map(pathLine)).toEqual([
      `${A} ${DC} none broken blackhole@route-table:rtb-0d4e5f60718293a4b`,
      `${B} ${DC} none broken blackhole@route-table:rtb-0d4e5f60718293a4b`,
    ]);
    expect(hopKinds(dc.paths[0])).toEqual(['on-premises-network', '<route-table', ...INGRESS]);
    expect(dc.breakPoint).toMatchObject({kind: 'blackhole', hop: 'route-table', direction: 'return'});
    expect(dc.breakPoint?.message).toContain('route 10.100.0.0/16 → vgw-07d3c2b1a0f9e8d7c is a blackhole');
  });

  it('a subnet on the main route table: the main table is used and reported', () => {
    const {facts} = onlyBroker(topology('main-route-table'), [DC]);
    expect(facts.subnets.map((s) => [s.id, s.routeTableId, s.routeTableAssociation])).toEqual([
      [A, 'rtb-0f1e2d3c4b5a69788', 'main'],
      [B, 'rtb-0f1e2d3c4b5a69788', 'main'],
    ]);
    const dc = network(facts, DC);
    expect([dc.verdict, dc.independentPathCount]).toEqual(['reachable', 2]);
    const table = hopOf(dc.paths[0], 'route-table', 'return');
    expect(table.id).toBe('rtb-0f1e2d3c4b5a69788');
    expect(table.reason).toContain('the VPC main table');
  });
});

describe('the way in', () => {
  it('a security group that does not admit the whole network: breaks at the security group', () => {
    const {facts} = onlyBroker(topology('sg-not-admitting'), [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unreachable');
    expect(dc.paths.map((p) => `${p.linkId} ${p.breakPoint?.kind}@${p.breakPoint?.hop}:${p.breakPoint?.id}`)).toEqual(
      [TUNNEL_1, TUNNEL_2, TUNNEL_1, TUNNEL_2].map((t) => `${t} security-group@security-group:sg-0f7e6d5c4b3a29180`),
    );
    const sg = hopOf(dc.paths[0], 'security-group');
    expect(sg.reason).toContain('sgr-0f66a77b88c99d0a5 admits only 10.100.0.0/17 on 61617');
    expect(sg.rules).toEqual(['sgr-0f66a77b88c99d0a5']);
  });

  it('a network ACL that denies the return traffic: breaks on the way back', () => {
    const {facts} = onlyBroker(topology('nacl-denies-return'), [DC]);
    const dc = network(facts, DC);
    expect(dc.verdict).toBe('unreachable');
    expect(dc.breakPoint).toMatchObject({
      kind: 'nacl',
      hop: 'network-acl',
      id: 'acl-0b1c2d3e4f5a69708',
      direction: 'return',
    });
    const path = dc.paths[0];
    const inbound = hopOf(path, 'network-acl');
    expect([inbound.status, inbound.ports]).toEqual(['ok', [61617, 5671, 8162]]);
    const back = hopOf(path, 'network-acl', 'return');
    expect([back.status, back.portRange, back.rules]).toEqual(['broken', {from: 1024, to: 65535}, ['120 deny']]);
    expect(facts.subnets.map((s) => s.networkAclId)).toEqual(['acl-0b1c2d3e4f5a69708', 'acl-0b1c2d3e4f5a69708']);
  });
});

describe('internet exposure', () => {
  it('0.0.0.0/0 on 61617 directly and through a prefix list on 8162; a partner range is listed, not counted', () => {
    const {facts} = onlyBroker(topology('internet-exposure'), [DC]);
    const ingress = facts.internetIngress;
    expect([ingress.open, ingress.groupsOpen, ingress.publiclyAccessible, ingress.publicSubnet]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(ingress.openPorts).toEqual([61617, 8162]);
    expect(ingress.rules).toEqual([
      {
        securityGroupId: 'sg-0f7e6d5c4b3a29180',
        ruleId: 'sgr-0f1e2d3c4b5a69788',
        source: '0.0.0.0/0',
        ports: [61617],
        wholeInternet: true,
      },
      {
        securityGroupId: 'sg-0f7e6d5c4b3a29180',
        ruleId: 'sgr-0b3c4d5e6f7081920',
        source: '198.51.100.0/24',
        ports: [61614],
        wholeInternet: false,
      },
      {
        securityGroupId: 'sg-0f7e6d5c4b3a29180',
        ruleId: 'sgr-0a2b3c4d5e6f70819',
        source: 'pl-0a1b2c3d4e5f67890',
        ports: [8162],
        wholeInternet: true,
      },
    ]);
    // Exposure does not change the private verdict.
    expect(network(facts, DC).verdict).toBe('reachable');
  });

  it('brokers whose groups admit only private ranges are not exposed', () => {
    const {facts} = onlyBroker(topology('vgw-vpn-both-up'), [DC]);
    expect(facts.internetIngress).toEqual({
      open: false,
      publiclyAccessible: false,
      groupsOpen: false,
      openPorts: [],
      rules: [],
      publicSubnet: false,
    });
  });
});
