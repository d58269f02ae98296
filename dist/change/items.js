"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.routeDestination = routeDestination;
exports.describeAddition = describeAddition;
exports.applyItem = applyItem;
exports.removeItem = removeItem;
const types_1 = require("./types");
/** A collection to change; undefined when the deployed one could not be read (it stays unknown). */
function list(target, key) {
    return target.region.network?.[key] ?? undefined;
}
function upsert(items, item, merge) {
    if (!items)
        return undefined;
    const at = items.findIndex((i) => i.id === item.id);
    if (at >= 0)
        items[at] = merge ? merge(items[at], item) : item;
    else
        items.push(item);
    return item.id;
}
function removeById(items, id) {
    if (!items)
        return undefined;
    const at = items.findIndex((i) => i.id === id);
    return at >= 0 ? items.splice(at, 1)[0] : undefined;
}
function removeWhere(items, match) {
    if (!items)
        return [];
    const removed = items.filter(match);
    for (const item of removed)
        items.splice(items.indexOf(item), 1);
    return removed;
}
function routeDestination(route) {
    return route.destinationCidr ?? route.destinationIpv6Cidr ?? route.destinationPrefixListId ?? '?';
}
function ruleText(rule) {
    const ports = rule.protocol === '-1'
        ? 'all traffic'
        : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
    const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.prefixListId ?? rule.referencedGroupId ?? '?';
    // A new rule's placeholder id says nothing its edit's address does not.
    const id = (0, types_1.isPlaceholderId)(rule.id) ? '' : ` ${rule.id}`;
    return `${rule.egress ? 'egress' : 'ingress'} rule${id} (${ports} ${rule.egress ? 'to' : 'from'} ${peer})`;
}
function sameRule(a, b) {
    if (a.id === b.id)
        return true;
    return (a.groupId === b.groupId &&
        a.egress === b.egress &&
        a.protocol === b.protocol &&
        (a.fromPort ?? -1) === (b.fromPort ?? -1) &&
        (a.toPort ?? -1) === (b.toPort ?? -1) &&
        a.cidrIpv4 === b.cidrIpv4 &&
        a.cidrIpv6 === b.cidrIpv6 &&
        a.prefixListId === b.prefixListId &&
        a.referencedGroupId === b.referencedGroupId);
}
const sameEntry = (a, b) => a.ruleNumber === b.ruleNumber && a.egress === b.egress;
/** Routes a template never manages: the VPC's own range, propagated ones, VPC endpoints'. */
const unmanagedRoute = (route) => route.targetType === 'local' || route.origin === 'EnableVgwRoutePropagation' || route.targetType === 'vpc-endpoint';
/** A route whose target is known only after apply leads somewhere the model cannot follow: unknown, never healthy. */
function routeWithKnownTarget(route, unknown, prefix) {
    const why = unknown?.[`${prefix}/targetId`];
    return why === undefined ? route : { ...route, targetType: 'unknown', targetId: `(${why})` };
}
/** What adding a child item puts into its parent, for naming the edit behind a finding; undefined for whole objects. */
function describeAddition(item) {
    switch (item.kind) {
        case 'route':
            return `route ${routeDestination(item.value.route)} → ${item.value.route.targetId}`;
        case 'securityGroupRule':
            return ruleText(item.value);
        case 'networkAclEntry': {
            const { entry } = item.value;
            const ports = entry.portRange ? ` ports ${entry.portRange.from}-${entry.portRange.to}` : '';
            return `${entry.egress ? 'outbound' : 'inbound'} rule ${entry.ruleNumber} (${entry.action} protocol ${entry.protocol}${ports} ${entry.cidr ?? entry.ipv6Cidr ?? ''})`;
        }
        case 'routeTableAssociation':
            return item.value.association.main
                ? 'main route table association'
                : `association of ${item.value.association.subnetId ?? item.value.association.gatewayId}`;
        case 'routePropagation':
            return `route propagation from ${item.value.vpnGatewayId}`;
        case 'vpnConnectionRoute':
            return `static route ${item.value.route.destinationCidr}`;
        case 'transitGatewayRoute':
            return `transit gateway route ${tgwDestination(item.value.route)}`;
        case 'transitGatewayAssociation':
            return `association of ${item.value.attachmentId}`;
        case 'transitGatewayPropagation':
            return `propagation from ${item.value.attachmentId}`;
        case 'networkAclAssociation':
            return `association of ${item.value.subnetId}`;
        case 'prefixListEntry':
            return `entry ${item.value.cidr}`;
        case 'directConnectGatewayAssociation':
            return `association with ${item.value.association.associatedGatewayId}`;
        default:
            return undefined;
    }
}
/** Adds (or replaces) the item; returns the id of the object it created or altered. */
function applyItem(target, item, planned) {
    switch (item.kind) {
        case 'broker':
            return applyBroker(target, item.value, planned);
        case 'vpc':
            return upsert(list(target, 'vpcs'), item.value);
        case 'vpcCidrBlock': {
            const vpc = list(target, 'vpcs')?.find((v) => v.id === item.value.vpcId);
            if (vpc && item.value.cidr && !vpc.cidrs.includes(item.value.cidr))
                vpc.cidrs.push(item.value.cidr);
            if (vpc && item.value.ipv6Cidr && !(vpc.ipv6Cidrs ?? []).includes(item.value.ipv6Cidr))
                vpc.ipv6Cidrs = [...(vpc.ipv6Cidrs ?? []), item.value.ipv6Cidr];
            return vpc?.id;
        }
        case 'subnet':
            return applySubnet(target, item.value);
        case 'routeTable':
            return applyRouteTable(target, item.value, item.unknown);
        case 'route':
            return applyRoute(target, item.value, item.unknown);
        case 'routeTableAssociation':
            return applyAssociation(target, item.value);
        case 'routePropagation': {
            const table = list(target, 'routeTables')?.find((t) => t.id === item.value.routeTableId);
            if (table && !table.propagatingVgwIds.includes(item.value.vpnGatewayId))
                table.propagatingVgwIds.push(item.value.vpnGatewayId);
            return table?.id;
        }
        case 'securityGroup': {
            const id = upsert(list(target, 'securityGroups'), item.value.group);
            const rules = list(target, 'securityGroupRules');
            if (item.value.rules && rules) {
                removeWhere(rules, (r) => r.groupId === item.value.group.id);
                rules.push(...item.value.rules);
            }
            return id;
        }
        case 'securityGroupRule': {
            const rules = list(target, 'securityGroupRules');
            if (!rules)
                return undefined;
            removeWhere(rules, (r) => sameRule(r, item.value));
            rules.push(item.value);
            return item.value.groupId;
        }
        case 'networkAcl':
            return applyNetworkAcl(target, item.value);
        case 'networkAclEntry': {
            const acl = list(target, 'networkAcls')?.find((a) => a.id === item.value.networkAclId);
            if (!acl)
                return undefined;
            removeWhere(acl.entries, (e) => sameEntry(e, item.value.entry));
            acl.entries.push(item.value.entry);
            return acl.id;
        }
        case 'networkAclAssociation':
            return moveSubnetToAcl(target, item.value.subnetId, item.value.networkAclId);
        case 'prefixList':
            return upsert(list(target, 'prefixLists'), item.value);
        case 'prefixListEntry': {
            const prefixList = list(target, 'prefixLists')?.find((p) => p.id === item.value.prefixListId);
            if (prefixList?.entries && !prefixList.entries.includes(item.value.cidr))
                prefixList.entries.push(item.value.cidr);
            return prefixList?.id;
        }
        case 'internetGateway':
            return upsert(list(target, 'internetGateways'), item.value);
        case 'internetGatewayAttachment': {
            const gateway = list(target, 'internetGateways')?.find((g) => g.id === item.value.internetGatewayId);
            if (gateway && !gateway.attachments.some((a) => a.vpcId === item.value.vpcId))
                gateway.attachments.push({ vpcId: item.value.vpcId, state: 'available' });
            return gateway?.id;
        }
        case 'natGateway':
            return upsert(list(target, 'natGateways'), item.value);
        case 'vpnGateway':
            return upsert(list(target, 'vpnGateways'), item.value, (deployed, proposed) => ({
                ...deployed,
                ...proposed,
                attachments: mergeAttachments(deployed.attachments, proposed.attachments),
            }));
        case 'vpnGatewayAttachment': {
            const gateway = list(target, 'vpnGateways')?.find((g) => g.id === item.value.vpnGatewayId);
            if (gateway && !gateway.attachments.some((a) => a.vpcId === item.value.vpcId))
                gateway.attachments.push({ vpcId: item.value.vpcId, state: 'attached' });
            return gateway?.id;
        }
        case 'customerGateway':
            return upsert(list(target, 'customerGateways'), item.value);
        case 'vpnConnection': {
            // An update keeps the deployed tunnels' telemetry; a new connection has none until it is applied.
            const value = planned.action === 'update' ? item.value : { ...item.value, planned };
            return upsert(list(target, 'vpnConnections'), value, (deployed, proposed) => ({
                ...deployed,
                ...proposed,
                tunnels: proposed.tunnels.length > 0 ? proposed.tunnels : deployed.tunnels,
            }));
        }
        case 'vpnConnectionRoute': {
            const vpn = list(target, 'vpnConnections')?.find((v) => v.id === item.value.vpnConnectionId);
            if (!vpn)
                return undefined;
            removeWhere(vpn.routes, (r) => r.destinationCidr === item.value.route.destinationCidr);
            vpn.routes.push({ state: 'available', ...item.value.route });
            return vpn.id;
        }
        case 'transitGateway':
            return upsert(list(target, 'transitGateways'), item.value);
        case 'transitGatewayAttachment':
            return upsert(list(target, 'transitGatewayAttachments'), item.value, (deployed, proposed) => ({
                ...deployed,
                ...proposed,
                association: proposed.association ?? deployed.association,
            }));
        case 'transitGatewayRouteTable':
            return upsert(list(target, 'transitGatewayRouteTables'), item.value, (deployed, proposed) => ({
                ...deployed,
                ...proposed,
                routes: deployed.routes,
                propagations: deployed.propagations,
            }));
        case 'transitGatewayRoute': {
            const table = list(target, 'transitGatewayRouteTables')?.find((t) => t.id === item.value.routeTableId);
            if (!table?.routes)
                return undefined;
            removeWhere(table.routes, (r) => tgwDestination(r) === tgwDestination(item.value.route));
            table.routes.push(item.value.route);
            return table.id;
        }
        case 'transitGatewayAssociation': {
            const attachment = list(target, 'transitGatewayAttachments')?.find((a) => a.id === item.value.attachmentId);
            if (attachment)
                attachment.association = { routeTableId: item.value.routeTableId, state: 'associated' };
            return attachment?.id;
        }
        case 'transitGatewayPropagation': {
            const table = list(target, 'transitGatewayRouteTables')?.find((t) => t.id === item.value.routeTableId);
            const attachment = list(target, 'transitGatewayAttachments')?.find((a) => a.id === item.value.attachmentId);
            if (!table?.propagations || table.propagations.some((p) => p.attachmentId === item.value.attachmentId))
                return table?.id;
            table.propagations.push({
                attachmentId: item.value.attachmentId,
                state: 'enabled',
                ...(attachment
                    ? { resourceType: attachment.resourceType, ...(attachment.resourceId && { resourceId: attachment.resourceId }) }
                    : {}),
            });
            return table.id;
        }
        case 'vpcPeeringConnection':
            return upsert(list(target, 'vpcPeeringConnections'), item.value);
        case 'directConnectGateway':
            return upsert(target.dxGateways(), item.value, (deployed, proposed) => ({
                ...deployed,
                ...proposed,
                associations: deployed.associations,
                attachments: deployed.attachments,
            }));
        case 'directConnectGatewayAssociation': {
            const gateway = target.dxGateways().find((g) => g.id === item.value.directConnectGatewayId);
            if (!gateway?.associations)
                return undefined;
            removeWhere(gateway.associations, (a) => a.associatedGatewayId === item.value.association.associatedGatewayId);
            gateway.associations.push(item.value.association);
            return gateway.id;
        }
        case 'dxVirtualInterface': {
            const value = planned.action === 'update' ? item.value : { ...item.value, planned };
            const id = upsert(list(target, 'dxVirtualInterfaces'), value, (deployed, proposed) => ({
                ...deployed,
                ...proposed,
                bgpPeers: proposed.bgpPeers.length > 0 ? proposed.bgpPeers : deployed.bgpPeers,
            }));
            const gateway = value.directConnectGatewayId
                ? target.dxGateways().find((g) => g.id === value.directConnectGatewayId)
                : undefined;
            if (gateway?.attachments && !gateway.attachments.some((a) => a.virtualInterfaceId === value.id)) {
                gateway.attachments.push({
                    virtualInterfaceId: value.id,
                    state: 'attached',
                    virtualInterfaceRegion: target.region.region,
                });
            }
            return id;
        }
        case 'opaque':
            return undefined;
    }
}
/** Removes what the item stood for; undefined when the deployed estate does not hold it. */
function removeItem(target, item) {
    const one = (parentId, what) => [{ parentId, what }];
    const byId = (key, id, what) => removeById(list(target, key), id) ? one(id, what) : undefined;
    switch (item.kind) {
        case 'broker': {
            const brokers = target.region.brokers;
            const at = brokers?.findIndex((b) => b.id === item.value.id || b.arn === item.value.arn) ?? -1;
            if (!brokers || at < 0)
                return undefined;
            const [broker] = brokers.splice(at, 1);
            return one(broker.id, `broker ${broker.name}`);
        }
        case 'vpc':
            return byId('vpcs', item.value.id, `VPC ${item.value.id}`);
        case 'vpcCidrBlock': {
            const vpc = list(target, 'vpcs')?.find((v) => v.id === item.value.vpcId);
            const removed = removeWhere(vpc?.cidrs, (cidr) => cidr === item.value.cidr);
            return removed.length > 0 ? one(vpc.id, `CIDR block ${item.value.cidr}`) : undefined;
        }
        case 'subnet':
            return byId('subnets', item.value.id, `subnet ${item.value.id}`);
        case 'routeTable':
            return byId('routeTables', item.value.id, `route table ${item.value.id}`);
        case 'route': {
            const table = list(target, 'routeTables')?.find((t) => t.id === item.value.routeTableId);
            const destination = routeDestination(item.value.route);
            const removed = removeWhere(table?.routes, (r) => routeDestination(r) === destination && !unmanagedRoute(r));
            return removed.length > 0 ? one(table.id, `route ${destination} → ${removed[0].targetId}`) : undefined;
        }
        case 'routeTableAssociation': {
            const table = list(target, 'routeTables')?.find((t) => t.id === item.value.routeTableId);
            const { association } = item.value;
            if (association.main)
                return table?.main ? one(table.id, `main route table association of ${table.id}`) : undefined;
            const removed = removeWhere(table?.associations, (a) => (a.subnetId ?? a.gatewayId) === (association.subnetId ?? association.gatewayId));
            return removed.length > 0
                ? one(table.id, `association of ${association.subnetId ?? association.gatewayId} with ${table.id}`)
                : undefined;
        }
        case 'routePropagation': {
            const table = list(target, 'routeTables')?.find((t) => t.id === item.value.routeTableId);
            const removed = removeWhere(table?.propagatingVgwIds, (id) => id === item.value.vpnGatewayId);
            // The routes the gateway propagated go with the propagation.
            const routes = removeWhere(table?.routes, (r) => r.origin === 'EnableVgwRoutePropagation' && r.targetId === item.value.vpnGatewayId);
            const what = routes.length > 0
                ? `propagated route${routes.length > 1 ? 's' : ''} ${routes.map((r) => routeDestination(r)).join(', ')} → ${item.value.vpnGatewayId}`
                : `route propagation from ${item.value.vpnGatewayId}`;
            return removed.length > 0 || routes.length > 0 ? one(table.id, what) : undefined;
        }
        case 'securityGroup': {
            removeWhere(list(target, 'securityGroupRules'), (r) => r.groupId === item.value.group.id);
            return byId('securityGroups', item.value.group.id, `security group ${item.value.group.id}`);
        }
        case 'securityGroupRule': {
            const removed = removeWhere(list(target, 'securityGroupRules'), (r) => sameRule(r, item.value));
            return removed.length > 0 ? one(item.value.groupId, ruleText(removed[0])) : undefined;
        }
        case 'networkAcl':
            return byId('networkAcls', item.value.id, `network ACL ${item.value.id}`);
        case 'networkAclEntry': {
            const acl = list(target, 'networkAcls')?.find((a) => a.id === item.value.networkAclId);
            const removed = removeWhere(acl?.entries, (e) => sameEntry(e, item.value.entry));
            return removed.length > 0
                ? one(acl.id, `${item.value.entry.egress ? 'outbound' : 'inbound'} rule ${item.value.entry.ruleNumber}`)
                : undefined;
        }
        case 'networkAclAssociation': {
            // The subnet goes back to its VPC's default ACL (every subnet has exactly one).
            const subnet = list(target, 'subnets')?.find((s) => s.id === item.value.subnetId);
            const fallback = list(target, 'networkAcls')?.find((a) => a.isDefault && a.vpcId === subnet?.vpcId);
            if (fallback)
                moveSubnetToAcl(target, item.value.subnetId, fallback.id);
            return one(item.value.networkAclId, `association of ${item.value.subnetId} with ${item.value.networkAclId}`);
        }
        case 'prefixList':
            return byId('prefixLists', item.value.id, `prefix list ${item.value.id}`);
        case 'prefixListEntry': {
            const prefixList = list(target, 'prefixLists')?.find((p) => p.id === item.value.prefixListId);
            const removed = removeWhere(prefixList?.entries ?? undefined, (cidr) => cidr === item.value.cidr);
            return removed.length > 0 ? one(prefixList.id, `entry ${item.value.cidr}`) : undefined;
        }
        case 'internetGateway':
            return byId('internetGateways', item.value.id, `internet gateway ${item.value.id}`);
        case 'internetGatewayAttachment': {
            const gateway = list(target, 'internetGateways')?.find((g) => g.id === item.value.internetGatewayId);
            return removeWhere(gateway?.attachments, (a) => a.vpcId === item.value.vpcId).length > 0
                ? one(gateway.id, `attachment to ${item.value.vpcId}`)
                : undefined;
        }
        case 'natGateway':
            return byId('natGateways', item.value.id, `NAT gateway ${item.value.id}`);
        case 'vpnGateway':
            return byId('vpnGateways', item.value.id, `virtual private gateway ${item.value.id}`);
        case 'vpnGatewayAttachment': {
            const gateway = list(target, 'vpnGateways')?.find((g) => g.id === item.value.vpnGatewayId);
            return removeWhere(gateway?.attachments, (a) => a.vpcId === item.value.vpcId).length > 0
                ? one(gateway.id, `attachment of ${item.value.vpnGatewayId} to ${item.value.vpcId}`)
                : undefined;
        }
        case 'customerGateway':
            return byId('customerGateways', item.value.id, `customer gateway ${item.value.id}`);
        case 'vpnConnection':
            return byId('vpnConnections', item.value.id, `VPN connection ${item.value.id}`);
        case 'vpnConnectionRoute': {
            const vpn = list(target, 'vpnConnections')?.find((v) => v.id === item.value.vpnConnectionId);
            return removeWhere(vpn?.routes, (r) => r.destinationCidr === item.value.route.destinationCidr).length > 0
                ? one(vpn.id, `static route ${item.value.route.destinationCidr}`)
                : undefined;
        }
        case 'transitGateway':
            return byId('transitGateways', item.value.id, `transit gateway ${item.value.id}`);
        case 'transitGatewayAttachment':
            return byId('transitGatewayAttachments', item.value.id, `transit gateway attachment ${item.value.id}`);
        case 'transitGatewayRouteTable':
            return byId('transitGatewayRouteTables', item.value.id, `transit gateway route table ${item.value.id}`);
        case 'transitGatewayRoute': {
            const table = list(target, 'transitGatewayRouteTables')?.find((t) => t.id === item.value.routeTableId);
            const destination = tgwDestination(item.value.route);
            return removeWhere(table?.routes ?? undefined, (r) => tgwDestination(r) === destination).length > 0
                ? one(table.id, `transit gateway route ${destination}`)
                : undefined;
        }
        case 'transitGatewayAssociation': {
            const attachment = list(target, 'transitGatewayAttachments')?.find((a) => a.id === item.value.attachmentId);
            if (attachment?.association?.routeTableId !== item.value.routeTableId)
                return undefined;
            delete attachment.association;
            return one(item.value.routeTableId, `association of ${item.value.attachmentId}`);
        }
        case 'transitGatewayPropagation': {
            const table = list(target, 'transitGatewayRouteTables')?.find((t) => t.id === item.value.routeTableId);
            // Routes the attachment propagated go with the propagation.
            removeWhere(table?.routes ?? undefined, (r) => r.type === 'propagated' && r.attachments.some((a) => a.attachmentId === item.value.attachmentId));
            return removeWhere(table?.propagations ?? undefined, (p) => p.attachmentId === item.value.attachmentId).length > 0
                ? one(table.id, `propagation from ${item.value.attachmentId}`)
                : undefined;
        }
        case 'vpcPeeringConnection':
            return byId('vpcPeeringConnections', item.value.id, `peering connection ${item.value.id}`);
        case 'directConnectGateway': {
            const removed = removeWhere(target.dxGateways(), (g) => g.id === item.value.id);
            return removed.length > 0 ? one(item.value.id, `Direct Connect gateway ${item.value.id}`) : undefined;
        }
        case 'directConnectGatewayAssociation': {
            const gateway = target.dxGateways().find((g) => g.id === item.value.directConnectGatewayId);
            const removed = removeWhere(gateway?.associations ?? undefined, (a) => a.associatedGatewayId === item.value.association.associatedGatewayId);
            return removed.length > 0
                ? one(gateway.id, `association with ${item.value.association.associatedGatewayId}`)
                : undefined;
        }
        case 'dxVirtualInterface':
            return byId('dxVirtualInterfaces', item.value.id, `virtual interface ${item.value.id}`);
        case 'opaque':
            return [];
    }
}
function tgwDestination(route) {
    return route.destinationCidr ?? route.prefixListId ?? '?';
}
function mergeAttachments(deployed, proposed) {
    return [...proposed, ...deployed.filter((d) => !proposed.some((p) => p.vpcId === d.vpcId))];
}
function applyBroker(target, proposed, planned) {
    const brokers = target.region.brokers;
    if (!brokers)
        return undefined;
    // Pointers into the broker become pointers into its details, where the document looks for them.
    const unknown = Object.fromEntries(Object.entries(planned.unknown ?? {}).map(([pointer, reason]) => [pointer.replace(/^\/details(?=\/)/, ''), reason]));
    const mark = { ...planned, ...(Object.keys(unknown).length > 0 ? { unknown } : {}) };
    const arn = proposed.arn.replace(/^arn:([^:]*):mq:([^:]*):([^:]*):/, (_all, partition, region, account) => `arn:${partition || 'aws'}:mq:${region || target.region.region}:${account || target.accountId}:`);
    const at = brokers.findIndex((b) => b.id === proposed.id || b.arn === arn);
    const deployed = at >= 0 ? brokers[at] : undefined;
    const broker = {
        ...deployed,
        ...proposed,
        arn,
        details: proposed.details && deployed?.details
            ? { ...deployed.details, ...proposed.details }
            : (proposed.details ?? deployed?.details ?? null),
        planned: mark,
    };
    if (at >= 0)
        brokers[at] = broker;
    else
        brokers.push(broker);
    return broker.id;
}
function applySubnet(target, subnet) {
    const id = upsert(list(target, 'subnets'), subnet);
    // A new subnet uses its VPC's default ACL until it is associated with another.
    const acls = list(target, 'networkAcls');
    if (acls && !acls.some((a) => a.subnetIds.includes(subnet.id))) {
        acls.find((a) => a.isDefault && a.vpcId === subnet.vpcId)?.subnetIds.push(subnet.id);
    }
    return id;
}
function applyRouteTable(target, proposed, unknown) {
    const { inlineRoutes, ...table } = proposed;
    const tables = list(target, 'routeTables');
    if (!tables)
        return undefined;
    const deployed = tables.find((t) => t.id === table.id);
    const vpc = list(target, 'vpcs')?.find((v) => v.id === table.vpcId);
    const local = (vpc?.cidrs ?? []).map((cidr) => ({
        destinationCidr: cidr,
        targetType: 'local',
        targetId: 'local',
        state: 'active',
        origin: 'CreateRouteTable',
    }));
    const kept = deployed ? deployed.routes.filter(unmanagedRoute) : local;
    const routes = inlineRoutes
        ? [...kept, ...table.routes.map((r, i) => routeWithKnownTarget(r, unknown, `/routes/${i}`))]
        : (deployed?.routes ?? local);
    const merged = {
        ...deployed,
        ...table,
        routes,
        associations: [
            ...(deployed?.associations ?? []),
            ...table.associations.filter((a) => !deployed?.associations.some((d) => d.subnetId === a.subnetId && d.gatewayId === a.gatewayId)),
        ],
        propagatingVgwIds: table.propagatingVgwIds.length > 0 || !deployed ? table.propagatingVgwIds : deployed.propagatingVgwIds,
    };
    return upsert(tables, merged);
}
function applyRoute(target, value, unknown) {
    const table = list(target, 'routeTables')?.find((t) => t.id === value.routeTableId);
    if (!table)
        return undefined;
    const route = routeWithKnownTarget({ state: 'active', origin: 'CreateRoute', ...value.route }, unknown, '/route');
    const destination = routeDestination(route);
    removeWhere(table.routes, (r) => routeDestination(r) === destination && !unmanagedRoute(r));
    table.routes.push(route);
    return table.id;
}
function applyAssociation(target, value) {
    const tables = list(target, 'routeTables');
    const table = tables?.find((t) => t.id === value.routeTableId);
    if (!tables || !table)
        return undefined;
    if (value.association.main) {
        for (const other of tables.filter((t) => t.vpcId === table.vpcId)) {
            other.main = other === table;
            other.associations = other.associations.filter((a) => !a.main);
        }
        table.associations.push({ ...value.association, main: true });
        return table.id;
    }
    // A subnet (or edge gateway) has one association: it leaves its old table.
    const key = value.association.subnetId ?? value.association.gatewayId;
    for (const other of tables)
        other.associations = other.associations.filter((a) => (a.subnetId ?? a.gatewayId) !== key || a.main);
    table.associations.push({ state: 'associated', ...value.association });
    return table.id;
}
function applyNetworkAcl(target, proposed) {
    const { inlineEntries, ...acl } = proposed;
    const acls = list(target, 'networkAcls');
    if (!acls)
        return undefined;
    const deployed = acls.find((a) => a.id === acl.id);
    // The default deny rules (32767) exist in every ACL and in no template.
    const defaults = [false, true].map((egress) => ({
        ruleNumber: 32767,
        egress,
        action: 'deny',
        protocol: '-1',
        cidr: '0.0.0.0/0',
    }));
    const kept = deployed ? deployed.entries.filter((e) => e.ruleNumber === 32767) : defaults;
    const entries = inlineEntries
        ? [...acl.entries.filter((e) => e.ruleNumber !== 32767), ...kept]
        : (deployed?.entries ?? defaults);
    upsert(acls, { ...deployed, ...acl, entries, subnetIds: deployed?.subnetIds ?? [] });
    for (const subnetId of acl.subnetIds)
        moveSubnetToAcl(target, subnetId, acl.id);
    return acl.id;
}
function moveSubnetToAcl(target, subnetId, aclId) {
    const acls = list(target, 'networkAcls');
    const acl = acls?.find((a) => a.id === aclId);
    if (!acls || !acl)
        return undefined;
    for (const other of acls)
        if (other !== acl)
            other.subnetIds = other.subnetIds.filter((id) => id !== subnetId);
    if (!acl.subnetIds.includes(subnetId))
        acl.subnetIds.push(subnetId);
    return acl.id;
}
