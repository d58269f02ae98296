/**
 * The one place AWS SDK clients are configured. Clients are created on first use and cached per
 * (service, region): each client owns its connection pool and retry quota, so reuse matters.
 *
 * Credentials: the SDK default chain (env, SSO, shared config, process, IMDS …); a `profile` is passed as
 * the client `profile` option. All clients share the first client's credential provider so a profile that
 * assumes a role (or prompts for MFA) resolves once per run, not once per service × region.
 *
 * Endpoints: the SDK itself honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (and `endpoint_url` in
 * the shared config), so LocalStack/moto work unmodified. An explicit `endpoint` (the CLI's --endpoint-url)
 * overrides every service.
 *
 * This module imports the SDK at load time; it is reached only through src/inventory/index.ts, which the
 * service loads with `await import(...)`, so `--help` never pays for @aws-sdk/*.
 */
import {Agent as HttpAgent} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';

import {DirectConnectClient} from '@aws-sdk/client-direct-connect';
import {EC2Client} from '@aws-sdk/client-ec2';
import {MqClient} from '@aws-sdk/client-mq';
import {STSClient} from '@aws-sdk/client-sts';

import type {OrganizationsClient} from '@aws-sdk/client-organizations';

import type {AwsService} from '../snapshot/types';
import type {Deadline} from './deadline';
import {classifyAwsError} from './errors';
import type {PacedService, Pacer} from './pacing';

export interface ClientOptions {
  profile?: string;
  /** Overrides the endpoint of every service (e.g. http://localhost:4566). */
  endpoint?: string;
  /** Total attempts per call, first one included (SDK standard retry mode). Default 3. */
  maxAttempts?: number;
  /** Abandon a connection attempt after this long. Default 5 s. */
  connectionTimeoutMs?: number;
  /** Abandon a request (send → full response) after this long. Default 10 s. */
  requestTimeoutMs?: number;
  /** Credentials for every client (e.g. an assumed role); default: the SDK chain, resolved once. */
  credentials?: CredentialProvider;
  /** Take a token from `pacer` before every attempt; `account` names whose buckets (see ./pacing). */
  pacing?: {pacer: Pacer; account: string};
  /** Cut every call short when the overall deadline passes. */
  deadline?: Deadline;
  /** Told about every attempt once it is answered (progress: calls, throttles). */
  onCall?: (call: CallRecord) => void;
  /** Connection pools shared with other clients (see sharedConnections); their owner closes them, not destroy(). */
  connections?: SharedConnections;
}

export interface SharedConnections {
  http: HttpAgent;
  https: HttpsAgent;
  /** Close every pooled socket. */
  close(): void;
}

/**
 * One keep-alive connection pool per scan, shared by every account's clients. Pools are per host, so the
 * 50 accounts that call mq.eu-west-1 reuse each other's sockets (and TLS sessions) instead of each account's
 * clients opening their own: at 1,000 brokers over 10 accounts, 931 connections for 2,201 calls before.
 * No socket cap: the collectors' own concurrency limits bound the calls in flight, and a call queued for a
 * socket would spend its request timeout waiting.
 */
export function sharedConnections(): SharedConnections {
  const http = new HttpAgent({keepAlive: true, maxSockets: Infinity});
  const https = new HttpsAgent({keepAlive: true, maxSockets: Infinity});
  return {
    http,
    https,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

export interface CallRecord {
  service: PacedService;
  operation: string;
  region: string;
  /** Answered with a throttling error. */
  throttled: boolean;
}

export interface AwsClients {
  mq(region: string): MqClient;
  ec2(region: string): EC2Client;
  sts(region: string): STSClient;
  directConnect(region: string): DirectConnectClient;
  /** AWS Organizations (one global endpoint per partition); loaded on first use, only --organization needs it. */
  organizations(region: string): Promise<OrganizationsClient>;
  /** The region the SDK resolves without one being given (AWS_REGION, the profile's `region`), if any. */
  defaultRegion(): Promise<string | undefined>;
  /** Close every client's sockets. */
  destroy(): void;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

type SdkClient = DirectConnectClient | EC2Client | MqClient | OrganizationsClient | STSClient;
type ClientConstructor<C extends SdkClient> = new (config: Record<string, unknown>) => C;
type SharedCredentials = STSClient['config']['credentials'];

export function createAwsClients(options: ClientOptions = {}): AwsClients {
  const cache = new Map<string, SdkClient>();
  let credentials: SharedCredentials | CredentialProvider | undefined = options.credentials;

  const baseConfig = (region: string | undefined): Record<string, unknown> => ({
    region,
    profile: options.profile,
    endpoint: options.endpoint,
    credentials,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    // The middleware stack is resolved once per command class, not on every call (a few hundred ms of CPU per
    // thousand calls). Safe here: our middlewares are added when the client is created, before its first call.
    cacheMiddleware: true,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without this the handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
      ...(options.connections && {httpAgent: options.connections.http, httpsAgent: options.connections.https}),
    },
  });

  const get = <C extends SdkClient>(service: PacedService, Client: ClientConstructor<C>, region: string): C => {
    const key = `${service}:${region}`;
    let client = cache.get(key) as C | undefined;
    if (!client) {
      client = new Client(withoutUndefined(baseConfig(region)));
      credentials ??= client.config.credentials;
      reuseSigners(client);
      instrument(client, service, region, options);
      cache.set(key, client);
    }
    return client;
  };

  return {
    mq: (region) => get('mq', MqClient, region),
    ec2: (region) => get('ec2', EC2Client, region),
    sts: (region) => get('sts', STSClient, region),
    directConnect: (region) => get('directconnect', DirectConnectClient, region),
    async organizations(region) {
      const {OrganizationsClient: Client} = await import('@aws-sdk/client-organizations');
      return get('organizations', Client, region);
    },
    async defaultRegion() {
      const probe = new STSClient(withoutUndefined({profile: options.profile}));
      try {
        return await probe.config.region();
      } catch {
        return undefined; // no region configured anywhere
      } finally {
        probe.destroy();
      }
    },
    destroy() {
      // A client's destroy() closes its pool: a shared one stays open for the other clients, its owner closes it.
      if (!options.connections) for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
}

/** The SDK's signer factory and signer, as far as we touch them (typed here so no @smithy type import is needed). */
type SignerFactory = (authScheme?: {signingRegion?: string; signingName?: string}) => Promise<unknown>;
type DeriveSigningKey = (
  credentials: AwsCredentials,
  region: string,
  shortDate: string,
  service?: string,
) => Promise<Uint8Array>;

/**
 * One SigV4 signer per client and signing scope, each remembering its signing key. Left alone, the SDK builds a
 * new signer for every request (a copy of the whole client config), and derives every request's signing key
 * anew (four HMACs): its key cache is one for the process, 50 entries, and a scan signs for more account ×
 * region × service scopes than that (150 at ten accounts), so it never hits. Together that was about 0.2 ms of
 * CPU per call, a tenth of a large scan's collection.
 * It signs the same: date, region and service are given to every sign() call, the credentials provider is asked
 * on every call, and the remembered key is used only for the same date, scope and credentials (refreshed role
 * credentials derive a new one).
 */
function reuseSigners(client: SdkClient): void {
  const config = client.config as unknown as {signer?: SignerFactory};
  const build = config.signer;
  if (typeof build !== 'function') return;
  const signers = new Map<string, Promise<unknown>>();
  config.signer = (authScheme) => {
    const scope = `${authScheme?.signingRegion}|${authScheme?.signingName}`;
    let signer = signers.get(scope);
    if (!signer) {
      signer = build(authScheme).then(rememberSigningKey);
      signers.set(scope, signer);
      // A failure (the region not resolvable yet, say) is not remembered: the next call tries again.
      signer.catch(() => signers.delete(scope));
    }
    return signer;
  };
}

/** The signer's last signing key, reused while the date, scope and credentials are the same. */
function rememberSigningKey(signer: unknown): unknown {
  const target = signer as {getSigningKey?: DeriveSigningKey};
  const derive = target.getSigningKey;
  if (typeof derive !== 'function') return signer;
  let last:
    | {credentials: AwsCredentials; region: string; shortDate: string; service?: string; key: Promise<Uint8Array>}
    | undefined;
  target.getSigningKey = function (credentials, region, shortDate, service) {
    if (
      last &&
      last.shortDate === shortDate &&
      last.region === region &&
      last.service === service &&
      sameCredentials(last.credentials, credentials)
    )
      return last.key;
    const key = derive.call(this, credentials, region, shortDate, service);
    const entry = {credentials: {...credentials}, region, shortDate, service, key};
    last = entry;
    key.catch(() => {
      if (last === entry) last = undefined;
    });
    return key;
  };
  return signer;
}

function sameCredentials(a: AwsCredentials, b: AwsCredentials): boolean {
  return (
    a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey && a.sessionToken === b.sessionToken
  );
}

/** The slice of the SDK's middleware stack we use (typed here so no @smithy type import is needed). */
type Handler = (args: {input?: unknown}) => Promise<unknown>;
type Middleware = (next: Handler, context: {commandName?: string}) => Handler;
interface InstrumentableStack {
  add(middleware: Middleware, options: {step: 'initialize'; name: string; priority: 'high'; override: boolean}): void;
  addRelativeTo(
    middleware: Middleware,
    options: {relation: 'after'; toMiddleware: string; name: string; override: boolean},
  ): void;
}

/**
 * Two middlewares on every client:
 *   - outermost (initialize step): the overall deadline, so a call is cut short wherever it is waiting
 *     (a token, a retry back-off, a slow socket);
 *   - inside the SDK's retry loop, before signing: take a token for every attempt, retries included, and
 *     tell the bucket about throttling answers. Before signing, because a long wait must not age the
 *     signature (SigV4 signatures expire after 5 minutes).
 */
function instrument(client: SdkClient, service: PacedService, region: string, options: ClientOptions): void {
  const stack = client.middlewareStack as unknown as InstrumentableStack;
  const {deadline, pacing, onCall} = options;
  if (deadline) {
    stack.add((next) => (args) => deadline.race(next(args)), {
      step: 'initialize',
      name: 'mqAuditDeadline',
      priority: 'high',
      override: true,
    });
  }
  if (!pacing && !onCall) return;
  const paced: Middleware = (next, context) => async (args) => {
    const operation = operationName(context.commandName);
    const bucket = pacing?.pacer.bucket({account: pacing.account, region, service, operation, input: args.input});
    await bucket?.acquire(deadline);
    try {
      const result = await next(args);
      bucket?.onSuccess();
      onCall?.({service, operation, region, throttled: false});
      return result;
    } catch (err) {
      const throttled = classifyAwsError(err).kind === 'throttled';
      if (throttled) bucket?.onThrottle();
      onCall?.({service, operation, region, throttled});
      throw err;
    }
  };
  stack.addRelativeTo(paced, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'mqAuditPacing',
    override: true,
  });
}

/** `DescribeBrokerCommand` → `DescribeBroker`. */
function operationName(commandName: string | undefined): string {
  return (commandName ?? 'Unknown').replace(/Command$/, '');
}

/** The services every live scan calls; Organizations only with --organization. */
export const AUDITED_SERVICES: readonly AwsService[] = ['directconnect', 'ec2', 'mq', 'sts'];

/** The SDK's service ids, as used in AWS_ENDPOINT_URL_<SERVICE_ID> (spaces → underscores, upper case). */
const SDK_SERVICE_IDS: Record<AwsService, string> = {
  directconnect: 'Direct Connect',
  ec2: 'EC2',
  mq: 'mq',
  organizations: 'Organizations',
  sts: 'STS',
};

/**
 * The endpoints the clients will use when they are not AWS's own, for the snapshot's `collection.endpoints`.
 * Mirrors the SDK's precedence: explicit option, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL
 * (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS). `endpoint_url` in the shared config file is not read here.
 */
export function endpointOverrides(
  endpoint: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  services: readonly AwsService[] = AUDITED_SERVICES,
): Partial<Record<AwsService, string>> | undefined {
  const ignoreEnv = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
  const overrides: Partial<Record<AwsService, string>> = {};
  for (const service of services) {
    const envName = `AWS_ENDPOINT_URL_${SDK_SERVICE_IDS[service].toUpperCase().replace(/ /g, '_')}`;
    const url = endpoint ?? (ignoreEnv ? undefined : env[envName] || env.AWS_ENDPOINT_URL || undefined);
    if (url) overrides[service] = withoutUserInfo(url);
  }
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}

/** Never record `user:password@` from an endpoint URL. */
function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function withoutUndefined(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}
