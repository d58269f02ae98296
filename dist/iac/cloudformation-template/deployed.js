"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.minimalBefore = minimalBefore;
exports.deletedEdit = deletedEdit;
const resources_1 = require("./resources");
/** Kinds found by id: the id and the keys that place the object (its VPC, its group) are enough. */
const ID_KEYS = {
    broker: ['arn'],
    vpc: [],
    subnet: ['vpcId'],
    routeTable: ['vpcId'],
    networkAcl: ['vpcId'],
    prefixList: [],
    internetGateway: [],
    natGateway: ['subnetId', 'vpcId'],
    vpnGateway: [],
    customerGateway: [],
    vpnConnection: [],
    transitGateway: [],
    transitGatewayAttachment: ['transitGatewayId'],
    transitGatewayRouteTable: ['transitGatewayId'],
    vpcPeeringConnection: [],
    directConnectGateway: [],
    dxVirtualInterface: [],
};
/**
 * The deployed object an update changes. Kinds with an id: the id and parent keys. A security group: its group's
 * id and VPC. Kinds found by content (a route: table + destination, a rule: its tuple): the same content as
 * `after`, since CloudFormation replaces such a resource when its key properties change.
 */
function minimalBefore(item, id) {
    const keys = ID_KEYS[item.kind];
    const value = item.value;
    if (keys !== undefined) {
        const minimal = { id };
        for (const key of keys)
            if (value[key] !== undefined)
                minimal[key] = value[key];
        return { kind: item.kind, value: minimal };
    }
    if (item.kind === 'securityGroup') {
        const { group } = item.value;
        return { kind: 'securityGroup', value: { group: { id, ...(group.vpcId !== undefined && { vpcId: group.vpcId }) } } };
    }
    return structuredClone(item);
}
/**
 * A deployed resource the template dropped. Kinds with an id are found by it; kinds found by content need the
 * caller's `before` (the template no longer says what the deployed content was), else a warning says so. A dropped
 * opaque resource (a firewall) is opaque in `before`; types the judges ignore make no edit.
 */
function deletedEdit(gone, address, file, options, warnings) {
    const role = (0, resources_1.deletedTypeRole)(gone.resourceType);
    if (role === 'skip' && gone.before === undefined)
        return undefined;
    const before = gone.before ?? (role === 'skip' ? [] : deletedItems(gone, role));
    if (before === undefined) {
        const kind = resources_1.PRIMARY_KIND[gone.resourceType] ?? gone.resourceType;
        warnings.push({
            file,
            message: `${address} (${gone.resourceType}) is deleted, but the deployed ${kind} has no id to find it by: give its deployed content to apply the deletion`,
        });
    }
    return {
        format: 'cloudformation',
        input: file,
        address,
        resourceType: gone.resourceType,
        action: 'delete',
        ...(options.region && { region: options.region }),
        ...(options.accountId && { accountId: options.accountId }),
        before: before ?? [],
        after: [],
    };
}
/** The deployed object a dropped resource was, when its id finds it; undefined for kinds found by content. */
function deletedItems(gone, role) {
    if (role === 'opaque')
        return [{ kind: 'opaque', value: { description: `${gone.resourceType} ${gone.id} deleted`, vpcIds: [] } }];
    const kind = resources_1.PRIMARY_KIND[gone.resourceType];
    if (kind === undefined)
        return undefined;
    if (ID_KEYS[kind] !== undefined)
        return [{ kind, value: { id: gone.id } }];
    if (kind === 'securityGroup')
        return [{ kind, value: { group: { id: gone.id } } }];
    // A rule resource's physical id is its rule id (sgr-…) when CloudFormation created it through the rule API.
    if (kind === 'securityGroupRule' && gone.id.startsWith('sgr-'))
        return [{ kind, value: { id: gone.id } }];
    return undefined;
}
