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
exports.AssumeRoleError = exports.UNKNOWN_ACCOUNT = exports.LIST_ACCOUNTS_PAGE_SIZE = exports.ROLE_SESSION_SECONDS = exports.ROLE_SESSION_NAME = void 0;
exports.planAccounts = planAccounts;
exports.organizationsRegion = organizationsRegion;
exports.callerIdentity = callerIdentity;
exports.assumedRole = assumedRole;
const client_sts_1 = require("@aws-sdk/client-sts");
const errors_1 = require("./errors");
const paginate_1 = require("./paginate");
const regions_1 = require("./regions");
const selection_1 = require("./selection");
exports.ROLE_SESSION_NAME = 'mq-audit';
/** One hour: the default maximum session of an IAM role. */
exports.ROLE_SESSION_SECONDS = 3600;
/** Re-assume a role this long before its session expires. */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** ListAccounts accepts 1–20. */
exports.LIST_ACCOUNTS_PAGE_SIZE = 20;
exports.UNKNOWN_ACCOUNT = 'unknown';
/** Which accounts to scan, after --account, --exclude-account and --shard. */
async function planAccounts(clients, options, homeRegion) {
    const filters = { include: options.include, exclude: options.exclude, shard: options.shard };
    if (options.organizationRoleName !== undefined)
        return planOrganization(clients, options.organizationRoleName, homeRegion, filters);
    if (options.roleArns && options.roleArns.length > 0)
        return planRoleArns(options.roleArns, filters);
    const identity = await callerIdentity(clients, homeRegion);
    const target = 'error' in identity
        ? { accountId: exports.UNKNOWN_ACCOUNT, partition: (0, regions_1.partitionOfRegion)(homeRegion), identityError: identity.error }
        : { accountId: identity.accountId, partition: identity.partition };
    // An account whose id STS would not tell us cannot be placed in a shard: the first shard scans it.
    const inShard = target.accountId === exports.UNKNOWN_ACCOUNT
        ? (options.shard?.index ?? 1) === 1
        : (0, selection_1.selectAccounts)([target], { shard: options.shard }).selected.length > 0;
    return {
        targets: inShard ? [target] : [],
        ...(options.shard && { selection: { source: 'caller', shard: options.shard } }),
        errors: [],
    };
}
function planRoleArns(roleArns, filters) {
    const byAccount = new Map();
    for (const arn of roleArns) {
        const role = (0, selection_1.parseRoleArn)(arn);
        // The flag parser rejects malformed ARNs; this guards library callers.
        if (!role)
            throw new RangeError(`not an IAM role ARN: ${arn}`);
        if (!byAccount.has(role.accountId))
            byAccount.set(role.accountId, { accountId: role.accountId, partition: role.partition, roleArn: role.arn });
    }
    const { selected, excluded } = (0, selection_1.selectAccounts)([...byAccount.values()], filters);
    return {
        targets: selected,
        selection: selectionInfo('role-arn', undefined, filters.shard, excluded.map(excludedAccount)),
        errors: [],
    };
}
async function planOrganization(clients, roleName, homeRegion, filters) {
    const region = organizationsRegion(homeRegion);
    let listed;
    try {
        // Loaded only here: a scan without --organization never pays for the Organizations client.
        const { paginateListAccounts } = await Promise.resolve().then(() => __importStar(require('@aws-sdk/client-organizations')));
        const client = await clients.organizations(region);
        listed = await (0, paginate_1.drainPaginator)(paginateListAccounts({ client, pageSize: exports.LIST_ACCOUNTS_PAGE_SIZE }, {}), (page) => ({
            items: page.Accounts,
            nextToken: page.NextToken,
        }));
    }
    catch (err) {
        const error = (0, errors_1.toCollectionError)(err, { service: 'organizations', operation: 'ListAccounts', region });
        return { targets: [], selection: selectionInfo('organization', roleName, filters.shard, []), errors: [error] };
    }
    const errors = [];
    const candidates = [];
    for (const account of listed) {
        if (!account.Id || !(0, selection_1.isAccountId)(account.Id)) {
            errors.push({
                service: 'organizations',
                operation: 'ListAccounts',
                region,
                code: 'MalformedResponse',
                kind: 'malformed-response',
                message: `ListAccounts returned an account without a 12-digit Id (${JSON.stringify(account.Id ?? null)}); it was not scanned`,
            });
            continue;
        }
        const partition = account.Arn?.split(':')[1] || (0, regions_1.partitionOfRegion)(homeRegion);
        candidates.push({
            accountId: account.Id,
            partition,
            ...(account.Name && { name: account.Name }),
            roleArn: (0, selection_1.roleArnFor)(partition, account.Id, roleName),
            // `Status` is being retired in favour of `State`; read both.
            state: account.State ?? account.Status ?? 'ACTIVE',
        });
    }
    const { selected, excluded } = (0, selection_1.selectAccounts)(candidates, filters);
    const notActive = selected.filter((account) => account.state !== 'ACTIVE');
    const skipped = [
        ...excluded.map(excludedAccount),
        ...notActive.map((account) => ({
            accountId: account.accountId,
            ...(account.name && { name: account.name }),
            reason: 'not-active',
            state: account.state,
        })),
    ];
    const targets = selected.filter((account) => account.state === 'ACTIVE').map(({ state: _state, ...target }) => target);
    return { targets, selection: selectionInfo('organization', roleName, filters.shard, skipped), errors };
}
function selectionInfo(source, roleName, shard, skipped) {
    return {
        source,
        ...(roleName !== undefined && { roleName }),
        ...(shard && { shard }),
        ...(skipped.length > 0 && {
            skipped: [...skipped].sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)),
        }),
    };
}
function excludedAccount(target) {
    return { accountId: target.accountId, ...(target.name && { name: target.name }), reason: 'excluded' };
}
/** Organizations has one endpoint per partition. */
function organizationsRegion(homeRegion) {
    switch ((0, regions_1.partitionOfRegion)(homeRegion)) {
        case 'aws':
            return 'us-east-1';
        case 'aws-cn':
            return 'cn-northwest-1';
        case 'aws-us-gov':
            return 'us-gov-west-1';
        default:
            return homeRegion;
    }
}
async function callerIdentity(clients, region) {
    try {
        const output = await clients.sts(region).send(new client_sts_1.GetCallerIdentityCommand({}));
        const partition = output.Arn?.split(':')[1];
        if (!output.Account || !partition) {
            return {
                error: {
                    service: 'sts',
                    operation: 'GetCallerIdentity',
                    region,
                    code: 'MalformedResponse',
                    kind: 'malformed-response',
                    message: 'GetCallerIdentity returned no Account or Arn',
                },
            };
        }
        return { accountId: output.Account, partition };
    }
    catch (err) {
        return { error: (0, errors_1.toCollectionError)(err, { service: 'sts', operation: 'GetCallerIdentity', region }) };
    }
}
/**
 * Credentials for `roleArn`, obtained with the caller's STS client in `region` (the regional endpoint: only
 * the caller's account is charged for AssumeRole). Concurrent callers share one AssumeRole call.
 */
function assumedRole(clients, region, roleArn, externalId, accountId) {
    let session;
    const fetch = async () => {
        let output;
        try {
            output = await clients.sts(region).send(new client_sts_1.AssumeRoleCommand({
                RoleArn: roleArn,
                RoleSessionName: exports.ROLE_SESSION_NAME,
                DurationSeconds: exports.ROLE_SESSION_SECONDS,
                ...(externalId !== undefined && { ExternalId: externalId }),
            }));
        }
        catch (err) {
            throw new AssumeRoleError((0, errors_1.toCollectionError)(err, { service: 'sts', operation: 'AssumeRole', region, accountId, resource: roleArn }));
        }
        const creds = output.Credentials;
        if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) {
            throw new AssumeRoleError({
                accountId,
                service: 'sts',
                operation: 'AssumeRole',
                region,
                resource: roleArn,
                code: 'MalformedResponse',
                kind: 'malformed-response',
                message: 'AssumeRole returned no complete credentials',
            });
        }
        return {
            accessKeyId: creds.AccessKeyId,
            secretAccessKey: creds.SecretAccessKey,
            sessionToken: creds.SessionToken,
            ...(creds.Expiration && { expiration: creds.Expiration }),
        };
    };
    const current = () => {
        session ??= fetch();
        return session;
    };
    return {
        async credentials() {
            const credentials = await current();
            if (credentials.expiration && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS) {
                // Whoever notices first starts the refresh; the others pick up the same promise.
                if (session !== undefined && (await session) === credentials)
                    session = fetch();
                return current();
            }
            return credentials;
        },
        async assume() {
            try {
                await current();
            }
            catch (error) {
                session = undefined;
                throw error;
            }
        },
    };
}
/**
 * AssumeRole failed. Named after the AWS error code, so a call whose credentials could not be refreshed
 * mid-scan is classified like the AssumeRole failure itself.
 */
class AssumeRoleError extends Error {
    collectionError;
    code;
    constructor(collectionError) {
        super(`could not assume ${collectionError.resource ?? 'the role'}: ${collectionError.message}`);
        this.collectionError = collectionError;
        this.name = collectionError.code;
        this.code = collectionError.code;
    }
}
exports.AssumeRoleError = AssumeRoleError;
