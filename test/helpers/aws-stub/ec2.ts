/**
 * Amazon EC2 (EC2 query protocol, signing name "ec2") for the stub: DescribeRegions, and the VPC/TGW/VPN
 * operations the network collector calls.
 *
 * The network estate is given per region as each operation's full, unfiltered response in the SDK's output shape
 * (PascalCase, as in fixtures/aws/ec2/<region>/<Operation>.json). The stub behaves like EC2 where the collector
 * depends on it: it applies `Filter.N` (values ORed, filters ANDed; an unknown filter name or any other
 * parameter is refused), checks MaxResults against the operation's range (an unpaginated operation refuses it),
 * pages with NextToken, and answers in EC2's XML, rendered from the SDK's own output schema (element names from
 * the model's xmlName traits), so the real SDK deserializer reads it back.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';

import {
  DescribeCustomerGatewaysResult$,
  DescribeInternetGatewaysResult$,
  DescribeManagedPrefixListsResult$,
  DescribeNatGatewaysResult$,
  DescribeNetworkAclsResult$,
  DescribeNetworkInterfacesResult$,
  DescribeRouteTablesResult$,
  DescribeSecurityGroupRulesResult$,
  DescribeSecurityGroupsResult$,
  DescribeSubnetsResult$,
  DescribeTransitGatewayAttachmentsResult$,
  DescribeTransitGatewayRouteTablesResult$,
  DescribeTransitGatewaysResult$,
  DescribeVpcPeeringConnectionsResult$,
  DescribeVpcsResult$,
  DescribeVpnConnectionsResult$,
  DescribeVpnGatewaysResult$,
  GetManagedPrefixListEntriesResult$,
  GetTransitGatewayRouteTablePropagationsResult$,
  SearchTransitGatewayRoutesResult$,
} from '@aws-sdk/client-ec2';
import {NormalizedSchema} from '@smithy/core/schema';

import {ec2Error, ec2List, ec2Response, escapeXml, xmlElement} from './protocols';
import type {AwsStub, StubRequest, StubResponse} from './server';

export {ec2Error, ec2List, ec2Response} from './protocols';

export interface RegionInfo {
  name: string;
  optInStatus?: 'not-opted-in' | 'opt-in-not-required' | 'opted-in';
}

/** DescribeRegions over `regions`; honours AllRegions=false by leaving out not-opted-in ones. */
export function installEc2Regions(stub: AwsStub, regions: readonly (RegionInfo | string)[]): void {
  const infos = regions.map((region): RegionInfo =>
    typeof region === 'string' ? {name: region, optInStatus: 'opt-in-not-required'} : region,
  );
  stub.on('ec2', 'DescribeRegions', (req) => {
    const all = req.params.AllRegions === 'true';
    const visible = infos.filter((info) => all || info.optInStatus !== 'not-opted-in');
    return ec2Response(
      'DescribeRegions',
      ec2List(
        'regionInfo',
        visible,
        (info) =>
          xmlElement('regionName', info.name) +
          xmlElement('regionEndpoint', `ec2.${info.name}.amazonaws.com`) +
          xmlElement('optInStatus', info.optInStatus ?? 'opt-in-not-required'),
      ),
    );
  });
}

/** The error EC2 gives a principal without the permission. */
export function ec2Unauthorized(): ReturnType<typeof ec2Error> {
  return ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
}

// ---- network operations ----------------------------------------------------------------------------------------

type Item = Record<string, unknown>;
type Values = (item: Item) => unknown[];

interface OperationSpec {
  /** The output member that holds the items. */
  items: string;
  /** The SDK's output schema: where the XML element names come from. */
  output: unknown;
  /** Filter name → the values an item has for it. */
  filters: Record<string, Values>;
  /** MaxResults range (EC2 API reference); absent: the operation does not page and refuses MaxResults. */
  maxResults?: readonly [number, number];
  /** The required parameter naming the one resource the call reads; the fixture is then keyed by its value. */
  resourceParam?: {name: string; notFound: string};
  /** The operation refuses a call without filters (SearchTransitGatewayRoutes). */
  filtersRequired?: boolean;
}

const at =
  (...path: string[]): Values =>
  (item) => [dig(item, path)];
const each =
  (list: string, ...path: string[]): Values =>
  (item) =>
    asItems(item[list]).map((member) => dig(member, path));
const bool: (values: Values) => Values = (values) => (item) =>
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the values are booleans, written as EC2's filters compare them
  values(item).map((value) => (value === undefined ? undefined : String(value)));

export const EC2_NETWORK_OPERATIONS = {
  DescribeVpcs: {
    items: 'Vpcs',
    output: DescribeVpcsResult$,
    maxResults: [5, 1000],
    filters: {
      'vpc-id': at('VpcId'),
      'owner-id': at('OwnerId'),
      state: at('State'),
      'is-default': bool(at('IsDefault')),
    },
  },
  DescribeSubnets: {
    items: 'Subnets',
    output: DescribeSubnetsResult$,
    maxResults: [5, 1000],
    filters: {'subnet-id': at('SubnetId'), 'vpc-id': at('VpcId'), 'availability-zone': at('AvailabilityZone')},
  },
  DescribeRouteTables: {
    items: 'RouteTables',
    output: DescribeRouteTablesResult$,
    maxResults: [5, 100],
    filters: {
      'vpc-id': at('VpcId'),
      'route-table-id': at('RouteTableId'),
      'association.subnet-id': each('Associations', 'SubnetId'),
      'association.main': bool(each('Associations', 'Main')),
      'route.transit-gateway-id': each('Routes', 'TransitGatewayId'),
    },
  },
  DescribeSecurityGroups: {
    items: 'SecurityGroups',
    output: DescribeSecurityGroupsResult$,
    maxResults: [5, 1000],
    filters: {'group-id': at('GroupId'), 'vpc-id': at('VpcId'), 'group-name': at('GroupName')},
  },
  DescribeSecurityGroupRules: {
    items: 'SecurityGroupRules',
    output: DescribeSecurityGroupRulesResult$,
    maxResults: [5, 1000],
    filters: {'group-id': at('GroupId'), 'security-group-rule-id': at('SecurityGroupRuleId')},
  },
  DescribeNetworkAcls: {
    items: 'NetworkAcls',
    output: DescribeNetworkAclsResult$,
    maxResults: [5, 1000],
    filters: {
      'vpc-id': at('VpcId'),
      'network-acl-id': at('NetworkAclId'),
      'association.subnet-id': each('Associations', 'SubnetId'),
      default: bool(at('IsDefault')),
    },
  },
  DescribeInternetGateways: {
    items: 'InternetGateways',
    output: DescribeInternetGatewaysResult$,
    maxResults: [5, 1000],
    filters: {'internet-gateway-id': at('InternetGatewayId'), 'attachment.vpc-id': each('Attachments', 'VpcId')},
  },
  DescribeNatGateways: {
    items: 'NatGateways',
    output: DescribeNatGatewaysResult$,
    maxResults: [5, 1000],
    filters: {
      'nat-gateway-id': at('NatGatewayId'),
      'vpc-id': at('VpcId'),
      'subnet-id': at('SubnetId'),
      state: at('State'),
    },
  },
  DescribeNetworkInterfaces: {
    items: 'NetworkInterfaces',
    output: DescribeNetworkInterfacesResult$,
    maxResults: [5, 1000],
    filters: {
      'network-interface-id': at('NetworkInterfaceId'),
      'subnet-id': at('SubnetId'),
      'vpc-id': at('VpcId'),
      'group-id': each('Groups', 'GroupId'),
    },
  },
  DescribeVpnGateways: {
    items: 'VpnGateways',
    output: DescribeVpnGatewaysResult$,
    filters: {
      'vpn-gateway-id': at('VpnGatewayId'),
      'attachment.vpc-id': each('VpcAttachments', 'VpcId'),
      state: at('State'),
    },
  },
  DescribeCustomerGateways: {
    items: 'CustomerGateways',
    output: DescribeCustomerGatewaysResult$,
    filters: {'customer-gateway-id': at('CustomerGatewayId'), state: at('State')},
  },
  DescribeVpnConnections: {
    items: 'VpnConnections',
    output: DescribeVpnConnectionsResult$,
    filters: {
      'vpn-connection-id': at('VpnConnectionId'),
      'vpn-gateway-id': at('VpnGatewayId'),
      'transit-gateway-id': at('TransitGatewayId'),
      'customer-gateway-id': at('CustomerGatewayId'),
      state: at('State'),
    },
  },
  DescribeTransitGateways: {
    items: 'TransitGateways',
    output: DescribeTransitGatewaysResult$,
    maxResults: [5, 1000],
    filters: {'transit-gateway-id': at('TransitGatewayId'), 'owner-id': at('OwnerId'), state: at('State')},
  },
  DescribeTransitGatewayAttachments: {
    items: 'TransitGatewayAttachments',
    output: DescribeTransitGatewayAttachmentsResult$,
    maxResults: [5, 1000],
    filters: {
      'transit-gateway-id': at('TransitGatewayId'),
      'transit-gateway-attachment-id': at('TransitGatewayAttachmentId'),
      'resource-id': at('ResourceId'),
      'resource-type': at('ResourceType'),
      state: at('State'),
    },
  },
  DescribeTransitGatewayRouteTables: {
    items: 'TransitGatewayRouteTables',
    output: DescribeTransitGatewayRouteTablesResult$,
    maxResults: [5, 1000],
    filters: {
      'transit-gateway-id': at('TransitGatewayId'),
      'transit-gateway-route-table-id': at('TransitGatewayRouteTableId'),
    },
  },
  DescribeVpcPeeringConnections: {
    items: 'VpcPeeringConnections',
    output: DescribeVpcPeeringConnectionsResult$,
    maxResults: [5, 1000],
    filters: {
      'vpc-peering-connection-id': at('VpcPeeringConnectionId'),
      'requester-vpc-info.vpc-id': at('RequesterVpcInfo', 'VpcId'),
      'accepter-vpc-info.vpc-id': at('AccepterVpcInfo', 'VpcId'),
      'status-code': at('Status', 'Code'),
    },
  },
  DescribeManagedPrefixLists: {
    items: 'PrefixLists',
    output: DescribeManagedPrefixListsResult$,
    maxResults: [1, 100],
    filters: {
      'prefix-list-id': at('PrefixListId'),
      'prefix-list-name': at('PrefixListName'),
      'owner-id': at('OwnerId'),
    },
  },
  GetManagedPrefixListEntries: {
    items: 'Entries',
    output: GetManagedPrefixListEntriesResult$,
    maxResults: [1, 100],
    filters: {},
    resourceParam: {name: 'PrefixListId', notFound: 'InvalidPrefixListID.NotFound'},
  },
  GetTransitGatewayRouteTablePropagations: {
    items: 'TransitGatewayRouteTablePropagations',
    output: GetTransitGatewayRouteTablePropagationsResult$,
    maxResults: [5, 1000],
    filters: {
      'transit-gateway-attachment-id': at('TransitGatewayAttachmentId'),
      'resource-id': at('ResourceId'),
      'resource-type': at('ResourceType'),
    },
    resourceParam: {name: 'TransitGatewayRouteTableId', notFound: 'InvalidRouteTableID.NotFound'},
  },
  SearchTransitGatewayRoutes: {
    items: 'Routes',
    output: SearchTransitGatewayRoutesResult$,
    maxResults: [5, 1000],
    filters: {
      state: at('State'),
      type: at('Type'),
      'prefix-list-id': at('PrefixListId'),
      'attachment.transit-gateway-attachment-id': each('TransitGatewayAttachments', 'TransitGatewayAttachmentId'),
      'attachment.resource-id': each('TransitGatewayAttachments', 'ResourceId'),
      'attachment.resource-type': each('TransitGatewayAttachments', 'ResourceType'),
    },
    resourceParam: {name: 'TransitGatewayRouteTableId', notFound: 'InvalidRouteTableID.NotFound'},
    filtersRequired: true,
  },
} satisfies Record<string, OperationSpec>;

export type Ec2NetworkOperation = keyof typeof EC2_NETWORK_OPERATIONS;

/**
 * One region's estate: operation → its full response (SDK output shape). For operations about one resource
 * (GetManagedPrefixListEntries, SearchTransitGatewayRoutes, GetTransitGatewayRouteTablePropagations): resource id →
 * response.
 */
export type Ec2RegionEstate = Partial<Record<Ec2NetworkOperation, Item | Record<string, Item>>>;

export interface Ec2NetworkEstate {
  regions: Record<string, Ec2RegionEstate>;
  /** Return at most this many items per page, whatever MaxResults asks (AWS may return fewer). */
  pageSize?: Partial<Record<Ec2NetworkOperation, number>>;
}

/** Parameters every EC2 query request carries. */
const PROTOCOL_PARAMS = new Set(['Action', 'Version']);

/** Register a handler for every network operation over `estate`; a region without fixtures answers empty lists. */
export function installEc2Network(stub: AwsStub, estate: Ec2NetworkEstate): void {
  for (const [operation, spec] of Object.entries(EC2_NETWORK_OPERATIONS) as [Ec2NetworkOperation, OperationSpec][]) {
    stub.on('ec2', operation, (req) => answer(req, operation, spec, estate));
  }
}

function answer(
  req: StubRequest,
  operation: Ec2NetworkOperation,
  spec: OperationSpec,
  estate: Ec2NetworkEstate,
): StubResponse {
  const filterParams = Object.keys(req.params).filter((name) => /^Filter\.\d+\./.test(name));
  const allowed = new Set([
    ...PROTOCOL_PARAMS,
    ...filterParams,
    ...(spec.maxResults ? ['MaxResults', 'NextToken'] : []),
    ...(spec.resourceParam ? [spec.resourceParam.name] : []),
  ]);
  const unknown = Object.keys(req.params).filter((name) => !allowed.has(name));
  if (unknown.length > 0)
    return ec2Error(
      400,
      'UnknownParameter',
      `The parameter ${unknown[0].replace(/\.\d+$/, '')} is not recognized (aws-stub implements filters only)`,
    );

  const filters = parseFilters(req.params);
  for (const filter of filters) {
    if (!(filter.name in spec.filters))
      return ec2Error(400, 'InvalidParameterValue', `The filter '${filter.name}' is invalid`);
  }
  if (spec.filtersRequired && filters.length === 0)
    return ec2Error(400, 'MissingParameter', 'The request must contain the parameter Filters');

  let response = estate.regions[req.region]?.[operation];
  if (spec.resourceParam) {
    const id = req.params[spec.resourceParam.name];
    if (!id)
      return ec2Error(400, 'MissingParameter', `The request must contain the parameter ${spec.resourceParam.name}`);
    response = (response as Record<string, Item> | undefined)?.[id];
    if (!response) return ec2Error(400, spec.resourceParam.notFound, `The ID '${id}' does not exist`);
  }

  const all = asItems(response?.[spec.items]);
  const matching = all.filter((item) =>
    filters.every((filter) =>
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what a filter reads is a scalar (id, state, CIDR, boolean)
      spec.filters[filter.name](item).some((value) => value !== undefined && filter.values.includes(String(value))),
    ),
  );

  let page = matching;
  let nextToken: string | undefined;
  if (spec.maxResults) {
    const requested = req.params.MaxResults === undefined ? undefined : Number(req.params.MaxResults);
    const [min, max] = spec.maxResults;
    if (requested !== undefined && (!Number.isInteger(requested) || requested < min || requested > max)) {
      return ec2Error(
        400,
        'InvalidParameterValue',
        `Value ( ${req.params.MaxResults} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`,
      );
    }
    const offset = decodeToken(req.params.NextToken);
    if (offset === undefined) return ec2Error(400, 'InvalidNextToken', 'The token provided is invalid.');
    const size = Math.min(requested ?? matching.length, estate.pageSize?.[operation] ?? Number.POSITIVE_INFINITY);
    page = matching.slice(offset, offset + size);
    if (offset + size < matching.length) nextToken = encodeToken(offset + size);
  }

  const body: Item = {...response, [spec.items]: page, ...(nextToken !== undefined && {NextToken: nextToken})};
  // Only the list and the token vary per page; flags such as AdditionalRoutesAvailable come from the fixture.
  return ec2Response(operation, renderXml(NormalizedSchema.of(spec.output as never), body, operation));
}

interface ParsedFilter {
  name: string;
  values: string[];
}

/** `Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-…&Filter.1.Value.2=…` → [{name, values}] */
function parseFilters(params: Record<string, string>): ParsedFilter[] {
  const byIndex = new Map<string, ParsedFilter>();
  for (const [key, value] of Object.entries(params)) {
    const match = /^Filter\.(\d+)\.(Name|Value\.\d+)$/.exec(key);
    if (!match) continue;
    const filter = byIndex.get(match[1]) ?? {name: '', values: []};
    if (match[2] === 'Name') filter.name = value;
    else filter.values.push(value);
    byIndex.set(match[1], filter);
  }
  return [...byIndex.values()];
}

/**
 * A value in EC2's XML, walking the SDK's schema: structure members by their xmlName, lists as `<item>` members,
 * timestamps in ISO 8601. A fixture field the model does not have is an error (a typo would otherwise vanish).
 */
export function renderXml(schema: NormalizedSchema, value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw new Error(`${path}: expected a list for ${schema.getName() ?? 'a list'}`);
    const member = schema.getValueSchema();
    const tag = String(member.getMergedTraits().xmlName ?? 'member');
    return value.map((item, i) => `<${tag}>${renderXml(member, item, `${path}[${i}]`)}</${tag}>`).join('');
  }
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${path}: expected an object for ${schema.getName()}`);
    const members = new Map([...schema.structIterator()]);
    const unknown = Object.keys(value).filter((key) => !members.has(key));
    if (unknown.length > 0)
      throw new Error(`${path}: ${unknown.join(', ')} not in the EC2 model of ${schema.getName()}`);
    return [...members]
      .map(([name, member]) => {
        const memberValue = (value as Item)[name];
        if (memberValue === undefined || memberValue === null) return '';
        const tag = String(member.getMergedTraits().xmlName ?? name);
        return `<${tag}>${renderXml(member, memberValue, `${path}.${name}`)}</${tag}>`;
      })
      .join('');
  }
  if (schema.isMapSchema()) throw new Error(`${path}: maps are not used by the EC2 network outputs`);
  if (schema.isTimestampSchema()) return escapeXml(new Date(value as string).toISOString());
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the remaining schemas are scalars (string, number, boolean)
  return escapeXml(String(value));
}

/** fixtures/aws/ec2/<region>/<Operation>.json, and <Operation>/<resource-id>.json for per-resource operations. */
export function loadEc2Estate(dir: string): Record<string, Ec2RegionEstate> {
  const regions: Record<string, Ec2RegionEstate> = {};
  for (const region of readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory())) {
    const estate: Record<string, unknown> = {};
    for (const entry of readdirSync(join(dir, region))) {
      const path = join(dir, region, entry);
      if (statSync(path).isDirectory()) {
        estate[entry] = Object.fromEntries(
          readdirSync(path)
            .filter((file) => file.endsWith('.json'))
            .map((file) => [file.slice(0, -5), readJson(join(path, file))]),
        );
      } else if (entry.endsWith('.json')) {
        estate[entry.slice(0, -5)] = readJson(path);
      }
    }
    const unknown = Object.keys(estate).filter((operation) => !(operation in EC2_NETWORK_OPERATIONS));
    if (unknown.length > 0) throw new Error(`${join(dir, region)}: no stub operation for ${unknown.join(', ')}`);
    regions[region] = estate;
  }
  return regions;
}

function readJson(path: string): Item {
  return JSON.parse(readFileSync(path, 'utf8')) as Item;
}

function dig(item: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Item)[key] : undefined),
    item,
  );
}

function asItems(value: unknown): Item[] {
  return Array.isArray(value) ? (value as Item[]) : [];
}

function encodeToken(offset: number): string {
  return Buffer.from(`ec2-page:${offset}`).toString('base64');
}

function decodeToken(token: string | undefined): number | undefined {
  if (token === undefined) return 0;
  const match = /^ec2-page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
