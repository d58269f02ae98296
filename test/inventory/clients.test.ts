import {DirectConnectClient} from '@aws-sdk/client-direct-connect';
import {EC2Client} from '@aws-sdk/client-ec2';
import {MqClient} from '@aws-sdk/client-mq';
import {STSClient} from '@aws-sdk/client-sts';

import {createAwsClients, DEFAULT_REQUEST_TIMEOUT_MS, endpointOverrides} from '../../src/inventory/clients';

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
    const clients = createAwsClients({profile: 'audit', endpoint: 'http://127.0.0.1:4566', maxAttempts: 5, requestTimeoutMs: 1234});
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
    ).toEqual({directconnect: 'http://dx-only:2', ec2: 'http://moto:5000', mq: 'http://mq-only:1', sts: 'http://moto:5000'});
  });

  it('honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(endpointOverrides(undefined, {AWS_ENDPOINT_URL: 'http://moto:5000', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'})).toBeUndefined();
  });

  it('never records user info from the URL', () => {
    expect(endpointOverrides('http://user:s3cret@proxy:8080/', {})?.mq).toBe('http://proxy:8080/');
  });
});
