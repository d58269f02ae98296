/**
 * Response builders for the AWS wire protocols the stub speaks. Service files (mq.ts, sts.ts, ec2.ts, and
 * later directconnect.ts) build on these; keep the shapes the SDK's deserializers expect.
 */
import type {StubRequest, StubResponse} from './server';

export type Protocol = 'aws-json' | 'ec2-query' | 'query' | 'rest-json' | 'unknown';

export function protocolOf(req: Pick<StubRequest, 'service' | 'headers'>): Protocol {
  if (typeof req.headers['x-amz-target'] === 'string') return 'aws-json';
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.startsWith('application/x-www-form-urlencoded')) return req.service === 'ec2' ? 'ec2-query' : 'query';
  if (req.service !== '') return 'rest-json';
  return 'unknown';
}

// ---- REST-JSON (MQ) --------------------------------------------------------------------------------------

export function restJson(body: unknown, status = 200): StubResponse {
  return {status, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)};
}

/** The SDK reads the code from x-amzn-errortype (before any ':') and the message from the body. */
export function restJsonError(status: number, code: string, message: string): StubResponse {
  return {
    status,
    headers: {'content-type': 'application/json', 'x-amzn-errortype': code},
    body: JSON.stringify({message}),
  };
}

// ---- AWS JSON 1.0 / 1.1 (Direct Connect: X-Amz-Target OvertureService.<Operation>) ----------------------

export function awsJson(body: unknown, status = 200): StubResponse {
  return {status, headers: {'content-type': 'application/x-amz-json-1.1'}, body: JSON.stringify(body)};
}

export function awsJsonError(status: number, code: string, message: string): StubResponse {
  return {
    status,
    headers: {'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code},
    body: JSON.stringify({__type: code, message}),
  };
}

// ---- query (STS) -----------------------------------------------------------------------------------------

/** `<{Operation}Response><{Operation}Result>…</…Result><ResponseMetadata>…</…></…Response>` */
export function queryResponse(operation: string, xmlns: string, resultXml: string): StubResponse {
  return xmlResponse(
    200,
    `<${operation}Response xmlns="${xmlns}"><${operation}Result>${resultXml}</${operation}Result>` +
      `<ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${operation}Response>`,
  );
}

export function queryError(
  status: number,
  code: string,
  message: string,
  xmlns: string,
  type: 'Receiver' | 'Sender' = 'Sender',
): StubResponse {
  return xmlResponse(
    status,
    `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
  );
}

// ---- EC2 query -------------------------------------------------------------------------------------------

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** EC2 responses have no Result wrapper: `<{Operation}Response><requestId/>…</…>`. */
export function ec2Response(operation: string, innerXml: string): StubResponse {
  return xmlResponse(
    200,
    `<${operation}Response xmlns="${EC2_XMLNS}"><requestId>${requestId()}</requestId>${innerXml}</${operation}Response>`,
  );
}

export function ec2Error(status: number, code: string, message: string): StubResponse {
  return xmlResponse(
    status,
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
      `<RequestID>${requestId()}</RequestID></Response>`,
  );
}

/** EC2 lists: `<tag><item>…</item>…</tag>`. */
export function ec2List<T>(tag: string, items: readonly T[], render: (item: T) => string): string {
  return `<${tag}>${items.map((item) => `<item>${render(item)}</item>`).join('')}</${tag}>`;
}

// ---- shared ----------------------------------------------------------------------------------------------

let requestCounter = 0;
/** Shaped like an AWS request id; unique within the process. */
export function requestId(): string {
  requestCounter += 1;
  return `5f2c1a7e-3b9d-4c6e-8a1f-${requestCounter.toString(16).padStart(12, '0')}`;
}

export function xmlElement(tag: string, value: boolean | number | string | undefined): string {
  return value === undefined ? '' : `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function xmlResponse(status: number, xml: string): StubResponse {
  return {
    status,
    headers: {'content-type': 'text/xml;charset=UTF-8'},
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`,
  };
}

const XMLNS_BY_SERVICE: Record<string, string> = {sts: 'https://sts.amazonaws.com/doc/2011-06-15/'};

/** An error in the request's own protocol, so the SDK parses it like a real one. */
export function protocolError(
  req: Pick<StubRequest, 'protocol' | 'service'>,
  status: number,
  code: string,
  message: string,
): StubResponse {
  switch (req.protocol) {
    case 'aws-json':
      return awsJsonError(status, code, message);
    case 'ec2-query':
      return ec2Error(status, code, message);
    case 'query':
      return queryError(
        status,
        code,
        message,
        XMLNS_BY_SERVICE[req.service] ?? `https://${req.service}.amazonaws.com/doc/`,
      );
    default:
      return restJsonError(status, code, message);
  }
}

/** What each protocol's services answer when throttling (used by the token-bucket gate). */
export function throttlingError(req: Pick<StubRequest, 'protocol' | 'service'>): StubResponse {
  switch (req.protocol) {
    case 'ec2-query':
      return ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    case 'query':
      return protocolError(req, 400, 'Throttling', 'Rate exceeded');
    case 'aws-json':
      return awsJsonError(400, 'ThrottlingException', 'Rate exceeded');
    default:
      return restJsonError(429, 'TooManyRequestsException', 'Rate exceeded');
  }
}

export function notImplemented(req: StubRequest): StubResponse {
  const what = req.operation ? `${req.service}:${req.operation}` : `${req.method} ${req.path} (${req.service})`;
  return protocolError(req, 400, 'StubNotImplemented', `aws-stub has no handler for ${what}`);
}

export function unsignedRequest(req: StubRequest): StubResponse {
  return protocolError(
    req,
    403,
    'MissingAuthenticationTokenException',
    'Missing Authentication Token (no SigV4 credential scope)',
  );
}
