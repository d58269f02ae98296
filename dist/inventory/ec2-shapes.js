"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toVpc = toVpc;
exports.toSubnet = toSubnet;
exports.toRouteTable = toRouteTable;
exports.toRoute = toRoute;
exports.toSecurityGroup = toSecurityGroup;
exports.toSecurityGroupRule = toSecurityGroupRule;
exports.toNetworkAcl = toNetworkAcl;
exports.toManagedPrefixList = toManagedPrefixList;
exports.toInternetGateway = toInternetGateway;
exports.toNatGateway = toNatGateway;
exports.toVpnGateway = toVpnGateway;
exports.toCustomerGateway = toCustomerGateway;
exports.toVpnConnection = toVpnConnection;
exports.toTransitGateway = toTransitGateway;
exports.toTransitGatewayAttachment = toTransitGatewayAttachment;
exports.toTransitGatewayRouteTable = toTransitGatewayRouteTable;
exports.toTransitGatewayPropagation = toTransitGatewayPropagation;
exports.toTransitGatewayRoute = toTransitGatewayRoute;
exports.toVpcPeeringConnection = toVpcPeeringConnection;
exports.toNetworkInterface = toNetworkInterface;
exports.routeTargets = routeTargets;
exports.referencedPrefixLists = referencedPrefixLists;
const shapes_1 = require("./shapes");
function toVpc(vpc) {
    const { VpcId: id } = (0, shapes_1.requireFields)('VPC', vpc.VpcId, { VpcId: vpc.VpcId });
    const associated = (vpc.CidrBlockAssociationSet ?? [])
        .filter((a) => a.CidrBlockState?.State === 'associated')
        .map((a) => a.CidrBlock);
    // The primary CIDR (CidrBlock) first; older responses carry only CidrBlock.
    const cidrs = (0, shapes_1.unique)([vpc.CidrBlock, ...associated].filter(shapes_1.defined));
    const ipv6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
        .filter((a) => a.Ipv6CidrBlockState?.State === 'associated')
        .map((a) => a.Ipv6CidrBlock);
    return {
        id,
        ...(0, shapes_1.optional)('ownerId', vpc.OwnerId),
        ...(0, shapes_1.optional)('name', nameTag(vpc.Tags)),
        ...(0, shapes_1.optional)('state', vpc.State),
        ...(0, shapes_1.optional)('isDefault', vpc.IsDefault),
        cidrs,
        ...(0, shapes_1.optionalList)('ipv6Cidrs', ipv6.filter(shapes_1.defined)),
    };
}
function toSubnet(subnet) {
    const { SubnetId: id, VpcId: vpcId } = (0, shapes_1.requireFields)('subnet', subnet.SubnetId, {
        SubnetId: subnet.SubnetId,
        VpcId: subnet.VpcId,
    });
    const ipv6 = (subnet.Ipv6CidrBlockAssociationSet ?? [])
        .filter((a) => a.Ipv6CidrBlockState?.State === 'associated')
        .map((a) => a.Ipv6CidrBlock);
    return {
        id,
        vpcId,
        ...(0, shapes_1.optional)('ownerId', subnet.OwnerId),
        ...(0, shapes_1.optional)('name', nameTag(subnet.Tags)),
        ...(0, shapes_1.optional)('availabilityZone', subnet.AvailabilityZone),
        ...(0, shapes_1.optional)('availabilityZoneId', subnet.AvailabilityZoneId),
        ...(0, shapes_1.optional)('cidr', subnet.CidrBlock),
        ...(0, shapes_1.optionalList)('ipv6Cidrs', ipv6.filter(shapes_1.defined)),
        ...(0, shapes_1.optional)('mapPublicIpOnLaunch', subnet.MapPublicIpOnLaunch),
    };
}
function toRouteTable(table) {
    const { RouteTableId: id, VpcId: vpcId } = (0, shapes_1.requireFields)('route table', table.RouteTableId, {
        RouteTableId: table.RouteTableId,
        VpcId: table.VpcId,
    });
    const associations = (table.Associations ?? []).map((a) => ({
        ...(0, shapes_1.optional)('id', a.RouteTableAssociationId),
        ...(0, shapes_1.optional)('main', a.Main),
        ...(0, shapes_1.optional)('subnetId', a.SubnetId),
        ...(0, shapes_1.optional)('gatewayId', a.GatewayId),
        ...(0, shapes_1.optional)('state', a.AssociationState?.State),
    }));
    return {
        id,
        vpcId,
        ...(0, shapes_1.optional)('ownerId', table.OwnerId),
        ...(0, shapes_1.optional)('name', nameTag(table.Tags)),
        main: associations.some((a) => a.main === true),
        associations,
        propagatingVgwIds: (table.PropagatingVgws ?? []).map((p) => p.GatewayId).filter(shapes_1.defined),
        routes: (table.Routes ?? []).map((route) => toRoute(route, id)),
    };
}
/** Which response field names the target, in the order AWS fills them (an instance route also names its ENI). */
const ROUTE_TARGETS = [
    ['TransitGatewayId', 'transit-gateway'],
    ['NatGatewayId', 'nat-gateway'],
    ['VpcPeeringConnectionId', 'vpc-peering-connection'],
    ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
    ['CarrierGatewayId', 'carrier-gateway'],
    ['LocalGatewayId', 'local-gateway'],
    ['CoreNetworkArn', 'core-network'],
    ['OdbNetworkArn', 'odb-network'],
    ['InstanceId', 'instance'],
    ['NetworkInterfaceId', 'network-interface'],
];
function toRoute(route, tableId) {
    const destination = route.DestinationCidrBlock !== undefined
        ? { destinationCidr: route.DestinationCidrBlock }
        : route.DestinationIpv6CidrBlock !== undefined
            ? { destinationIpv6Cidr: route.DestinationIpv6CidrBlock }
            : route.DestinationPrefixListId !== undefined
                ? { destinationPrefixListId: route.DestinationPrefixListId }
                : undefined;
    if (!destination)
        throw new shapes_1.MissingFieldsError('route', tableId, [
            'DestinationCidrBlock|DestinationIpv6CidrBlock|DestinationPrefixListId',
        ]);
    return {
        ...destination,
        ...routeTarget(route),
        ...(0, shapes_1.optional)('state', route.State),
        ...(0, shapes_1.optional)('origin', route.Origin),
    };
}
/**
 * The route's target. GatewayId holds several kinds (split by id prefix); a target AWS adds later lands as
 * `unknown` with whatever id it carries, so the route still takes part in longest-prefix matching.
 */
function routeTarget(route) {
    if (route.GatewayId)
        return { targetType: gatewayKind(route.GatewayId), targetId: route.GatewayId };
    for (const [field, targetType] of ROUTE_TARGETS) {
        const value = route[field];
        if (typeof value === 'string' && value !== '')
            return { targetType, targetId: value };
    }
    return { targetType: 'unknown', targetId: '' };
}
function gatewayKind(gatewayId) {
    if (gatewayId === 'local')
        return 'local';
    if (gatewayId.startsWith('igw-'))
        return 'internet-gateway';
    if (gatewayId.startsWith('vgw-'))
        return 'vpn-gateway';
    if (gatewayId.startsWith('vpce-'))
        return 'vpc-endpoint';
    return 'unknown';
}
function toSecurityGroup(group) {
    const { GroupId: id } = (0, shapes_1.requireFields)('security group', group.GroupId, { GroupId: group.GroupId });
    return {
        id,
        ...(0, shapes_1.optional)('name', group.GroupName),
        ...(0, shapes_1.optional)('vpcId', group.VpcId),
        ...(0, shapes_1.optional)('ownerId', group.OwnerId),
        ...(0, shapes_1.optional)('description', group.Description),
    };
}
function toSecurityGroupRule(rule) {
    const fields = (0, shapes_1.requireFields)('security group rule', rule.SecurityGroupRuleId, {
        SecurityGroupRuleId: rule.SecurityGroupRuleId,
        GroupId: rule.GroupId,
        IsEgress: rule.IsEgress,
        IpProtocol: rule.IpProtocol,
    });
    return {
        id: fields.SecurityGroupRuleId,
        groupId: fields.GroupId,
        egress: fields.IsEgress,
        protocol: fields.IpProtocol,
        ...(0, shapes_1.optional)('fromPort', rule.FromPort),
        ...(0, shapes_1.optional)('toPort', rule.ToPort),
        ...(0, shapes_1.optional)('cidrIpv4', rule.CidrIpv4),
        ...(0, shapes_1.optional)('cidrIpv6', rule.CidrIpv6),
        ...(0, shapes_1.optional)('prefixListId', rule.PrefixListId),
        ...(0, shapes_1.optional)('referencedGroupId', rule.ReferencedGroupInfo?.GroupId),
        ...(0, shapes_1.optional)('description', rule.Description),
    };
}
function toNetworkAcl(acl) {
    const fields = (0, shapes_1.requireFields)('network ACL', acl.NetworkAclId, {
        NetworkAclId: acl.NetworkAclId,
        VpcId: acl.VpcId,
        IsDefault: acl.IsDefault,
    });
    return {
        id: fields.NetworkAclId,
        vpcId: fields.VpcId,
        ...(0, shapes_1.optional)('ownerId', acl.OwnerId),
        isDefault: fields.IsDefault,
        subnetIds: (0, shapes_1.unique)((acl.Associations ?? []).map((a) => a.SubnetId).filter(shapes_1.defined)),
        entries: (acl.Entries ?? []).map((entry) => toNetworkAclEntry(entry, fields.NetworkAclId)),
    };
}
function toNetworkAclEntry(entry, aclId) {
    const fields = (0, shapes_1.requireFields)('network ACL entry', aclId, {
        RuleNumber: entry.RuleNumber,
        Egress: entry.Egress,
        RuleAction: entry.RuleAction,
        Protocol: entry.Protocol,
    });
    const from = entry.PortRange?.From;
    const to = entry.PortRange?.To;
    return {
        ruleNumber: fields.RuleNumber,
        egress: fields.Egress,
        action: fields.RuleAction,
        protocol: fields.Protocol,
        ...(0, shapes_1.optional)('cidr', entry.CidrBlock),
        ...(0, shapes_1.optional)('ipv6Cidr', entry.Ipv6CidrBlock),
        ...(from !== undefined && to !== undefined && { portRange: { from, to } }),
    };
}
/** Metadata only; the entries come from GetManagedPrefixListEntries (null when that call failed). */
function toManagedPrefixList(list, entries) {
    const { PrefixListId: id } = (0, shapes_1.requireFields)('prefix list', list.PrefixListId, { PrefixListId: list.PrefixListId });
    return {
        id,
        ...(0, shapes_1.optional)('name', list.PrefixListName),
        ...(0, shapes_1.optional)('ownerId', list.OwnerId),
        ...(0, shapes_1.optional)('addressFamily', list.AddressFamily),
        ...(0, shapes_1.optional)('state', list.State),
        ...(0, shapes_1.optional)('version', list.Version),
        ...(0, shapes_1.optional)('maxEntries', list.MaxEntries),
        entries,
    };
}
function toInternetGateway(gateway) {
    const { InternetGatewayId: id } = (0, shapes_1.requireFields)('internet gateway', gateway.InternetGatewayId, {
        InternetGatewayId: gateway.InternetGatewayId,
    });
    return { id, ...(0, shapes_1.optional)('ownerId', gateway.OwnerId), attachments: gatewayAttachments(gateway.Attachments) };
}
function toNatGateway(gateway) {
    const { NatGatewayId: id } = (0, shapes_1.requireFields)('NAT gateway', gateway.NatGatewayId, { NatGatewayId: gateway.NatGatewayId });
    return {
        id,
        ...(0, shapes_1.optional)('vpcId', gateway.VpcId),
        ...(0, shapes_1.optional)('subnetId', gateway.SubnetId),
        ...(0, shapes_1.optional)('state', gateway.State),
        ...(0, shapes_1.optional)('connectivityType', gateway.ConnectivityType),
    };
}
function toVpnGateway(gateway) {
    const { VpnGatewayId: id } = (0, shapes_1.requireFields)('virtual private gateway', gateway.VpnGatewayId, {
        VpnGatewayId: gateway.VpnGatewayId,
    });
    return {
        id,
        ...(0, shapes_1.optional)('name', nameTag(gateway.Tags)),
        ...(0, shapes_1.optional)('state', gateway.State),
        ...(0, shapes_1.optional)('amazonSideAsn', gateway.AmazonSideAsn),
        attachments: gatewayAttachments(gateway.VpcAttachments),
    };
}
function gatewayAttachments(attachments) {
    return (attachments ?? [])
        .filter((a) => a.VpcId !== undefined)
        .map((a) => ({ vpcId: a.VpcId, ...(0, shapes_1.optional)('state', a.State) }));
}
function toCustomerGateway(gateway) {
    const { CustomerGatewayId: id } = (0, shapes_1.requireFields)('customer gateway', gateway.CustomerGatewayId, {
        CustomerGatewayId: gateway.CustomerGatewayId,
    });
    return {
        id,
        ...(0, shapes_1.optional)('name', nameTag(gateway.Tags)),
        ...(0, shapes_1.optional)('state', gateway.State),
        ...(0, shapes_1.optional)('ipAddress', gateway.IpAddress),
        // BgpAsnExtended carries ASNs above 2,147,483,647; BgpAsn is absent then.
        ...(0, shapes_1.optional)('bgpAsn', gateway.BgpAsn ?? gateway.BgpAsnExtended),
        ...(0, shapes_1.optional)('deviceName', gateway.DeviceName),
    };
}
/** Never reads CustomerGatewayConfiguration or Options.TunnelOptions (pre-shared keys). */
function toVpnConnection(vpn) {
    const { VpnConnectionId: id } = (0, shapes_1.requireFields)('VPN connection', vpn.VpnConnectionId, {
        VpnConnectionId: vpn.VpnConnectionId,
    });
    return {
        id,
        ...(0, shapes_1.optional)('name', nameTag(vpn.Tags)),
        ...(0, shapes_1.optional)('state', vpn.State),
        ...(0, shapes_1.optional)('type', vpn.Type),
        ...(0, shapes_1.optional)('customerGatewayId', vpn.CustomerGatewayId),
        ...(0, shapes_1.optional)('vpnGatewayId', vpn.VpnGatewayId),
        ...(0, shapes_1.optional)('transitGatewayId', vpn.TransitGatewayId),
        ...(0, shapes_1.optional)('coreNetworkArn', vpn.CoreNetworkArn),
        // CreateVpnConnection's documented default is dynamic routing (StaticRoutesOnly false).
        staticRoutesOnly: vpn.Options?.StaticRoutesOnly ?? false,
        ...(0, shapes_1.optional)('category', vpn.Category),
        tunnels: (vpn.VgwTelemetry ?? []).map((tunnel) => {
            const fields = (0, shapes_1.requireFields)('VPN tunnel', id, {
                OutsideIpAddress: tunnel.OutsideIpAddress,
                Status: tunnel.Status,
            });
            return {
                outsideIpAddress: fields.OutsideIpAddress,
                status: fields.Status,
                ...(0, shapes_1.optional)('statusMessage', tunnel.StatusMessage),
                ...(0, shapes_1.optional)('lastStatusChange', (0, shapes_1.isoDate)(tunnel.LastStatusChange)),
                ...(0, shapes_1.optional)('acceptedRouteCount', tunnel.AcceptedRouteCount),
            };
        }),
        routes: (vpn.Routes ?? []).map((route) => {
            const fields = (0, shapes_1.requireFields)('VPN static route', id, { DestinationCidrBlock: route.DestinationCidrBlock });
            return {
                destinationCidr: fields.DestinationCidrBlock,
                ...(0, shapes_1.optional)('state', route.State),
                ...(0, shapes_1.optional)('source', route.Source),
            };
        }),
    };
}
function toTransitGateway(gateway) {
    const { TransitGatewayId: id } = (0, shapes_1.requireFields)('transit gateway', gateway.TransitGatewayId, {
        TransitGatewayId: gateway.TransitGatewayId,
    });
    const options = gateway.Options;
    return {
        id,
        ...(0, shapes_1.optional)('arn', gateway.TransitGatewayArn),
        ...(0, shapes_1.optional)('ownerId', gateway.OwnerId),
        ...(0, shapes_1.optional)('name', nameTag(gateway.Tags)),
        ...(0, shapes_1.optional)('state', gateway.State),
        ...(0, shapes_1.optional)('amazonSideAsn', options?.AmazonSideAsn),
        ...(0, shapes_1.optional)('associationDefaultRouteTableId', options?.AssociationDefaultRouteTableId),
        ...(0, shapes_1.optional)('propagationDefaultRouteTableId', options?.PropagationDefaultRouteTableId),
    };
}
function toTransitGatewayAttachment(attachment) {
    const fields = (0, shapes_1.requireFields)('transit gateway attachment', attachment.TransitGatewayAttachmentId, {
        TransitGatewayAttachmentId: attachment.TransitGatewayAttachmentId,
        TransitGatewayId: attachment.TransitGatewayId,
        ResourceType: attachment.ResourceType,
    });
    const routeTableId = attachment.Association?.TransitGatewayRouteTableId;
    return {
        id: fields.TransitGatewayAttachmentId,
        transitGatewayId: fields.TransitGatewayId,
        ...(0, shapes_1.optional)('transitGatewayOwnerId', attachment.TransitGatewayOwnerId),
        resourceType: fields.ResourceType,
        ...(0, shapes_1.optional)('resourceId', attachment.ResourceId),
        ...(0, shapes_1.optional)('resourceOwnerId', attachment.ResourceOwnerId),
        ...(0, shapes_1.optional)('state', attachment.State),
        ...(0, shapes_1.optional)('name', nameTag(attachment.Tags)),
        ...(routeTableId !== undefined && {
            association: { routeTableId, ...(0, shapes_1.optional)('state', attachment.Association?.State) },
        }),
    };
}
/** The table alone; routes and propagations come from their own calls (null when those failed). */
function toTransitGatewayRouteTable(table, propagations, routes) {
    const fields = (0, shapes_1.requireFields)('transit gateway route table', table.TransitGatewayRouteTableId, {
        TransitGatewayRouteTableId: table.TransitGatewayRouteTableId,
        TransitGatewayId: table.TransitGatewayId,
    });
    return {
        id: fields.TransitGatewayRouteTableId,
        transitGatewayId: fields.TransitGatewayId,
        ...(0, shapes_1.optional)('name', nameTag(table.Tags)),
        ...(0, shapes_1.optional)('state', table.State),
        ...(0, shapes_1.optional)('defaultAssociation', table.DefaultAssociationRouteTable),
        ...(0, shapes_1.optional)('defaultPropagation', table.DefaultPropagationRouteTable),
        propagations,
        routes,
    };
}
function toTransitGatewayPropagation(propagation, tableId) {
    const fields = (0, shapes_1.requireFields)('transit gateway propagation', tableId, {
        TransitGatewayAttachmentId: propagation.TransitGatewayAttachmentId,
    });
    return {
        attachmentId: fields.TransitGatewayAttachmentId,
        ...(0, shapes_1.optional)('resourceType', propagation.ResourceType),
        ...(0, shapes_1.optional)('resourceId', propagation.ResourceId),
        ...(0, shapes_1.optional)('state', propagation.State),
    };
}
function toTransitGatewayRoute(route, tableId) {
    if (route.DestinationCidrBlock === undefined && route.PrefixListId === undefined) {
        throw new shapes_1.MissingFieldsError('transit gateway route', tableId, ['DestinationCidrBlock|PrefixListId']);
    }
    return {
        ...(0, shapes_1.optional)('destinationCidr', route.DestinationCidrBlock),
        ...(0, shapes_1.optional)('prefixListId', route.PrefixListId),
        ...(0, shapes_1.optional)('state', route.State),
        ...(0, shapes_1.optional)('type', route.Type),
        attachments: (route.TransitGatewayAttachments ?? []).map((a) => {
            const fields = (0, shapes_1.requireFields)('transit gateway route attachment', tableId, {
                TransitGatewayAttachmentId: a.TransitGatewayAttachmentId,
            });
            return {
                attachmentId: fields.TransitGatewayAttachmentId,
                ...(0, shapes_1.optional)('resourceType', a.ResourceType),
                ...(0, shapes_1.optional)('resourceId', a.ResourceId),
            };
        }),
    };
}
function toVpcPeeringConnection(peering) {
    const { VpcPeeringConnectionId: id } = (0, shapes_1.requireFields)('VPC peering connection', peering.VpcPeeringConnectionId, {
        VpcPeeringConnectionId: peering.VpcPeeringConnectionId,
    });
    return {
        id,
        ...(0, shapes_1.optional)('state', peering.Status?.Code),
        requester: peeringVpcInfo(peering.RequesterVpcInfo),
        accepter: peeringVpcInfo(peering.AccepterVpcInfo),
    };
}
function peeringVpcInfo(info) {
    const cidrs = (0, shapes_1.unique)([info?.CidrBlock, ...(info?.CidrBlockSet ?? []).map((c) => c.CidrBlock)].filter(shapes_1.defined));
    return {
        ...(0, shapes_1.optional)('vpcId', info?.VpcId),
        ...(0, shapes_1.optional)('ownerId', info?.OwnerId),
        ...(0, shapes_1.optional)('region', info?.Region),
        cidrs,
    };
}
function toNetworkInterface(eni) {
    const { NetworkInterfaceId: id } = (0, shapes_1.requireFields)('network interface', eni.NetworkInterfaceId, {
        NetworkInterfaceId: eni.NetworkInterfaceId,
    });
    const privateIps = (0, shapes_1.unique)([eni.PrivateIpAddress, ...(eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress)].filter(shapes_1.defined));
    return {
        id,
        ...(0, shapes_1.optional)('subnetId', eni.SubnetId),
        ...(0, shapes_1.optional)('vpcId', eni.VpcId),
        ...(0, shapes_1.optional)('availabilityZone', eni.AvailabilityZone),
        ...(0, shapes_1.optional)('interfaceType', eni.InterfaceType),
        ...(0, shapes_1.optional)('description', eni.Description),
        privateIpAddresses: privateIps,
        ...(0, shapes_1.optional)('publicIp', eni.Association?.PublicIp),
        securityGroupIds: (eni.Groups ?? []).map((g) => g.GroupId).filter(shapes_1.defined),
        ...(0, shapes_1.optional)('requesterManaged', eni.RequesterManaged),
        ...(0, shapes_1.optional)('status', eni.Status),
    };
}
// ---- what the collections point at (the ids the next calls are filtered by) -------------------------------------
function routeTargets(tables, targetType) {
    return (0, shapes_1.unique)(tables.flatMap((t) => t.routes.filter((r) => r.targetType === targetType).map((r) => r.targetId)));
}
/** Prefix lists named by VPC routes, security group rules and transit gateway routes. */
function referencedPrefixLists(tables, rules, tgwTables) {
    return (0, shapes_1.unique)([
        ...(tables ?? []).flatMap((t) => t.routes.map((r) => r.destinationPrefixListId)),
        ...(rules ?? []).map((r) => r.prefixListId),
        ...(tgwTables ?? []).flatMap((t) => (t.routes ?? []).map((r) => r.prefixListId)),
    ].filter(shapes_1.defined));
}
// ---- helpers ------------------------------------------------------------------------------------------------------
function nameTag(tags) {
    return tags?.find((tag) => tag.Key === 'Name')?.Value;
}
