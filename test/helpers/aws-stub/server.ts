/**
 * A local stand-in for AWS service endpoints, on 127.0.0.1 and a random port, for tests and benchmarks that
 * drive the real SDK (its serializers, signing, retries, error parsing) end to end.
 *
 * Point the SDK at it with AWS_ENDPOINT_URL=stub.url (or the collector's `endpoint` option). Every request
 * is routed by the SigV4 credential scope in its Authorization header
 * (`Credential=AKID/20261125/eu-west-1/mq/aws4_request` → service "mq", region "eu-west-1"), then the
 * operation is found by protocol:
 *   - JSON 1.0/1.1 (Direct Connect, …):  X-Amz-Target "OvertureService.DescribeConnections" → DescribeConnections
 *   - query / EC2 query (STS, EC2):      form field Action=GetCallerIdentity
 *   - REST-JSON (MQ):                    method + path against routes declared with `stub.routes(service, …)`
 * and handed to the handler registered with `stub.on(service, operation, handler)`.
 *
 * Benchmarks add `latencyMs` (fixed or per request) and gates (e.g. `tokenBucketGate` in ./throttle) that
 * may answer before the handler does.
 */
import {createServer} from 'node:http';
import type {IncomingHttpHeaders, IncomingMessage, Server, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

import {notImplemented, protocolOf, requestId, unsignedRequest} from './protocols';
import type {Protocol} from './protocols';

export interface StubRequest {
  /** Signing name from the credential scope: mq, ec2, sts, directconnect, … */
  service: string;
  region: string;
  /** Empty when no operation could be resolved. */
  operation: string;
  protocol: Protocol;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** REST: path parameters (decoded). Query protocols: the form fields. JSON protocols: empty. */
  params: Record<string, string>;
  /** JSON protocols: the parsed body. */
  json?: unknown;
}

export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type StubHandler = (req: StubRequest) => StubResponse | Promise<StubResponse>;

/** Runs before the handler; returning a response answers the request without calling the handler. */
export type StubGate = (req: StubRequest) => StubResponse | undefined | Promise<StubResponse | undefined>;

export type Latency = number | ((req: StubRequest) => number);

export interface RestRoute {
  method: string;
  /** e.g. '/v1/brokers/{broker-id}'; a `{name}` segment matches one path segment. */
  path: string;
  operation: string;
}

export interface RecordedRequest {
  service: string;
  region: string;
  operation: string;
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  status: number;
}

export interface AwsStubOptions {
  latencyMs?: Latency;
  gates?: StubGate[];
}

export interface AwsStub {
  /** e.g. http://127.0.0.1:43817 */
  readonly url: string;
  readonly port: number;
  /** Every request answered so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Register (or replace) the handler for one operation. */
  on(service: string, operation: string, handler: StubHandler): AwsStub;
  /** Declare the REST routes of a REST-protocol service. */
  routes(service: string, routes: RestRoute[]): AwsStub;
  /** Add a gate (runs in the order added, before the handler). */
  use(gate: StubGate): AwsStub;
  setLatency(latency: Latency): AwsStub;
  /** Requests seen for a service (and operation). */
  count(service: string, operation?: string): number;
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  connectionsAccepted(): number;
  /** Forget recorded requests (handlers and routes stay). */
  clearRequests(): void;
  close(): Promise<void>;
}

const CREDENTIAL_SCOPE = /Credential=[^/\s,]+\/\d{8}\/([^/\s,]+)\/([^/\s,]+)\/aws4_request/;

export async function startAwsStub(options: AwsStubOptions = {}): Promise<AwsStub> {
  const handlers = new Map<string, StubHandler>();
  const restRoutes = new Map<string, CompiledRoute[]>();
  const gates: StubGate[] = [...(options.gates ?? [])];
  const requests: RecordedRequest[] = [];
  let latency: Latency = options.latencyMs ?? 0;

  const handle = async (req: StubRequest): Promise<StubResponse> => {
    for (const gate of gates) {
      const answer = await gate(req);
      if (answer) return answer;
    }
    const handler = handlers.get(key(req.service, req.operation));
    return handler ? handler(req) : notImplemented(req);
  };

  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing, restRoutes, handle, latency, requests);
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;

  const stub: AwsStub = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    on(service, operation, handler) {
      handlers.set(key(service, operation), handler);
      return stub;
    },
    routes(service, routes) {
      restRoutes.set(service, [...(restRoutes.get(service) ?? []), ...routes.map(compileRoute)]);
      return stub;
    },
    use(gate) {
      gates.push(gate);
      return stub;
    },
    setLatency(value) {
      latency = value;
      return stub;
    },
    count(service, operation) {
      return requests.filter((r) => r.service === service && (operation === undefined || r.operation === operation))
        .length;
    },
    connectionsAccepted: () => connections,
    clearRequests() {
      requests.length = 0;
    },
    close: () => closeServer(server),
  };
  return stub;
}

async function serve(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  restRoutes: Map<string, CompiledRoute[]>,
  handle: (req: StubRequest) => Promise<StubResponse>,
  latency: Latency,
  requests: RecordedRequest[],
): Promise<void> {
  const body = await readBody(incoming);
  const url = new URL(incoming.url ?? '/', 'http://stub');
  const scope = CREDENTIAL_SCOPE.exec(String(incoming.headers.authorization ?? ''));
  const base = {
    service: scope?.[2] ?? '',
    region: scope?.[1] ?? '',
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body,
  };
  const req: StubRequest = {...base, protocol: protocolOf(base), ...resolveOperation(base, restRoutes)};

  let response: StubResponse;
  try {
    response = scope ? await handle(req) : unsignedRequest(req);
    const delay = typeof latency === 'function' ? latency(req) : latency;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  } catch (err) {
    response = {status: 500, headers: {'content-type': 'text/plain'}, body: `stub handler failed: ${String(err)}`};
  }
  requests.push({
    service: req.service,
    region: req.region,
    operation: req.operation,
    method: req.method,
    path: req.path,
    params: req.params,
    query: Object.fromEntries(req.query),
    status: response.status,
  });
  if (outgoing.destroyed) return;
  const payload = response.body ?? '';
  outgoing.writeHead(response.status, {
    'content-length': String(Buffer.byteLength(payload)),
    'x-amzn-requestid': requestId(),
    ...response.headers,
  });
  outgoing.end(payload);
}

type RequestBase = Pick<StubRequest, 'service' | 'method' | 'path' | 'query' | 'headers' | 'body'>;

function resolveOperation(
  req: RequestBase,
  restRoutes: Map<string, CompiledRoute[]>,
): Pick<StubRequest, 'operation' | 'params' | 'json'> {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    return {operation: target.slice(target.lastIndexOf('.') + 1), params: {}, json: parseJson(req.body)};
  }
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const params = Object.fromEntries(new URLSearchParams(req.body));
    return {operation: params.Action ?? '', params};
  }
  for (const route of restRoutes.get(req.service) ?? []) {
    const params = route.match(req.method, req.path);
    if (params) return {operation: route.operation, params, json: parseJson(req.body)};
  }
  return {operation: '', params: {}};
}

interface CompiledRoute {
  operation: string;
  match(method: string, path: string): Record<string, string> | undefined;
}

function compileRoute(route: RestRoute): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}/?$`);
  return {
    operation: route.operation,
    match(method, path) {
      if (method.toUpperCase() !== route.method.toUpperCase()) return undefined;
      const found = regex.exec(path);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
    },
  };
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function closeServer(server: Server): Promise<void> {
  // The SDK keeps connections alive; close them or close() waits for their idle timeout.
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

function key(service: string, operation: string): string {
  return `${service}\u0000${operation}`;
}
