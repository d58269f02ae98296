/**
 * A realistic ScanReport for formatter tests (and CLI tests that need one without running a scan):
 * five brokers in two accounts and two regions, both engines, every status, and collection errors.
 *
 * | broker           | account / region         | engine   | outcome                                         |
 * |------------------|--------------------------|----------|-------------------------------------------------|
 * | orders-prod      | 111122223333 / eu-west-1 | ACTIVEMQ | fails critical (public) + medium (audit logs)   |
 * | billing-events   | 111122223333 / eu-west-1 | RABBITMQ | fails high (single instance)                    |
 * | inventory-sync   | 111122223333 / us-east-1 | ACTIVEMQ | all pass (one not applicable)                   |
 * | payments-dr      | 444455556666 / eu-west-1 | RABBITMQ | DescribeBroker denied: errors, no failures      |
 * | legacy~batch.01  | 444455556666 / eu-west-1 | ACTIVEMQ | fails high (EOS version) + low (tags), one error|
 */
import type {Evaluation, Explanation, ResourceRef, Severity, Status} from '../../src/policy/types';
import {EXIT, SEVERITIES, STATUSES} from '../../src/policy/types';
import type {ReportedPolicy, ReportSummary, ScanReport} from '../../src/report/types';
import {REPORT_KIND, REPORT_VERSION} from '../../src/report/types';
import type {CollectionError, EngineType} from '../../src/snapshot/types';

export const PROD_ACCOUNT = '111122223333';
export const STAGING_ACCOUNT = '444455556666';

export function broker(
  accountId: string,
  region: string,
  name: string,
  engineType: EngineType,
  id: string,
): ResourceRef {
  return {
    arn: `arn:aws:mq:${region}:${accountId}:broker:${name}:${id}`,
    id,
    name,
    accountId,
    region,
    engineType,
    tags: {team: 'platform'},
  };
}

export const BROKERS = {
  ordersProd: broker(PROD_ACCOUNT, 'eu-west-1', 'orders-prod', 'ACTIVEMQ', 'b-1a2b3c4d-0001-4e5f-8a9b-000000000001'),
  billingEvents: broker(
    PROD_ACCOUNT,
    'eu-west-1',
    'billing-events',
    'RABBITMQ',
    'b-1a2b3c4d-0002-4e5f-8a9b-000000000002',
  ),
  inventorySync: broker(
    PROD_ACCOUNT,
    'us-east-1',
    'inventory-sync',
    'ACTIVEMQ',
    'b-1a2b3c4d-0003-4e5f-8a9b-000000000003',
  ),
  paymentsDr: broker(STAGING_ACCOUNT, 'eu-west-1', 'payments-dr', 'RABBITMQ', 'b-1a2b3c4d-0004-4e5f-8a9b-000000000004'),
  legacyBatch: broker(
    STAGING_ACCOUNT,
    'eu-west-1',
    'legacy~batch.01',
    'ACTIVEMQ',
    'b-1a2b3c4d-0005-4e5f-8a9b-000000000005',
  ),
};

function policy(fields: Partial<ReportedPolicy> & Pick<ReportedPolicy, 'id' | 'severity' | 'title'>): ReportedPolicy {
  return {
    description: `${fields.title}.`,
    rationale: 'A finding here weakens the security of the messaging estate.',
    remediation: 'Change the broker configuration and re-run mq-audit.',
    helpUri: `https://docs.example.com/mq-audit/policies/${fields.id}`,
    controls: {},
    source: `policies/${fields.id}.json`,
    builtIn: true,
    parameterValues: {},
    ...fields,
  };
}

export function reportedPolicies(): ReportedPolicy[] {
  return [
    policy({
      id: 'mq/no-public-access',
      title: 'Brokers are not publicly accessible',
      severity: 'critical',
      description: 'A broker created with PubliclyAccessible=true has endpoints reachable from the internet.',
      rationale: 'Public brokers are exposed to credential stuffing and protocol-level attacks.',
      remediation: 'Recreate the broker in private subnets with public accessibility disabled.',
      helpUri: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html',
      controls: {awsConfig: ['mq-no-public-access']},
      tags: ['exposure', 'network'],
      precision: 'very-high',
    }),
    policy({
      id: 'mq/audit-logs',
      title: 'ActiveMQ brokers stream audit logs to CloudWatch',
      severity: 'medium',
      engines: ['ACTIVEMQ'],
      controls: {
        awsConfig: ['mq-cloudwatch-audit-log-enabled'],
        securityHub: ['MQ.2'],
        nist80053: ['AU-2', 'AU-3', 'AU-12', 'SI-4'],
        pciDss: ['10.3.3'],
      },
      tags: ['logging'],
    }),
    policy({
      id: 'mq/production-ha',
      title: 'Production brokers are highly available',
      severity: 'high',
      controls: {securityHub: ['MQ.5', 'MQ.6'], controlTower: ['CT.MQ.PR.1', 'CT.MQ.PR.2']},
      tags: ['resilience'],
      parameters: {environmentTagKey: {description: 'Tag that marks production brokers.', default: 'env'}},
      parameterValues: {environmentTagKey: 'env', productionValues: ['prod', 'production']},
    }),
    policy({
      id: 'mq/supported-engine-version',
      title: 'Brokers run a supported engine version',
      severity: 'high',
      controls: {awsConfig: ['active-mq-supported-version', 'rabbit-mq-supported-version']},
    }),
    policy({
      id: 'mq/required-tags',
      title: 'Brokers carry the required tags',
      severity: 'low',
      controls: {securityHub: ['MQ.4']},
      precision: 'medium',
      parameterValues: {requiredTagKeys: ['owner', 'cost-center']},
    }),
    policy({
      id: 'mq/rabbitmq-cluster-mode',
      title: 'RabbitMQ brokers use cluster deployment mode',
      severity: 'low',
      engines: ['RABBITMQ'],
      controls: {securityHub: ['MQ.6']},
    }),
    // Checked but never matched: it must still appear among the SARIF rules.
    policy({id: 'network/private-path', title: 'Clients reach brokers over a private path', severity: 'high'}),
  ];
}

function evaluation(
  policyId: string,
  severity: Severity,
  resource: ResourceRef,
  status: Status,
  message: string,
  explanations?: Explanation[],
): Evaluation {
  return {policyId, status, severity, resource, message, ...(explanations ? {explanations} : {})};
}

export function evaluations(): Evaluation[] {
  const {ordersProd, billingEvents, inventorySync, paymentsDr, legacyBatch} = BROKERS;
  const notRead = 'its details could not be read (DescribeBroker failed), so /details is missing.';
  return [
    // orders-prod: ActiveMQ, public, no audit log.
    evaluation(
      'mq/no-public-access',
      'critical',
      ordersProd,
      'fail',
      'Broker orders-prod is publicly accessible from the internet.',
      [{path: '/details/publiclyAccessible', found: true, expected: 'false'}],
    ),
    evaluation(
      'mq/audit-logs',
      'medium',
      ordersProd,
      'fail',
      'Broker orders-prod does not stream audit logs to CloudWatch.',
      [{path: '/details/logs/audit', found: false, expected: 'true'}],
    ),
    evaluation('mq/production-ha', 'high', ordersProd, 'pass', 'Broker orders-prod runs ACTIVE_STANDBY_MULTI_AZ.'),
    evaluation(
      'mq/supported-engine-version',
      'high',
      ordersProd,
      'pass',
      'Broker orders-prod runs ActiveMQ 5.18, which is supported.',
    ),
    evaluation('mq/required-tags', 'low', ordersProd, 'pass', 'Broker orders-prod carries every required tag.'),
    evaluation(
      'mq/rabbitmq-cluster-mode',
      'low',
      ordersProd,
      'not_applicable',
      'Broker orders-prod is not a RabbitMQ broker.',
    ),
    // billing-events: RabbitMQ single instance in production.
    evaluation('mq/no-public-access', 'critical', billingEvents, 'pass', 'Broker billing-events is private.'),
    evaluation(
      'mq/audit-logs',
      'medium',
      billingEvents,
      'not_applicable',
      'Broker billing-events is not an ActiveMQ broker.',
    ),
    evaluation(
      'mq/production-ha',
      'high',
      billingEvents,
      'fail',
      'Broker billing-events is tagged env=prod but runs SINGLE_INSTANCE, so one instance failure stops all messaging for the billing pipeline and every consumer that depends on it.',
      [{path: '/deploymentMode', found: 'SINGLE_INSTANCE', expected: 'CLUSTER_MULTI_AZ'}],
    ),
    evaluation(
      'mq/supported-engine-version',
      'high',
      billingEvents,
      'pass',
      'Broker billing-events runs RabbitMQ 3.13, which is supported.',
    ),
    evaluation('mq/required-tags', 'low', billingEvents, 'pass', 'Broker billing-events carries every required tag.'),
    evaluation(
      'mq/rabbitmq-cluster-mode',
      'low',
      billingEvents,
      'fail',
      'Broker billing-events uses SINGLE_INSTANCE deployment mode.',
      [{path: '/deploymentMode', found: 'SINGLE_INSTANCE', expected: 'CLUSTER_MULTI_AZ'}],
    ),
    // inventory-sync: clean.
    evaluation('mq/no-public-access', 'critical', inventorySync, 'pass', 'Broker inventory-sync is private.'),
    evaluation('mq/audit-logs', 'medium', inventorySync, 'pass', 'Broker inventory-sync streams audit logs.'),
    evaluation('mq/production-ha', 'high', inventorySync, 'pass', 'Broker inventory-sync is not a production broker.'),
    evaluation(
      'mq/supported-engine-version',
      'high',
      inventorySync,
      'pass',
      'Broker inventory-sync runs ActiveMQ 5.18.',
    ),
    evaluation('mq/required-tags', 'low', inventorySync, 'pass', 'Broker inventory-sync carries every required tag.'),
    evaluation(
      'mq/rabbitmq-cluster-mode',
      'low',
      inventorySync,
      'not_applicable',
      'Broker inventory-sync is not a RabbitMQ broker.',
    ),
    // payments-dr: DescribeBroker was denied, so most policies could not be evaluated.
    evaluation('mq/no-public-access', 'critical', paymentsDr, 'error', `Broker payments-dr: ${notRead}`),
    evaluation('mq/production-ha', 'high', paymentsDr, 'pass', 'Broker payments-dr runs CLUSTER_MULTI_AZ.'),
    evaluation('mq/supported-engine-version', 'high', paymentsDr, 'error', `Broker payments-dr: ${notRead}`),
    evaluation('mq/required-tags', 'low', paymentsDr, 'error', `Broker payments-dr: ${notRead}`),
    evaluation('mq/rabbitmq-cluster-mode', 'low', paymentsDr, 'pass', 'Broker payments-dr uses CLUSTER_MULTI_AZ.'),
    // legacy~batch.01: end-of-support engine, missing tags, and one policy that could not run.
    evaluation('mq/no-public-access', 'critical', legacyBatch, 'pass', 'Broker legacy~batch.01 is private.'),
    evaluation('mq/audit-logs', 'medium', legacyBatch, 'error', 'Broker legacy~batch.01: /details/logs/audit is null.'),
    evaluation(
      'mq/supported-engine-version',
      'high',
      legacyBatch,
      'fail',
      'Broker legacy~batch.01 runs ActiveMQ 5.15.16, which reached end of support.',
      [{path: '/details/engineVersion', found: '5.15.16', expected: 'a version at or above 5.17'}],
    ),
    evaluation(
      'mq/required-tags',
      'low',
      legacyBatch,
      'fail',
      'Broker legacy~batch.01 lacks the required tags owner and cost-center.',
      [
        {path: '/details/tags/owner', found: undefined, expected: 'a value'},
        {path: '/details/tags/cost-center', found: undefined, expected: 'a value'},
        {path: '/details/tags', found: {team: 'platform'}, expected: 'keys owner, cost-center'},
        {path: '/details/tags/team', found: 'platform', expected: 'any value'},
      ],
    ),
    evaluation(
      'mq/production-ha',
      'high',
      legacyBatch,
      'not_applicable',
      'Broker legacy~batch.01 is not a production broker.',
    ),
    evaluation(
      'mq/rabbitmq-cluster-mode',
      'low',
      legacyBatch,
      'not_applicable',
      'Broker legacy~batch.01 is not a RabbitMQ broker.',
    ),
  ];
}

export function collectionErrors(): CollectionError[] {
  return [
    {
      accountId: STAGING_ACCOUNT,
      region: 'eu-west-1',
      service: 'mq',
      operation: 'DescribeBroker',
      code: 'AccessDeniedException',
      kind: 'access-denied',
      message: `User: arn:aws:sts::${STAGING_ACCOUNT}:assumed-role/mq-audit/ci is not authorized to perform: mq:DescribeBroker`,
      resource: BROKERS.paymentsDr.id,
    },
    {
      accountId: PROD_ACCOUNT,
      region: 'us-east-1',
      service: 'ec2',
      operation: 'DescribeRouteTables',
      code: 'RequestLimitExceeded',
      kind: 'throttled',
      message: 'Request limit exceeded.',
    },
  ];
}

export function summarize(results: Evaluation[], errors: CollectionError[]): ReportSummary {
  const byStatus = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const ev of results) {
    byStatus[ev.status] += 1;
    if (ev.status === 'fail') failingBySeverity[ev.severity] += 1;
  }
  return {
    brokers: new Set(results.map((ev) => ev.resource.arn)).size,
    evaluations: results.length,
    byStatus,
    failingBySeverity,
    collectionErrors: errors.length,
  };
}

/** Assembles a report around the given results; the gate here is data, not the real gate logic. */
export function assembleReport(
  policies: ReportedPolicy[],
  results: Evaluation[],
  errors: CollectionError[],
): ScanReport {
  const summary = summarize(results, errors);
  const failing = summary.failingBySeverity.critical + summary.failingBySeverity.high;
  const incomplete = errors.length > 0 || summary.byStatus.error > 0;
  const exitCode = failing > 0 ? EXIT.gateFailed : incomplete ? EXIT.incomplete : EXIT.ok;
  const reason =
    failing > 0
      ? `${failing} failing results are at or above severity high.`
      : incomplete
        ? 'The scan was incomplete: some calls or evaluations failed.'
        : 'No failing results at or above severity high.';
  const scopes = [
    ...new Map(results.map((ev) => [`${ev.resource.accountId}/${ev.resource.region}`, ev.resource])).values(),
  ].map((resource) => ({accountId: resource.accountId, region: resource.region}));
  return {
    kind: REPORT_KIND,
    reportVersion: REPORT_VERSION,
    tool: {name: 'mq-audit', version: '0.1.0'},
    generatedAt: '2026-11-25T09:30:12.345Z',
    inventory: {collectedAt: '2026-11-25T09:29:58Z', method: 'live', scopes, source: 'aws'},
    policies,
    results,
    collectionErrors: errors,
    summary,
    gate: {failOn: 'high', exitCode, reason},
  };
}

/** The standard fixture; a fresh object on every call, so tests may mutate it. */
export function buildReport(): ScanReport {
  return assembleReport(reportedPolicies(), evaluations(), collectionErrors());
}

/** The same report with its arrays in another (seeded, reproducible) order. */
export function shuffledReport(report: ScanReport, seed = 7): ScanReport {
  const random = mulberry32(seed);
  return {
    ...report,
    policies: shuffle(report.policies, random),
    results: shuffle(report.results, random),
    collectionErrors: shuffle(report.collectionErrors, random),
  };
}

/**
 * `failCount` failing results spread over many brokers and the fixture's policies, with severities mixed,
 * for the GitHub 25,000-results limit.
 */
export function largeReport(failCount: number): ScanReport {
  const policies = reportedPolicies().filter((p) => p.id !== 'network/private-path');
  const results: Evaluation[] = [];
  for (let i = 0; results.length < failCount; i++) {
    const resource = broker(
      PROD_ACCOUNT,
      i % 2 === 0 ? 'eu-west-1' : 'us-east-1',
      `broker-${String(i).padStart(5, '0')}`,
      'ACTIVEMQ',
      `b-${i}`,
    );
    for (const p of policies) {
      if (results.length === failCount) break;
      results.push(evaluation(p.id, p.severity, resource, 'fail', `Broker ${resource.name} fails ${p.id}.`));
    }
  }
  return assembleReport(policies, results, []);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
