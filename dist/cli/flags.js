"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.displayFlags = exports.onPremFlag = exports.configFlag = exports.redactFlag = exports.LIVE_ONLY_FLAGS = exports.progressFlag = exports.collectionFlags = void 0;
exports.liveOptions = liveOptions;
exports.endpointNotice = endpointNotice;
exports.onPremCidrs = onPremCidrs;
exports.formatFromFile = formatFromFile;
exports.reportFormat = reportFormat;
exports.tableOptions = tableOptions;
exports.checkBrokerFilter = checkBrokerFilter;
exports.terminalColumns = terminalColumns;
/** Flags shared by the commands that read an estate (live or from an inventory file). */
const core_1 = require("@oclif/core");
const errors_1 = require("../foundation/errors");
const deadline_1 = require("../inventory/deadline");
const region_names_1 = require("../inventory/region-names");
const selection_1 = require("../inventory/selection");
const cidr_1 = require("../network/cidr");
const index_1 = require("../report/index");
const table_compact_1 = require("../report/table-compact");
const nearest_1 = require("../foundation/nearest");
const terminal_1 = require("../foundation/terminal");
const redact_1 = require("../report/redact");
exports.collectionFlags = {
    region: core_1.Flags.string({
        char: 'r',
        multiple: true,
        summary: 'AWS region to inventory (repeatable). Defaults to AWS_REGION / AWS_DEFAULT_REGION.',
        helpGroup: 'COLLECTION',
    }),
    'all-regions': core_1.Flags.boolean({
        summary: 'Inventory every region enabled for the account; regions where Amazon MQ is not offered are skipped.',
        helpGroup: 'COLLECTION',
    }),
    profile: core_1.Flags.string({
        summary: 'Named AWS profile to use (default: the SDK credential chain, i.e. env vars, AWS_PROFILE, SSO, instance role).',
        helpGroup: 'COLLECTION',
    }),
    'endpoint-url': core_1.Flags.string({
        summary: 'Send every AWS call to this endpoint (LocalStack, moto, a test server). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> also work.',
        helpGroup: 'COLLECTION',
    }),
    'role-arn': core_1.Flags.string({
        multiple: true,
        summary: 'Scan the account of this IAM role, assuming it (repeatable; session name mq-audit).',
        helpGroup: 'ACCOUNTS',
        exclusive: ['organization'],
    }),
    'external-id': core_1.Flags.string({
        summary: 'ExternalId to pass when assuming --role-arn / --role-name roles.',
        helpGroup: 'ACCOUNTS',
    }),
    organization: core_1.Flags.boolean({
        summary: 'Scan every active account of the AWS Organization (ListAccounts from the management or a delegated administrator account); needs --role-name.',
        helpGroup: 'ACCOUNTS',
        dependsOn: ['role-name'],
    }),
    'role-name': core_1.Flags.string({
        summary: 'With --organization: the role (name or path/name) to assume in each account.',
        helpGroup: 'ACCOUNTS',
        dependsOn: ['organization'],
    }),
    account: core_1.Flags.string({
        multiple: true,
        summary: 'Scan only this account id (repeatable); selects among --role-arn or --organization accounts.',
        helpGroup: 'ACCOUNTS',
    }),
    'exclude-account': core_1.Flags.string({
        multiple: true,
        summary: 'Do not scan this account id (repeatable); recorded in the inventory as excluded.',
        helpGroup: 'ACCOUNTS',
    }),
    shard: core_1.Flags.string({
        summary: 'Scan only shard I of N (e.g. 2/4): accounts are split by a stable hash of their id, so N CI jobs scan in parallel (docs/scale.md).',
        helpGroup: 'ACCOUNTS',
    }),
    deadline: core_1.Flags.string({
        summary: 'Overall time limit (e.g. 15m, 90s, 1h30m): calls still outstanding are cut short and reported as timeouts (exit 3).',
        helpGroup: 'COLLECTION',
    }),
    'rate-headroom': core_1.Flags.string({
        summary: "Fraction of AWS's documented API rates to use, in (0, 1]. [default: 0.5, leaving half for the account's own automation]",
        helpGroup: 'COLLECTION',
    }),
};
/** Progress on stderr: on by default only for a terminal outside CI (see src/cli/progress.ts). */
exports.progressFlag = {
    progress: core_1.Flags.boolean({
        allowNo: true,
        summary: 'Show collection progress on stderr (accounts, regions, brokers, calls, throttles). Default: only when stderr is a terminal, not in CI (CI=true) and not with JSON output.',
        helpGroup: 'OUTPUT',
    }),
};
/** The live-collection flags `scan --inventory` cannot be combined with. */
exports.LIVE_ONLY_FLAGS = [
    'region',
    'all-regions',
    'profile',
    'endpoint-url',
    'role-arn',
    'external-id',
    'organization',
    'role-name',
    'account',
    'exclude-account',
    'shard',
    'deadline',
    'rate-headroom',
];
/** `--redact` / `--no-redact` (scan, paths); without either, the config's `defaults.redact`. */
exports.redactFlag = {
    redact: core_1.Flags.boolean({
        allowNo: true,
        summary: `Replace AWS account ids with stable aliases (account-<8 hex>) in everything written, errors and warnings included; set ${redact_1.REDACT_KEY_ENV} (a secret) so an alias cannot be checked against a guessed id.`,
        description: "Default: the config's defaults.redact, else off. The aliases are the same in every command and format for the same key, so a paths diagram and a scan report name an account alike.",
        helpGroup: 'OUTPUT',
    }),
};
exports.configFlag = {
    config: core_1.Flags.string({
        char: 'c',
        summary: 'Config file with the production selector, policy parameters and flag defaults.',
        description: 'Defaults to .mq-audit/config.json in the current folder when that file exists.',
    }),
};
/** Live-collection options from flags, then config defaults, then the AWS environment. */
function liveOptions(flags, config) {
    const defaults = config.defaults;
    const envRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const regions = flags.region ?? defaults.region ?? (envRegion ? [envRegion] : []);
    const allRegions = flags['all-regions'] ?? defaults['all-regions'] ?? false;
    if (regions.length === 0 && !allRegions) {
        throw new errors_1.InputError('--region', 'no region given: pass --region REGION (repeatable), --all-regions, or set AWS_REGION; or scan a saved inventory with --inventory FILE');
    }
    // A name AWS does not have (us-east-9, eu-wset-1) is bad input, with the closest names; see inventory/region-names.
    regions.forEach((region, index) => {
        const problem = (0, region_names_1.regionProblem)(region);
        if (problem === undefined)
            return;
        if (flags.region)
            throw new errors_1.InputError('--region', problem);
        if (defaults.region)
            throw new errors_1.InputError(config.source ?? 'config file', problem, `/defaults/region/${index}`);
        throw new errors_1.InputError(process.env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION', problem);
    });
    const deadlineMs = flags.deadline === undefined ? undefined : (0, deadline_1.parseDuration)(flags.deadline);
    if (flags.deadline !== undefined && deadlineMs === undefined) {
        throw new errors_1.InputError('--deadline', `"${flags.deadline}" is not a duration: expected e.g. 15m, 90s, 1h30m or 500ms`);
    }
    return {
        regions,
        allRegions,
        profile: flags.profile ?? defaults.profile,
        endpoint: flags['endpoint-url'] ?? defaults['endpoint-url'],
        accounts: accountOptions(flags),
        ...(deadlineMs !== undefined && { deadlineMs, deadlineLabel: (0, deadline_1.formatDuration)(deadlineMs) }),
        ...(flags['rate-headroom'] !== undefined && { rateHeadroom: rateHeadroom(flags['rate-headroom']) }),
    };
}
/**
 * A notice for stderr when AWS calls go somewhere that is not AWS (--endpoint-url, AWS_ENDPOINT_URL*), so a log
 * shows where the signed calls went.
 */
function endpointNotice(endpoint, env = process.env) {
    const fromEnv = Object.keys(env)
        .filter((name) => name === 'AWS_ENDPOINT_URL' || name.startsWith('AWS_ENDPOINT_URL_'))
        .sort()
        .map((name) => `${env[name]} (${name})`);
    const targets = [...(endpoint ? [`${endpoint} (--endpoint-url)`] : []), ...fromEnv];
    return targets.length === 0 ? undefined : `Note: AWS calls go to ${targets.join(', ')}, not to AWS's own endpoints.`;
}
/** --role-arn / --organization / --account / --exclude-account / --shard, checked. */
function accountOptions(flags) {
    const roleArns = flags['role-arn'] ?? [];
    for (const arn of roleArns) {
        if (!(0, selection_1.parseRoleArn)(arn))
            throw new errors_1.InputError('--role-arn', `"${arn}" is not an IAM role ARN (expected arn:aws:iam::123456789012:role/NAME)`);
    }
    if (flags.organization && !flags['role-name'])
        throw new errors_1.InputError('--organization', 'needs --role-name NAME: the role to assume in each account');
    const roleName = flags['role-name'];
    if (roleName !== undefined && !(0, selection_1.isRoleName)(roleName))
        throw new errors_1.InputError('--role-name', `"${roleName}" is not an IAM role name (letters, digits and +=,.@_- ; a path adds /)`);
    const include = flags.account ?? [];
    const exclude = flags['exclude-account'] ?? [];
    for (const [flag, ids] of [
        ['--account', include],
        ['--exclude-account', exclude],
    ]) {
        const bad = ids.find((id) => !(0, selection_1.isAccountId)(id));
        if (bad !== undefined)
            throw new errors_1.InputError(flag, `"${bad}" is not an AWS account id (12 digits)`);
    }
    if ((include.length > 0 || exclude.length > 0) && roleArns.length === 0 && !flags.organization) {
        throw new errors_1.InputError(include.length > 0 ? '--account' : '--exclude-account', "selects among the accounts of --role-arn or --organization; without them only the credentials' own account is scanned");
    }
    const shard = flags.shard === undefined ? undefined : (0, selection_1.parseShard)(flags.shard);
    if (flags.shard !== undefined && shard === undefined) {
        throw new errors_1.InputError('--shard', `"${flags.shard}" is not a shard: expected I/N with 1 ≤ I ≤ N ≤ ${selection_1.MAX_SHARDS} (e.g. 2/4)`);
    }
    return {
        ...(roleArns.length > 0 && { roleArns }),
        ...(flags['external-id'] !== undefined && { externalId: flags['external-id'] }),
        ...(flags.organization && roleName !== undefined && { organizationRoleName: roleName }),
        ...(include.length > 0 && { include }),
        ...(exclude.length > 0 && { exclude }),
        ...(shard && { shard }),
    };
}
function rateHeadroom(text) {
    const value = Number(text);
    if (!(text.trim() !== '' && value > 0 && value <= 1))
        throw new errors_1.InputError('--rate-headroom', `"${text}" is not a fraction in (0, 1] (e.g. 0.5)`);
    return value;
}
/** On-premises networks for the path model (`paths`, and `scan` for the network policies). */
exports.onPremFlag = {
    'on-prem-cidr': core_1.Flags.string({
        multiple: true,
        summary: 'An on-premises network (CIDR) that must reach the brokers (repeatable). Default: the config file\'s defaults["on-prem-cidr"], else every network the broker subnets route to a VPN or Direct Connect.',
        helpGroup: 'NETWORK',
    }),
};
/**
 * The on-premises networks from the flag, else the config file; each must be a CIDR block without host bits.
 * Empty means "infer them from the routes". Duplicates are dropped, order kept.
 */
function onPremCidrs(flagValues, config) {
    const fromFlag = flagValues !== undefined && flagValues.length > 0;
    const values = fromFlag ? flagValues : (config.defaults['on-prem-cidr'] ?? []);
    values.forEach((value, index) => {
        const problem = (0, cidr_1.cidrProblem)(value);
        if (!problem)
            return;
        if (fromFlag)
            throw new errors_1.InputError('--on-prem-cidr', problem);
        throw new errors_1.InputError(config.source ?? 'config file', problem, `/defaults/on-prem-cidr/${index}`);
    });
    return [...new Set(values.map((value) => value.trim()))];
}
/** What a file name's extension says about its format, most specific first (`.sarif.json` is SARIF). */
const FORMAT_BY_EXTENSION = [
    [/\.sarif(\.json)?$/i, 'sarif'],
    [/\.json$/i, 'json'],
    [/\.(md|markdown)$/i, 'markdown'],
    [/\.xml$/i, 'junit'],
    [/\.html?$/i, 'html'],
    [/\.(mmd|mermaid)$/i, 'mermaid'],
];
/** The format `--output FILE` implies, among the formats the command writes; undefined when it implies none. */
function formatFromFile(file, formats) {
    if (!file)
        return undefined;
    return FORMAT_BY_EXTENSION.find(([pattern, format]) => formats.includes(format) && pattern.test(file))?.[1];
}
/** A report's format (scan, report merge): the one chosen, else the output file's, else a table for a terminal and JSON for a pipe. */
function reportFormat(chosen, output, stdoutIsTTY) {
    return chosen ?? formatFromFile(output, index_1.FORMATS) ?? (stdoutIsTTY ? 'table' : 'json');
}
/** What the table shows (never what fails the gate): `scan` and `report merge`. */
exports.displayFlags = {
    verbose: core_1.Flags.boolean({
        char: 'v',
        summary: 'Table: every finding with its whole message under its broker, and the messages of failed calls.',
        helpGroup: 'DISPLAY',
    }),
    severity: core_1.Flags.string({
        options: ['critical', 'high', 'medium', 'low'],
        summary: 'Table: show findings at or above this severity. Display only: --fail-on decides the exit code.',
        helpGroup: 'DISPLAY',
    }),
    status: core_1.Flags.string({
        multiple: true,
        options: ['fail', 'error', 'suppressed', 'pass', 'not_applicable'],
        summary: 'Table: show results with this status (repeatable). Default: fail, error and suppressed.',
        helpGroup: 'DISPLAY',
    }),
    broker: core_1.Flags.string({
        multiple: true,
        summary: 'Table: show only these brokers, by name or glob (* and ?; repeatable). Display only.',
        helpGroup: 'DISPLAY',
    }),
};
/** The table's options from the display flags and the terminal (its width: stdout's columns, else $COLUMNS, else 100). */
function tableOptions(flags) {
    const columns = terminalColumns();
    return {
        ...(flags.verbose ? { verbose: true } : {}),
        ...(columns ? { width: columns } : {}),
        show: {
            ...(flags.severity ? { severity: flags.severity } : {}),
            ...(flags.status?.length ? { statuses: flags.status } : {}),
            ...(flags.broker?.length ? { brokers: flags.broker } : {}),
        },
    };
}
/**
 * `--broker NAME|GLOB` that matches no broker of the report is bad input (exit 2), named with the nearest broker
 * names: a typo would otherwise show an empty table that looks like a clean estate.
 */
function checkBrokerFilter(report, patterns) {
    const unmatched = (0, table_compact_1.unmatchedBrokerFilters)(report, patterns ?? []);
    if (unmatched.length === 0)
        return;
    const problems = unmatched.map(({ pattern, near, names }) => {
        const hint = near.length > 0
            ? `did you mean ${near.map((n) => `"${(0, terminal_1.terminalSafe)(n)}"`).join(' or ')}?`
            : `brokers: ${(0, nearest_1.listNames)(names.map((n) => (0, terminal_1.terminalSafe)(n)))}`;
        return `no broker in the report matches "${(0, terminal_1.terminalSafe)(pattern)}"; ${hint}`;
    });
    throw new errors_1.InputError('--broker', problems.join('; '));
}
/** The width to fit text to: stdout's columns on a terminal, else $COLUMNS; undefined when neither says. */
function terminalColumns() {
    const columns = process.stdout.isTTY && process.stdout.columns
        ? process.stdout.columns
        : Number.parseInt(process.env.COLUMNS ?? '', 10);
    return Number.isFinite(columns) && columns > 0 ? columns : undefined;
}
