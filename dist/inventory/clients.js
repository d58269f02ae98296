"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.AUDITED_SERVICES = exports.DEFAULT_REQUEST_TIMEOUT_MS = exports.DEFAULT_CONNECTION_TIMEOUT_MS = exports.DEFAULT_MAX_ATTEMPTS = void 0;
exports.sharedConnections = sharedConnections;
exports.createAwsClients = createAwsClients;
exports.endpointOverrides = endpointOverrides;
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
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const client_direct_connect_1 = require("@aws-sdk/client-direct-connect");
const client_ec2_1 = require("@aws-sdk/client-ec2");
const client_mq_1 = require("@aws-sdk/client-mq");
const client_sts_1 = require("@aws-sdk/client-sts");
const errors_1 = require("./errors");
/**
 * One keep-alive connection pool per scan, shared by every account's clients. Pools are per host, so the
 * 50 accounts that call mq.eu-west-1 reuse each other's sockets (and TLS sessions) instead of each account's
 * clients opening their own: at 1,000 brokers over 10 accounts, 931 connections for 2,201 calls before.
 * No socket cap: the collectors' own concurrency limits bound the calls in flight, and a call queued for a
 * socket would spend its request timeout waiting.
 */
function sharedConnections() {
    const http = new node_http_1.Agent({ keepAlive: true, maxSockets: Infinity });
    const https = new node_https_1.Agent({ keepAlive: true, maxSockets: Infinity });
    return {
        http,
        https,
        close() {
            http.destroy();
            https.destroy();
        },
    };
}
exports.DEFAULT_MAX_ATTEMPTS = 3;
exports.DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
exports.DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
function createAwsClients(options = {}) {
    const cache = new Map();
    let credentials = options.credentials;
    const baseConfig = (region) => ({
        region,
        profile: options.profile,
        endpoint: options.endpoint,
        credentials,
        maxAttempts: options.maxAttempts ?? exports.DEFAULT_MAX_ATTEMPTS,
        retryMode: 'standard',
        // The middleware stack is resolved once per command class, not on every call (a few hundred ms of CPU per
        // thousand calls). Safe here: our middlewares are added when the client is created, before its first call.
        cacheMiddleware: true,
        requestHandler: {
            connectionTimeout: options.connectionTimeoutMs ?? exports.DEFAULT_CONNECTION_TIMEOUT_MS,
            requestTimeout: options.requestTimeoutMs ?? exports.DEFAULT_REQUEST_TIMEOUT_MS,
            // Without this the handler only logs a warning when requestTimeout passes and keeps waiting.
            throwOnRequestTimeout: true,
            ...(options.connections && { httpAgent: options.connections.http, httpsAgent: options.connections.https }),
        },
    });
    const get = (service, Client, region) => {
        const key = `${service}:${region}`;
        let client = cache.get(key);
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
        mq: (region) => get('mq', client_mq_1.MqClient, region),
        ec2: (region) => get('ec2', client_ec2_1.EC2Client, region),
        sts: (region) => get('sts', client_sts_1.STSClient, region),
        directConnect: (region) => get('directconnect', client_direct_connect_1.DirectConnectClient, region),
        async organizations(region) {
            const { OrganizationsClient: Client } = await Promise.resolve().then(() => __importStar(require('@aws-sdk/client-organizations')));
            return get('organizations', Client, region);
        },
        async defaultRegion() {
            const probe = new client_sts_1.STSClient(withoutUndefined({ profile: options.profile }));
            try {
                return await probe.config.region();
            }
            catch {
                return undefined; // no region configured anywhere
            }
            finally {
                probe.destroy();
            }
        },
        destroy() {
            // A client's destroy() closes its pool: a shared one stays open for the other clients, its owner closes it.
            if (!options.connections)
                for (const client of cache.values())
                    client.destroy();
            cache.clear();
        },
    };
}
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
function reuseSigners(client) {
    const config = client.config;
    const build = config.signer;
    if (typeof build !== 'function')
        return;
    const signers = new Map();
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
function rememberSigningKey(signer) {
    const target = signer;
    const derive = target.getSigningKey;
    if (typeof derive !== 'function')
        return signer;
    let last;
    target.getSigningKey = function (credentials, region, shortDate, service) {
        if (last &&
            last.shortDate === shortDate &&
            last.region === region &&
            last.service === service &&
            sameCredentials(last.credentials, credentials))
            return last.key;
        const key = derive.call(this, credentials, region, shortDate, service);
        const entry = { credentials: { ...credentials }, region, shortDate, service, key };
        last = entry;
        key.catch(() => {
            if (last === entry)
                last = undefined;
        });
        return key;
    };
    return signer;
}
function sameCredentials(a, b) {
    return (a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey && a.sessionToken === b.sessionToken);
}
/**
 * Two middlewares on every client:
 *   - outermost (initialize step): the overall deadline, so a call is cut short wherever it is waiting
 *     (a token, a retry back-off, a slow socket);
 *   - inside the SDK's retry loop, before signing: take a token for every attempt, retries included, and
 *     tell the bucket about throttling answers. Before signing, because a long wait must not age the
 *     signature (SigV4 signatures expire after 5 minutes).
 */
function instrument(client, service, region, options) {
    const stack = client.middlewareStack;
    const { deadline, pacing, onCall } = options;
    if (deadline) {
        stack.add((next) => (args) => deadline.race(next(args)), {
            step: 'initialize',
            name: 'mqAuditDeadline',
            priority: 'high',
            override: true,
        });
    }
    if (!pacing && !onCall)
        return;
    const paced = (next, context) => async (args) => {
        const operation = operationName(context.commandName);
        const bucket = pacing?.pacer.bucket({ account: pacing.account, region, service, operation, input: args.input });
        await bucket?.acquire(deadline);
        try {
            const result = await next(args);
            bucket?.onSuccess();
            onCall?.({ service, operation, region, throttled: false });
            return result;
        }
        catch (err) {
            const throttled = (0, errors_1.classifyAwsError)(err).kind === 'throttled';
            if (throttled)
                bucket?.onThrottle();
            onCall?.({ service, operation, region, throttled });
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
function operationName(commandName) {
    return (commandName ?? 'Unknown').replace(/Command$/, '');
}
/** The services every live scan calls; Organizations only with --organization. */
exports.AUDITED_SERVICES = ['directconnect', 'ec2', 'mq', 'sts'];
/** The SDK's service ids, as used in AWS_ENDPOINT_URL_<SERVICE_ID> (spaces → underscores, upper case). */
const SDK_SERVICE_IDS = {
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
function endpointOverrides(endpoint, env = process.env, services = exports.AUDITED_SERVICES) {
    const ignoreEnv = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
    const overrides = {};
    for (const service of services) {
        const envName = `AWS_ENDPOINT_URL_${SDK_SERVICE_IDS[service].toUpperCase().replace(/ /g, '_')}`;
        const url = endpoint ?? (ignoreEnv ? undefined : env[envName] || env.AWS_ENDPOINT_URL || undefined);
        if (url)
            overrides[service] = withoutUserInfo(url);
    }
    return Object.keys(overrides).length > 0 ? overrides : undefined;
}
/** Never record `user:password@` from an endpoint URL. */
function withoutUserInfo(url) {
    try {
        const parsed = new URL(url);
        if (!parsed.username && !parsed.password)
            return url;
        parsed.username = '';
        parsed.password = '';
        return parsed.toString();
    }
    catch {
        return url;
    }
}
function withoutUndefined(config) {
    return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}
