import {classifyAwsError, redactCredentials, toCollectionError} from '../../src/inventory/errors';
import {RepeatedTokenError} from '../../src/inventory/paginate';

/** Shaped like the SDK's errors: service errors carry the code as `name`, network errors as `code`. */
const sdkError = (name: string, message = 'boom', httpStatusCode?: number): Error =>
  Object.assign(new Error(message), {name, $metadata: {httpStatusCode, attempts: 3}});
const nodeError = (code: string, message: string, extra: object = {}): Error =>
  Object.assign(new Error(message), {code, ...extra});

describe('classifyAwsError', () => {
  it.each([
    ['AccessDeniedException', 403, 'access-denied'],
    ['AccessDenied', 403, 'access-denied'],
    ['UnauthorizedOperation', 403, 'access-denied'],
    ['UnrecognizedClientException', 400, 'access-denied'],
    ['AuthFailure', 401, 'access-denied'],
    ['InvalidClientTokenId', 403, 'access-denied'],
    ['ExpiredToken', 400, 'access-denied'],
    ['ForbiddenException', 403, 'access-denied'],
    ['Throttling', 400, 'throttled'],
    ['ThrottlingException', 400, 'throttled'],
    ['TooManyRequestsException', 429, 'throttled'],
    ['RequestLimitExceeded', 503, 'throttled'],
    ['OptInRequired', 401, 'opt-in-required'],
    ['SubscriptionRequiredException', 400, 'opt-in-required'],
    ['TimeoutError', undefined, 'timeout'],
    ['RequestTimeoutException', 408, 'timeout'],
    ['InternalServerErrorException', 500, 'other'],
    ['NotFoundException', 404, 'other'],
    ['SomeNew403Exception', 403, 'access-denied'],
    ['SomeNewThrottle', 429, 'throttled'],
  ])('%s (HTTP %s) → %s', (name, status, kind) => {
    expect(classifyAwsError(sdkError(name, 'message', status))).toEqual({code: name, kind, message: 'message'});
  });

  it('classifies Node network errors by their code', () => {
    expect(classifyAwsError(nodeError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443'))).toMatchObject({
      code: 'ETIMEDOUT',
      kind: 'timeout',
    });
    expect(classifyAwsError(nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({
      code: 'ECONNREFUSED',
      kind: 'other',
    });
  });

  it('keeps the request-timeout code the SDK HTTP handler gives', () => {
    const err = Object.assign(new Error('a request has exceeded the configured 10000 ms requestTimeout.'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    });
    expect(classifyAwsError(err)).toMatchObject({code: 'TimeoutError', kind: 'timeout'});
  });

  it('calls a DNS failure on an AWS service host "not offered", but not one on any other host', () => {
    const aws = nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND mq.ap-southeast-7.amazonaws.com', {
      hostname: 'mq.ap-southeast-7.amazonaws.com',
    });
    const china = nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND mq.cn-north-9.amazonaws.com.cn', {
      hostname: 'mq.cn-north-9.amazonaws.com.cn',
    });
    const localstack = nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND localstack', {hostname: 'localstack'});

    expect(classifyAwsError(aws)).toMatchObject({code: 'ENOTFOUND', kind: 'not-offered'});
    expect(classifyAwsError(china).kind).toBe('not-offered');
    expect(classifyAwsError(localstack).kind).toBe('other');
  });

  it('recognises "not available in this region" messages', () => {
    expect(
      classifyAwsError(sdkError('InvalidAction', 'The action ListBrokers is not available in this region', 400)).kind,
    ).toBe('not-offered');
  });

  it('calls deserialization failures and repeated tokens malformed responses', () => {
    const deserialization = Object.assign(
      new Error(
        'Unexpected token < in JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
      ),
      {
        $metadata: {httpStatusCode: 200},
      },
    );
    expect(classifyAwsError(deserialization).kind).toBe('malformed-response');
    expect(classifyAwsError(new RepeatedTokenError('tok'))).toMatchObject({
      code: 'RepeatedPaginationToken',
      kind: 'malformed-response',
    });
  });

  it('copes with things that are not errors', () => {
    expect(classifyAwsError('plain string')).toEqual({code: 'Unknown', kind: 'other', message: 'plain string'});
    expect(classifyAwsError(undefined)).toEqual({code: 'Unknown', kind: 'other', message: 'undefined'});
  });
});

describe('redactCredentials', () => {
  it('removes access key ids, signatures, security tokens and the configured secret', () => {
    const env = {
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN',
    };
    const message =
      'SignatureDoesNotMatch for AKIAIOSFODNN7EXAMPLE: Credential=ASIAXAMPLE1234567890/20261125/eu-west-1/mq/aws4_request, ' +
      'Signature=0123abcd; x-amz-security-token: FwoGZXIvYXdzEXAMPLETOKEN; secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

    const redacted = redactCredentials(message, env);

    expect(redacted).not.toMatch(
      /AKIAIOSFODNN7EXAMPLE|ASIAXAMPLE1234567890|0123abcd|FwoGZXIvYXdzEXAMPLETOKEN|wJalrXUtnFEMI/,
    );
    expect(redacted).toContain('AKIA****');
  });

  it('caps very long messages', () => {
    expect(redactCredentials('x'.repeat(5000), {}).length).toBeLessThanOrEqual(1001);
  });
});

describe('toCollectionError', () => {
  it('carries the context and omits what is unknown', () => {
    expect(
      toCollectionError(sdkError('AccessDeniedException', 'denied', 403), {
        service: 'mq',
        operation: 'ListBrokers',
        region: 'eu-west-1',
      }),
    ).toStrictEqual({
      service: 'mq',
      operation: 'ListBrokers',
      region: 'eu-west-1',
      code: 'AccessDeniedException',
      kind: 'access-denied',
      message: 'denied',
    });
  });
});
