/**
 * Turning SDK and network failures into CollectionErrors. No SDK import: the service and tests may load this
 * without paying for @aws-sdk/*.
 */
import {InputError} from '../foundation/errors';
import type {AwsService, CollectionError, ErrorKind} from '../snapshot/types';

export interface ClassifiedError {
  code: string;
  kind: ErrorKind;
  message: string;
}

/** Thrown by our own pagination guard; classified as a malformed response. */
export const REPEATED_TOKEN_CODE = 'RepeatedPaginationToken';

const ACCESS_DENIED_CODES = new Set([
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'ForbiddenException', // MQ's modelled 403
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnauthorizedException', // MQ's modelled 401
  'UnauthorizedOperation',
  'UnrecognizedClient',
  'UnrecognizedClientException',
]);

const THROTTLED_CODES = new Set([
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);

const TIMEOUT_CODES = new Set([
  'ESOCKETTIMEDOUT',
  'ETIMEDOUT',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const OPT_IN_CODES = new Set(['OptInRequired', 'SubscriptionRequiredException']);

/** DNS failures: on an AWS service host they mean the service has no endpoint in that region. */
const DNS_NOT_FOUND_CODES = new Set(['EAI_NONAME', 'ENOTFOUND']);
const AWS_SERVICE_HOST = /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)$/i;
const NOT_OFFERED_MESSAGE = /not (available|supported) in (this|the current|the specified|your) region/i;

const MAX_MESSAGE_LENGTH = 1000;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  hostname?: unknown;
  $metadata?: {httpStatusCode?: number};
}

/** The most specific code an error carries: the AWS error code, else a Node error code. */
export function errorCode(err: unknown): string {
  const e = asErrorLike(err);
  const name = typeof e.name === 'string' ? e.name : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof e.Code === 'string' ? e.Code : undefined;
  // Node network errors are plain `Error`s with the useful part in `code`.
  if (name && name !== 'Error') return name;
  return code ?? name ?? 'Unknown';
}

export function classifyAwsError(err: unknown): ClassifiedError {
  const e = asErrorLike(err);
  const code = errorCode(err);
  const nodeCode = typeof e.code === 'string' ? e.code : undefined;
  const rawMessage = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  const message = redactCredentials(rawMessage);
  return {code, kind: kindOf(e, code, nodeCode, rawMessage), message};
}

function kindOf(e: ErrorLike, code: string, nodeCode: string | undefined, message: string): ErrorKind {
  const status = e.$metadata?.httpStatusCode;
  if (code.startsWith('AccessDenied') || ACCESS_DENIED_CODES.has(code)) return 'access-denied';
  if (THROTTLED_CODES.has(code) || status === 429) return 'throttled';
  if (OPT_IN_CODES.has(code)) return 'opt-in-required';
  if (TIMEOUT_CODES.has(code) || (nodeCode !== undefined && TIMEOUT_CODES.has(nodeCode))) return 'timeout';
  if (nodeCode !== undefined && DNS_NOT_FOUND_CODES.has(nodeCode) && isAwsServiceHost(e.hostname)) return 'not-offered';
  if (NOT_OFFERED_MESSAGE.test(message)) return 'not-offered';
  if (code === REPEATED_TOKEN_CODE || code === 'SyntaxError' || /deserialization error/i.test(message))
    return 'malformed-response';
  if (status === 401 || status === 403) return 'access-denied';
  return 'other';
}

/**
 * The SDK found no credentials to sign with: its credential chain (environment, profile files, SSO, web identity,
 * container and instance roles) came up empty, or a named profile or SSO session could not give any. Raised by
 * the client before any request is sent, so every call of the run fails alike.
 */
const NO_CREDENTIALS_CODES = new Set(['CredentialsProviderError', 'TokenProviderError']);

export function isMissingCredentials(error: Pick<CollectionError, 'code'>): boolean {
  return NO_CREDENTIALS_CODES.has(error.code);
}

/**
 * A run whose every failed call failed for want of credentials is a set-up problem (exit 2), not an incomplete
 * scan (exit 3): the error quotes the credential chain and says how to provide credentials.
 */
export function missingCredentialsError(errors: readonly CollectionError[], profile?: string): InputError | undefined {
  if (errors.length === 0 || !errors.every(isMissingCredentials)) return undefined;
  // The chain's own words: "Could not load credentials from any providers", or the profile or SSO session it could not use.
  const said = [
    ...new Set(errors.map((error) => error.message.replace(/ \((account id|--all-regions)[^)]*\)$/, ''))),
  ].slice(0, 3);
  return new InputError(
    'AWS credentials',
    [
      `none found; the AWS SDK's credential chain said: ${said.join('; ')}`,
      ...(profile !== undefined
        ? [
            `The profile "${profile}" was asked for: check that ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) defines it, with keys, a role or SSO; for SSO run aws sso login --profile ${profile}.`,
          ]
        : []),
      'Provide credentials in one of these ways:',
      '  --profile NAME, or AWS_PROFILE=NAME: a profile of ~/.aws/config or ~/.aws/credentials',
      '  SSO (IAM Identity Center): aws sso login --profile NAME, then --profile NAME',
      '  environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)',
      '  --role-arn ARN: scan the account of a role, assumed with any of the credentials above',
      "  in CI or on AWS: a role from OIDC (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), the container's or the instance's role",
      'Or evaluate a saved inventory offline with --inventory FILE.',
    ].join('\n'),
  );
}

function isAwsServiceHost(hostname: unknown): boolean {
  return typeof hostname === 'string' && AWS_SERVICE_HOST.test(hostname);
}

export interface ErrorContext {
  service: AwsService;
  operation: string;
  region?: string;
  accountId?: string;
  resource?: string;
}

export function toCollectionError(err: unknown, context: ErrorContext): CollectionError {
  return {...withoutUndefined(context), ...classifyAwsError(err)};
}

/**
 * AWS messages rarely carry secrets, but signature errors can echo the access key id and request dumps can
 * echo a session token; the snapshot is shared as a CI artefact, so strip them.
 */
export function redactCredentials(message: string, env: NodeJS.ProcessEnv = process.env): string {
  let redacted = message
    .replace(/\b(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{12,}\b/g, '$1****')
    .replace(/(Credential=)[^\s,/]+/gi, '$1****')
    .replace(/(Signature=)[0-9a-f]+/gi, '$1****')
    .replace(/(x-amz-security-token[=:]\s*)[^\s&,]+/gi, '$1****');
  for (const secret of [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN]) {
    if (secret && secret.length >= 8) redacted = redacted.split(secret).join('****');
  }
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}…` : redacted;
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === 'object' && err !== null ? err : {message: String(err)};
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
