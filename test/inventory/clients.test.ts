import {DirectConnectClient} from '@aws-sdk/client-direct-connect';
import {EC2Client} from '@aws-sdk/client-ec2';
import {MqClient} from '@aws-sdk/client-mq';
import {STSClient} from '@aws-sdk/client-sts';

import {ListBrokersCommand} from '@aws-sdk/client-mq';

import {
  createAwsClients,
  DEFAULT_REQUEST_TIMEOUT_MS,
  endpointOverrides,
  sharedConnections,
} from '../../src/inventory/clients';
import {installMq, startAwsStub} from '../helpers/aws-stub';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('createAwsClients', () => {
  it('creates each client once per (service, region)', () => {
    const clients = createAwsClients();
    try {
      expect(clients.mq('eu-west-1')).toBeInstanceOf(MqClient);
      expect(clients.ec2('eu-west-1')).toBeInstanceOf(EC2Client);
      expect(clients.sts('eu-west-1')).toBeInstanceOf(STSClient);
      expect(clients.directConnect('eu-west-1')).toBeInstanceOf(DirectConnectClient);
      expect(clients.mq('eu-west-1')).toBe(clients.mq('eu-west-1'));
      expect(clients.mq('us-east-1')).not.toBe(clients.mq('eu-west-1'));
    } finally {
      clients.destroy();
    }
  });

  // The timeouts are checked by behaviour (a server that never answers) in collect-stub.test.ts.
  it('configures region, profile, endpoint and standard retries', async () => {
    const clients = createAwsClients({
      profile: 'audit',
      endpoint: 'http://127.0.0.1:4566',
      maxAttempts: 5,
      requestTimeoutMs: 1234,
    });
    try {
      const {config} = clients.mq('eu-central-1');

      await expect(config.region()).resolves.toBe('eu-central-1');
      expect(config.profile).toBe('audit');
      await expect(config.maxAttempts()).resolves.toBe(5);
      await expect(config.retryStrategy()).resolves.toMatchObject({mode: 'standard'});
      // Resolved once per command class; pacing.test.ts shows the pacing middleware still sees every call.
      expect(config.cacheMiddleware).toBe(true);
      expect(config.endpoint).toBeDefined();
      const endpoint = await config.endpoint!();
      expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:4566');
    } finally {
      clients.destroy();
    }
  });

  it('defaults to a 10 s request timeout and 3 attempts', async () => {
    const clients = createAwsClients();
    try {
      const {config} = clients.sts('eu-west-1');
      await expect(config.maxAttempts()).resolves.toBe(3);
      expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(10_000);
    } finally {
      clients.destroy();
    }
  });

  it('shares one credential provider across clients', () => {
    const clients = createAwsClients();
    try {
      const first = clients.sts('eu-west-1');
      const other = clients.ec2('us-east-1');
      expect(first.config.credentials).toBeDefined();
      // The second client wraps the first one's provider rather than building its own chain.
      expect(other.config.credentials).not.toBe(first.config.credentials);
    } finally {
      clients.destroy();
    }
  });
});

describe('shared connections', () => {
  const account = (key: string) => async () => ({accessKeyId: key, secretAccessKey: 'x'});

  it('let the clients of different accounts reuse each other’s sockets, and survive one account’s destroy()', async () => {
    const stub = await startAwsStub();
    installMq(stub, {brokers: {'eu-west-1': []}});
    const connections = sharedConnections();
    const first = createAwsClients({endpoint: stub.url, credentials: account('AKIAFIRSTACCOUNT0001'), connections});
    const second = createAwsClients({endpoint: stub.url, credentials: account('AKIASECONDACCOUNT002'), connections});
    try {
      await first.mq('eu-west-1').send(new ListBrokersCommand({}));
      first.destroy();
      await second.mq('eu-west-1').send(new ListBrokersCommand({}));
      await second.mq('us-east-1').send(new ListBrokersCommand({}));
      expect(stub.count('mq', 'ListBrokers')).toBe(3);
      expect(stub.connectionsAccepted()).toBe(1);
    } finally {
      second.destroy();
      connections.close();
      await stub.close();
    }
  });

  it('are not used unless given: each client then has its own pool', async () => {
    const stub = await startAwsStub();
    installMq(stub, {brokers: {'eu-west-1': []}});
    const first = createAwsClients({endpoint: stub.url, credentials: account('AKIAFIRSTACCOUNT0001')});
    const second = createAwsClients({endpoint: stub.url, credentials: account('AKIASECONDACCOUNT002')});
    try {
      await first.mq('eu-west-1').send(new ListBrokersCommand({}));
      await second.mq('eu-west-1').send(new ListBrokersCommand({}));
      expect(stub.connectionsAccepted()).toBe(2);
    } finally {
      first.destroy();
      second.destroy();
      await stub.close();
    }
  });
});

describe('SigV4 signers', () => {
  interface Signer {
    sign(
      request: object,
      options: {signingDate: Date; signingRegion: string; signingService: string},
    ): Promise<{headers: Record<string, string>}>;
  }
  type SignerFactory = (authScheme?: {signingRegion?: string; signingName?: string}) => Promise<Signer>;
  const signerOf = (client: MqClient | EC2Client): SignerFactory =>
    (client.config as unknown as {signer: SignerFactory}).signer;

  // Expiring within the SDK's 5-minute refresh window, so every signature asks the provider again.
  let current = {accessKeyId: 'AKIAFIRSTKEY0000000A', secretAccessKey: 'first-secret'};
  const credentials = async () => ({...current, expiration: new Date(Date.now() + 60_000)});
  const request = () => ({
    method: 'POST',
    protocol: 'https:',
    hostname: 'mq.eu-west-1.amazonaws.com',
    path: '/v1/brokers/b-1234',
    query: {},
    headers: {host: 'mq.eu-west-1.amazonaws.com', 'content-type': 'application/json'},
    body: '{}',
  });
  const signingDate = new Date('2026-12-03T12:00:00Z');

  it('are built once per client and signing scope, not once per request', async () => {
    const clients = createAwsClients({credentials});
    try {
      const factory = signerOf(clients.mq('eu-west-1'));
      const scope = {signingRegion: 'eu-west-1', signingName: 'mq'};
      const first = await factory(scope);
      expect(await factory(scope)).toBe(first);
      expect(await factory({signingRegion: 'eu-central-1', signingName: 'mq'})).not.toBe(first);
      // Another client has signers of its own.
      expect(await signerOf(clients.mq('us-east-1'))(scope)).not.toBe(first);
    } finally {
      clients.destroy();
    }
  });

  it('sign exactly as the SDK’s own per-request signer does, with the credentials current at each call', async () => {
    const clients = createAwsClients({credentials});
    const reference = new MqClient({region: 'eu-west-1', credentials});
    try {
      const reused = await signerOf(clients.mq('eu-west-1'))({signingRegion: 'eu-west-1', signingName: 'mq'});
      const options = {signingDate, signingRegion: 'eu-west-1', signingService: 'mq'};
      const fresh = async () =>
        (await (await signerOf(reference)({signingRegion: 'eu-west-1', signingName: 'mq'})).sign(request(), options))
          .headers.authorization;

      const before = (await reused.sign(request(), options)).headers.authorization;
      expect(before).toContain('Credential=AKIAFIRSTKEY0000000A/20261203/eu-west-1/mq/aws4_request');
      expect(before).toBe(await fresh());

      // Refreshed role credentials: the reused signer must not keep the old key or its derived signing key.
      current = {accessKeyId: 'AKIASECONDKEY000000B', secretAccessKey: 'second-secret'};
      const after = (await reused.sign(request(), options)).headers.authorization;
      expect(after).toContain('Credential=AKIASECONDKEY000000B/');
      expect(after).toBe(await fresh());
      expect(after).not.toBe(before);
    } finally {
      current = {accessKeyId: 'AKIAFIRSTKEY0000000A', secretAccessKey: 'first-secret'};
      reference.destroy();
      clients.destroy();
    }
  });

  it('derive the signing key once per date, scope and credentials, not once per request', async () => {
    const clients = createAwsClients({credentials});
    const reference = new MqClient({region: 'eu-west-1', credentials});
    // The SDK's signer class, from its own signer (ours wraps the instance method, not the class).
    const proto = Object.getPrototypeOf(await signerOf(reference)({signingRegion: 'eu-west-1', signingName: 'mq'})) as {
      getSigningKey: (...args: unknown[]) => Promise<Uint8Array>;
    };
    const derive = jest.spyOn(proto, 'getSigningKey');
    try {
      const reused = await signerOf(clients.mq('eu-west-1'))({signingRegion: 'eu-west-1', signingName: 'mq'});
      const options = {signingDate, signingRegion: 'eu-west-1', signingService: 'mq'};
      const signatures = await Promise.all(Array.from({length: 5}, () => reused.sign(request(), options)));
      expect(derive).toHaveBeenCalledTimes(1);
      expect(new Set(signatures.map((signed) => signed.headers.authorization)).size).toBe(1);

      // A new day is a new key, and so are new credentials.
      const nextDay = {...options, signingDate: new Date('2026-12-04T00:00:01Z')};
      expect((await reused.sign(request(), nextDay)).headers.authorization).toContain(
        '/20261204/eu-west-1/mq/aws4_request',
      );
      expect(derive).toHaveBeenCalledTimes(2);
      current = {accessKeyId: 'AKIASECONDKEY000000B', secretAccessKey: 'second-secret'};
      const rotated = (await reused.sign(request(), nextDay)).headers.authorization;
      expect(derive).toHaveBeenCalledTimes(3);
      derive.mockRestore();
      const fresh = await (
        await signerOf(reference)({signingRegion: 'eu-west-1', signingName: 'mq'})
      ).sign(request(), nextDay);
      expect(rotated).toBe(fresh.headers.authorization);
    } finally {
      derive.mockRestore();
      current = {accessKeyId: 'AKIAFIRSTKEY0000000A', secretAccessKey: 'first-secret'};
      reference.destroy();
      clients.destroy();
    }
  });
});

describe('endpointOverrides', () => {
  it('is undefined when the SDK talks to AWS', () => {
    expect(endpointOverrides(undefined, {})).toBeUndefined();
  });

  it('applies an explicit endpoint to every service', () => {
    expect(endpointOverrides('http://localhost:4566', {AWS_ENDPOINT_URL_MQ: 'http://other'})).toEqual({
      directconnect: 'http://localhost:4566',
      ec2: 'http://localhost:4566',
      mq: 'http://localhost:4566',
      sts: 'http://localhost:4566',
    });
  });

  it('follows the SDK precedence: AWS_ENDPOINT_URL_<SERVICE> over AWS_ENDPOINT_URL', () => {
    expect(
      endpointOverrides(undefined, {
        AWS_ENDPOINT_URL: 'http://moto:5000',
        AWS_ENDPOINT_URL_MQ: 'http://mq-only:1',
        AWS_ENDPOINT_URL_DIRECT_CONNECT: 'http://dx-only:2',
      }),
    ).toEqual({
      directconnect: 'http://dx-only:2',
      ec2: 'http://moto:5000',
      mq: 'http://mq-only:1',
      sts: 'http://moto:5000',
    });
  });

  it('honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(
      endpointOverrides(undefined, {AWS_ENDPOINT_URL: 'http://moto:5000', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'}),
    ).toBeUndefined();
  });

  it('never records user info from the URL', () => {
    expect(endpointOverrides('http://user:s3cret@proxy:8080/', {})?.mq).toBe('http://proxy:8080/');
  });
});
