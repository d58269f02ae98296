/**
 * AWS Direct Connect (JSON 1.1, X-Amz-Target OvertureService.<Operation>, signing name "directconnect") for the
 * stub: the describe calls the network collector makes.
 *
 * The estate is given as each operation's full response in the SDK's output shape (camelCase, as in
 * fixtures/aws/directconnect/): connections, LAGs and virtual interfaces per region, Direct Connect gateways and
 * their associations and attachments once (they are global: any regional endpoint answers the same). The stub
 * applies the request's id parameters, refuses the gateway association/attachment calls without one (as the
 * API documents), pages with maxResults (capped at 100, as the service does) and nextToken, and sends
 * timestamps as epoch seconds like the service. DescribeLocations takes no parameter and does not page (the region's
 * locations in one answer, as the service sends them).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';

import {awsJson, awsJsonError} from './protocols';
import type {AwsStub, StubRequest, StubResponse} from './server';

type Item = Record<string, unknown>;

interface OperationSpec {
  /** The output member that holds the items. */
  items: string;
  /** Request parameter → the item field it selects on. */
  selectors: Record<string, (item: Item) => unknown>;
  /** The API refuses a call that names none of the selectors. */
  selectorRequired?: boolean;
  /** Regional (connections, LAGs, interfaces, locations) or global (gateways). */
  scope: 'global' | 'region';
  /** false: the API takes no maxResults/nextToken (DescribeLocations) and answers in one page. */
  paged?: false;
}

export const DX_OPERATIONS = {
  DescribeConnections: {items: 'connections', scope: 'region', selectors: {connectionId: (item) => item.connectionId}},
  DescribeLags: {items: 'lags', scope: 'region', selectors: {lagId: (item) => item.lagId}},
  DescribeLocations: {items: 'locations', scope: 'region', selectors: {}, paged: false},
  DescribeVirtualInterfaces: {
    items: 'virtualInterfaces',
    scope: 'region',
    selectors: {connectionId: (item) => item.connectionId, virtualInterfaceId: (item) => item.virtualInterfaceId},
  },
  DescribeDirectConnectGateways: {
    items: 'directConnectGateways',
    scope: 'global',
    selectors: {directConnectGatewayId: (item) => item.directConnectGatewayId},
  },
  DescribeDirectConnectGatewayAssociations: {
    items: 'directConnectGatewayAssociations',
    scope: 'global',
    selectorRequired: true,
    selectors: {
      directConnectGatewayId: (item) => item.directConnectGatewayId,
      associationId: (item) => item.associationId,
      associatedGatewayId: (item) => (item.associatedGateway as Item | undefined)?.id,
      virtualGatewayId: (item) => item.virtualGatewayId,
    },
  },
  DescribeDirectConnectGatewayAttachments: {
    items: 'directConnectGatewayAttachments',
    scope: 'global',
    selectorRequired: true,
    selectors: {
      directConnectGatewayId: (item) => item.directConnectGatewayId,
      virtualInterfaceId: (item) => item.virtualInterfaceId,
    },
  },
} satisfies Record<string, OperationSpec>;

export type DxOperation = keyof typeof DX_OPERATIONS;

export interface DxEstate {
  /** region → operation → full response, for the regional operations. */
  regions: Record<string, Partial<Record<DxOperation, Item>>>;
  /** operation → full response, for the global (gateway) operations. */
  global: Partial<Record<DxOperation, Item>>;
  /** Return at most this many items per page, whatever maxResults asks. */
  pageSize?: Partial<Record<DxOperation, number>>;
}

/** "If MaxResults is given a value larger than 100, only 100 results are returned." */
const MAX_RESULTS_CAP = 100;
/** Members the service sends as timestamps (epoch seconds on the JSON wire). */
const TIMESTAMP_MEMBERS = new Set(['loaIssueTime', 'startDate', 'endDate']);

export function installDirectConnect(stub: AwsStub, estate: DxEstate): void {
  for (const [operation, spec] of Object.entries(DX_OPERATIONS) as [DxOperation, OperationSpec][]) {
    stub.on('directconnect', operation, (req) => answer(req, operation, spec, estate));
  }
}

function answer(req: StubRequest, operation: DxOperation, spec: OperationSpec, estate: DxEstate): StubResponse {
  const input = (req.json ?? {}) as Item;
  const known = new Set([...Object.keys(spec.selectors), ...(spec.paged === false ? [] : ['maxResults', 'nextToken'])]);
  const unknown = Object.keys(input).filter((name) => !known.has(name));
  if (unknown.length > 0)
    return awsJsonError(
      400,
      'DirectConnectClientException',
      `aws-stub: unexpected parameter ${unknown.join(', ')} for ${operation}`,
    );
  const selected = Object.entries(spec.selectors).filter(([name]) => input[name] !== undefined);
  if (spec.selectorRequired && selected.length === 0) {
    return awsJsonError(
      400,
      'DirectConnectClientException',
      `${operation} requires one of ${Object.keys(spec.selectors).join(', ')}`,
    );
  }

  const response = spec.scope === 'global' ? estate.global[operation] : estate.regions[req.region]?.[operation];
  const all = Array.isArray(response?.[spec.items]) ? (response[spec.items] as Item[]) : [];
  const matching = all.filter((item) => selected.every(([name, value]) => value(item) === input[name]));

  const offset = decodeToken(input.nextToken);
  if (offset === undefined) return awsJsonError(400, 'DirectConnectClientException', 'The nextToken is invalid.');
  const requested =
    typeof input.maxResults === 'number' ? Math.min(input.maxResults, MAX_RESULTS_CAP) : matching.length;
  const size = Math.min(requested, estate.pageSize?.[operation] ?? Number.POSITIVE_INFINITY);
  const page = matching.slice(offset, offset + size);
  const nextToken = offset + size < matching.length ? encodeToken(offset + size) : undefined;
  return awsJson(toWire({[spec.items]: page, ...(nextToken && {nextToken})}));
}

/** SDK output shape → JSON 1.1 wire: the same member names; timestamps as epoch seconds. */
export function toWire(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toWire(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, toWire(member, name)]));
  }
  if (key !== undefined && TIMESTAMP_MEMBERS.has(key) && typeof value === 'string')
    return new Date(value).getTime() / 1000;
  return value;
}

/** The 400 an IAM deny produces on a JSON 1.1 service. */
export function dxAccessDenied(
  operation: string,
  principal = 'arn:aws:iam::123456789012:user/mq-auditor',
): StubResponse {
  return awsJsonError(
    400,
    'AccessDeniedException',
    `User: ${principal} is not authorized to perform: directconnect:${operation} because no identity-based policy allows the directconnect:${operation} action`,
  );
}

/** fixtures/aws/directconnect/<region>/<Operation>.json (regional) and <Operation>.json (global). */
export function loadDxEstate(dir: string): Pick<DxEstate, 'global' | 'regions'> {
  const estate: Pick<DxEstate, 'global' | 'regions'> = {global: {}, regions: {}};
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      estate.regions[entry] = Object.fromEntries(
        readdirSync(path)
          .filter((file) => file.endsWith('.json'))
          .map((file) => [operationOf(path, file), readJson(join(path, file))]),
      );
    } else if (entry.endsWith('.json')) {
      estate.global[operationOf(dir, entry)] = readJson(path);
    }
  }
  return estate;
}

function operationOf(dir: string, file: string): DxOperation {
  const operation = file.slice(0, -5);
  if (!(operation in DX_OPERATIONS)) throw new Error(`${join(dir, file)}: no stub operation ${operation}`);
  return operation as DxOperation;
}

function readJson(path: string): Item {
  return JSON.parse(readFileSync(path, 'utf8')) as Item;
}

function encodeToken(offset: number): string {
  return Buffer.from(`dx-page:${offset}`).toString('base64');
}

function decodeToken(token: unknown): number | undefined {
  if (token === undefined) return 0;
  if (typeof token !== 'string') return undefined;
  const match = /^dx-page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
