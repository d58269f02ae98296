/**
 * Amazon MQ (REST-JSON, signing name "mq") for the stub: ListBrokers, DescribeBroker, ListTags.
 * The estate is given as DescribeBroker responses in the AWS CLI's PascalCase shape (the files in
 * fixtures/aws/mq/); the stub answers in the service's own camelCase wire JSON, so the SDK's real
 * deserializer does the mapping back.
 */
import {restJson, restJsonError} from './protocols';
import type {AwsStub, RestRoute, StubHandler, StubRequest, StubResponse} from './server';

export type DescribeBrokerFixture = Record<string, unknown> & {BrokerId: string};

export interface MqEstate {
  /** region → brokers (DescribeBroker responses, CLI shape). Regions not listed have no brokers. */
  brokers: Record<string, readonly DescribeBrokerFixture[]>;
  /** Return at most this many summaries per page even if maxResults asks for more (AWS may). */
  pageSize?: number;
}

export const MQ_ROUTES: RestRoute[] = [
  {method: 'GET', path: '/v1/brokers', operation: 'ListBrokers'},
  {method: 'GET', path: '/v1/brokers/{broker-id}', operation: 'DescribeBroker'},
  {method: 'GET', path: '/v1/tags/{resource-arn}', operation: 'ListTags'},
];

export interface MqHandlers {
  ListBrokers: StubHandler;
  DescribeBroker: StubHandler;
  ListTags: StubHandler;
}

/** ListBrokers' default page size and allowed maxResults range (MQ API reference). */
const DEFAULT_MAX_RESULTS = 20;
const MAX_RESULTS_RANGE = [1, 100] as const;

/** Register MQ's routes and default handlers; returns the handlers so a test can wrap one. */
export function installMq(stub: AwsStub, estate: MqEstate): MqHandlers {
  const handlers = mqHandlers(estate);
  stub.routes('mq', MQ_ROUTES);
  for (const [operation, handler] of Object.entries(handlers) as [string, StubHandler][])
    stub.on('mq', operation, handler);
  return handlers;
}

export function mqHandlers(estate: MqEstate): MqHandlers {
  const brokersIn = (req: StubRequest): readonly DescribeBrokerFixture[] => estate.brokers[req.region] ?? [];
  return {
    ListBrokers(req) {
      const maxResults = req.query.has('maxResults') ? Number(req.query.get('maxResults')) : DEFAULT_MAX_RESULTS;
      if (!Number.isInteger(maxResults) || maxResults < MAX_RESULTS_RANGE[0] || maxResults > MAX_RESULTS_RANGE[1]) {
        return restJsonError(
          400,
          'BadRequestException',
          `maxResults must be between ${MAX_RESULTS_RANGE[0]} and ${MAX_RESULTS_RANGE[1]}`,
        );
      }
      const offset = decodeToken(req.query.get('nextToken'));
      if (offset === undefined) return restJsonError(400, 'BadRequestException', 'The token you provided is invalid.');
      const all = brokersIn(req);
      const size = Math.min(maxResults, estate.pageSize ?? maxResults);
      const page = all.slice(offset, offset + size);
      const next = offset + size < all.length ? encodeToken(offset + size) : undefined;
      return restJson({
        brokerSummaries: page.map((broker) => toMqWire(summaryOf(broker))),
        ...(next && {nextToken: next}),
      });
    },
    DescribeBroker(req) {
      const broker = brokersIn(req).find((candidate) => candidate.BrokerId === req.params['broker-id']);
      if (!broker)
        return restJsonError(404, 'NotFoundException', `Can't find requested broker [${req.params['broker-id']}].`);
      return restJson(toMqWire(broker));
    },
    ListTags(req) {
      const broker = brokersIn(req).find((candidate) => candidate.BrokerArn === req.params['resource-arn']);
      if (!broker)
        return restJsonError(
          404,
          'NotFoundException',
          `Can't find requested resource [${req.params['resource-arn']}].`,
        );
      return restJson({tags: broker.Tags ?? {}});
    },
  };
}

/** The 403 an IAM deny produces. */
export function mqAccessDenied(
  action: string,
  resourceArn: string,
  principal = 'arn:aws:iam::123456789012:user/mq-auditor',
): StubResponse {
  return restJsonError(
    403,
    'AccessDeniedException',
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resourceArn} because no identity-based policy allows the ${action} action`,
  );
}

/** MQ's throttling answer (429, TooManyRequestsException). */
export function mqThrottled(): StubResponse {
  return restJsonError(429, 'TooManyRequestsException', 'Rate exceeded');
}

const SUMMARY_FIELDS = [
  'BrokerArn',
  'BrokerId',
  'BrokerName',
  'BrokerState',
  'Created',
  'DeploymentMode',
  'EngineType',
  'HostInstanceType',
];

function summaryOf(broker: DescribeBrokerFixture): Record<string, unknown> {
  return Object.fromEntries(
    SUMMARY_FIELDS.filter((field) => broker[field] !== undefined).map((field) => [field, broker[field]]),
  );
}

/** Keys whose values are maps with user-defined keys, which keep their spelling on the wire. */
const MAP_KEYS = new Set(['Tags']);

/** CLI shape → MQ wire JSON: camelCase member names (ConsoleURL → consoleURL), ISO-8601 UTC timestamps. */
export function toMqWire(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toMqWire(item));
  if (value === null || typeof value !== 'object')
    return key === 'Created' && typeof value === 'string' ? new Date(value).toISOString() : value;
  if (key !== undefined && MAP_KEYS.has(key)) return {...value};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, member]) => [
      name.charAt(0).toLowerCase() + name.slice(1),
      toMqWire(member, name),
    ]),
  );
}

function encodeToken(offset: number): string {
  return Buffer.from(`brokers:${offset}`).toString('base64');
}

function decodeToken(token: string | null): number | undefined {
  if (token === null) return 0;
  const match = /^brokers:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
