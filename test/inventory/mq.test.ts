import {DescribeBrokerCommand, ListBrokersCommand, ListTagsCommand, MqClient} from '@aws-sdk/client-mq';
import type {ListBrokersRequest} from '@aws-sdk/client-mq';
import {mockClient} from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import {createAwsClients} from '../../src/inventory/clients';
import type {AwsClients} from '../../src/inventory/clients';
import type {RegionContext} from '../../src/inventory/context';
import {brokerDetails, collectBrokers, LIST_BROKERS_PAGE_SIZE} from '../../src/inventory/mq';
import {ALL_BROKERS, DEV_SANDBOX_AMQ, EVENTS_RMQ_PROD, ORDERS_AMQ_PROD} from './expected';
import {
  ACTIVE_STANDBY,
  ACTIVE_STANDBY_ID,
  describeBrokerOutput,
  listBrokersPage,
  RABBITMQ_CLUSTER,
  RABBITMQ_CLUSTER_ID,
  SINGLE_INSTANCE,
  SINGLE_INSTANCE_ID,
} from './fixtures';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const mq = mockClient(MqClient);
let clients: AwsClients;

/** An SDK service error as the SDK builds it after its retries. */
function serviceError(name: string, message: string, httpStatusCode: number, attempts = 3): Error {
  return Object.assign(new Error(message), {name, $fault: 'client', $metadata: {httpStatusCode, attempts}});
}

function ctx(overrides: Partial<RegionContext> = {}): RegionContext {
  return {clients, accountId: '123456789012', partition: 'aws', region: 'eu-west-1', concurrency: 5, ...overrides};
}

/** The paginator reuses one input object, so copy what each call was sent. */
function recordListBrokersInputs(): ListBrokersRequest[] {
  const inputs: ListBrokersRequest[] = [];
  let page = 0;
  mq.on(ListBrokersCommand).callsFake((input: ListBrokersRequest) => {
    inputs.push({...input});
    page += 1;
    return page === 1 ? listBrokersPage(1) : listBrokersPage(2);
  });
  return inputs;
}

function describeFromFixtures(): void {
  mq.on(DescribeBrokerCommand, {BrokerId: ACTIVE_STANDBY_ID}).resolves(describeBrokerOutput(ACTIVE_STANDBY));
  mq.on(DescribeBrokerCommand, {BrokerId: SINGLE_INSTANCE_ID}).resolves(describeBrokerOutput(SINGLE_INSTANCE));
  mq.on(DescribeBrokerCommand, {BrokerId: RABBITMQ_CLUSTER_ID}).resolves(describeBrokerOutput(RABBITMQ_CLUSTER));
}

beforeEach(() => {
  mq.reset();
  clients = createAwsClients();
});

afterEach(() => clients.destroy());

describe('collectBrokers', () => {
  it('reads every ListBrokers page with MaxResults 100, then describes each broker', async () => {
    // GIVEN two ListBrokers pages and a DescribeBroker answer per broker
    const inputs = recordListBrokersInputs();
    describeFromFixtures();

    // WHEN
    const result = await collectBrokers(ctx());

    // THEN
    expect(inputs).toEqual([
      {MaxResults: LIST_BROKERS_PAGE_SIZE, NextToken: undefined},
      {MaxResults: LIST_BROKERS_PAGE_SIZE, NextToken: listBrokersPage(1).NextToken},
    ]);
    expect(LIST_BROKERS_PAGE_SIZE).toBe(100);
    expect(mq).toHaveReceivedCommandTimes(DescribeBrokerCommand, 3);
    expect(result).toStrictEqual({mqOffered: true, brokers: ALL_BROKERS, errors: []});
  });

  it('takes tags from DescribeBroker and never calls ListTags', async () => {
    recordListBrokersInputs();
    describeFromFixtures();

    const {brokers} = await collectBrokers(ctx());

    expect(mq).toHaveReceivedCommandTimes(ListTagsCommand, 0);
    expect(brokers?.map((broker) => broker.details?.tags.Environment)).toEqual(['prod', 'dev', 'prod']);
  });

  it('keeps a broker whose DescribeBroker is denied, with details null and an error', async () => {
    // GIVEN DescribeBroker is denied for the single-instance broker only
    recordListBrokersInputs();
    describeFromFixtures();
    mq.on(DescribeBrokerCommand, {BrokerId: SINGLE_INSTANCE_ID}).rejects(
      serviceError(
        'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/mq-auditor is not authorized to perform: mq:DescribeBroker on resource: ${DEV_SANDBOX_AMQ.arn}`,
        403,
        1,
      ),
    );

    // WHEN
    const result = await collectBrokers(ctx());

    // THEN the broker is still listed (not dropped, not defaulted to "private") and the error says why
    expect(result.brokers).toStrictEqual([ORDERS_AMQ_PROD, {...DEV_SANDBOX_AMQ, details: null}, EVENTS_RMQ_PROD]);
    expect(result.errors).toStrictEqual([
      {
        service: 'mq',
        operation: 'DescribeBroker',
        region: 'eu-west-1',
        resource: SINGLE_INSTANCE_ID,
        code: 'AccessDeniedException',
        kind: 'access-denied',
        message: expect.stringContaining('not authorized to perform: mq:DescribeBroker'),
      },
    ]);
  });

  it('gives brokers null and an error when ListBrokers fails', async () => {
    mq.on(ListBrokersCommand).rejects(
      serviceError('AccessDeniedException', 'User is not authorized to perform: mq:ListBrokers', 403),
    );

    const result = await collectBrokers(ctx());

    expect(result.mqOffered).toBe(true);
    expect(result.brokers).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({service: 'mq', operation: 'ListBrokers', kind: 'access-denied'}),
    ]);
    expect(mq).toHaveReceivedCommandTimes(DescribeBrokerCommand, 0);
  });

  it('gives brokers null when a later ListBrokers page fails: a partial list would read as "no other brokers"', async () => {
    mq.on(ListBrokersCommand)
      .resolvesOnce(listBrokersPage(1))
      .rejectsOnce(
        serviceError('InternalServerErrorException', 'We encountered an internal error. Please try again.', 500),
      );

    const result = await collectBrokers(ctx());

    expect(result.brokers).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({operation: 'ListBrokers', code: 'InternalServerErrorException', kind: 'other'}),
    ]);
  });

  it('records throttling that outlasted the SDK retries as kind throttled', async () => {
    recordListBrokersInputs();
    describeFromFixtures();
    mq.on(DescribeBrokerCommand, {BrokerId: RABBITMQ_CLUSTER_ID}).rejects(
      serviceError('TooManyRequestsException', 'Rate exceeded', 429),
    );

    const result = await collectBrokers(ctx());

    expect(result.brokers?.[2]).toStrictEqual({...EVENTS_RMQ_PROD, details: null});
    expect(result.errors).toEqual([
      expect.objectContaining({
        operation: 'DescribeBroker',
        resource: RABBITMQ_CLUSTER_ID,
        code: 'TooManyRequestsException',
        kind: 'throttled',
      }),
    ]);
  });

  it('stops with a malformed-response error when the service repeats a pagination token', async () => {
    const page1 = listBrokersPage(1);
    mq.on(ListBrokersCommand).resolves(page1);

    const result = await collectBrokers(ctx());

    expect(mq).toHaveReceivedCommandTimes(ListBrokersCommand, 2);
    expect(result.brokers).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({operation: 'ListBrokers', code: 'RepeatedPaginationToken', kind: 'malformed-response'}),
    ]);
  });

  it('treats a DescribeBroker answer without PubliclyAccessible as malformed, never as "private"', async () => {
    recordListBrokersInputs();
    describeFromFixtures();
    const {PubliclyAccessible: _omitted, ...withoutPublicFlag} = describeBrokerOutput(SINGLE_INSTANCE);
    mq.on(DescribeBrokerCommand, {BrokerId: SINGLE_INSTANCE_ID}).resolves(withoutPublicFlag);

    const result = await collectBrokers(ctx());

    expect(result.brokers?.[1].details).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        operation: 'DescribeBroker',
        resource: SINGLE_INSTANCE_ID,
        kind: 'malformed-response',
        message: 'response lacks PubliclyAccessible',
      }),
    ]);
  });

  it('keeps at most `concurrency` DescribeBroker calls in flight', async () => {
    // GIVEN 12 brokers on one page and slow DescribeBroker answers
    const template = listBrokersPage(1).BrokerSummaries![0];
    const summaries = Array.from({length: 12}, (_, i) => ({
      ...template,
      BrokerId: `b-${i}`,
      BrokerArn: `${template.BrokerArn}-${i}`,
    }));
    mq.on(ListBrokersCommand).resolves({BrokerSummaries: summaries});
    let inFlight = 0;
    let peak = 0;
    mq.on(DescribeBrokerCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return describeBrokerOutput(ACTIVE_STANDBY);
    });

    // WHEN
    const result = await collectBrokers(ctx({concurrency: 3}));

    // THEN
    expect(result.brokers).toHaveLength(12);
    expect(peak).toBe(3);
  });

  describe('regions without Amazon MQ', () => {
    const dnsFailure = (region: string): Error =>
      Object.assign(new Error(`getaddrinfo ENOTFOUND mq.${region}.amazonaws.com`), {
        code: 'ENOTFOUND',
        hostname: `mq.${region}.amazonaws.com`,
        $metadata: {attempts: 3},
      });

    it('skips a region missing from the MQ list whose endpoint does not resolve (not an error)', async () => {
      mq.on(ListBrokersCommand).rejects(dnsFailure('xx-future-1'));

      const result = await collectBrokers(ctx({region: 'xx-future-1'}));

      expect(result).toStrictEqual({mqOffered: false, brokers: [], errors: []});
    });

    it('records a DNS failure in a region known to have MQ as an error, not as "not offered"', async () => {
      mq.on(ListBrokersCommand).rejects(dnsFailure('eu-west-1'));

      const result = await collectBrokers(ctx());

      expect(result.mqOffered).toBe(true);
      expect(result.brokers).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({
          code: 'ENOTFOUND',
          kind: 'other',
          message: expect.stringContaining('check DNS and network access'),
        }),
      ]);
    });
  });
});

describe('brokerDetails', () => {
  it('normalizes an all-optional-absent answer without inventing values', () => {
    expect(
      brokerDetails({EngineVersion: '3.13', PubliclyAccessible: true, AutoMinorVersionUpgrade: true}),
    ).toStrictEqual({
      engineVersion: '3.13',
      publiclyAccessible: true,
      subnetIds: [],
      securityGroups: [],
      autoMinorVersionUpgrade: true,
      // AWS's creation defaults: logs off, AWS-owned key
      logs: {general: false},
      encryption: {useAwsOwnedKey: true},
      tags: {},
      instances: [],
    });
  });

  it('maps actions required and a customer key without UseAwsOwnedKey', () => {
    const details = brokerDetails({
      EngineVersion: '5.18',
      PubliclyAccessible: false,
      AutoMinorVersionUpgrade: true,
      EncryptionOptions: {KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc', UseAwsOwnedKey: undefined},
      ActionsRequired: [{ActionRequiredCode: 'INVALID_KMS_KEY', ActionRequiredInfo: 'The KMS key is disabled.'}],
    });

    expect(details).toMatchObject({
      encryption: {useAwsOwnedKey: false, kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc'},
      actionsRequired: [{code: 'INVALID_KMS_KEY', info: 'The KMS key is disabled.'}],
    });
  });

  it.each(['EngineVersion', 'PubliclyAccessible', 'AutoMinorVersionUpgrade'] as const)(
    'reports a missing %s instead of defaulting it',
    (field) => {
      const complete = {EngineVersion: '5.18', PubliclyAccessible: false, AutoMinorVersionUpgrade: true};
      const {[field]: _dropped, ...partial} = complete;

      expect(brokerDetails(partial)).toEqual({missing: [field]});
    },
  );
});
