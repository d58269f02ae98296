import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {brokerDocuments, evaluateSnapshot} from '../../src/policy/evaluate';
import {evaluatePolicy} from '../../src/policy/evaluator';
import {loadPolicies} from '../../src/policy/loader';
import {evaluationOptions} from '../../src/services/evaluation';
import {readSnapshot} from '../../src/snapshot/read';
import {broker, describeBrokerDenied, snapshotOf} from '../helpers/snapshot-builder';

describe('evaluator: mq/no-public-access', () => {
  const policies = loadPolicies({include: ['mq/no-public-access']});

  it('passes a private broker, fails a public one and names the value found', () => {
    const results = evaluateSnapshot(
      snapshotOf([broker('private'), broker('public', {}, {publiclyAccessible: true})]),
      policies,
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['private', 'pass'],
      ['public', 'fail'],
    ]);
    expect(results[1].message).toMatch(/^Broker public fails mq\/no-public-access .*publiclyAccessible is true/);
  });

  it('reports error, never pass, when DescribeBroker was denied', () => {
    const denied = broker('denied', {details: null});
    const [result] = evaluateSnapshot(snapshotOf([denied], [describeBrokerDenied(denied)]), policies);
    expect(result.status).toBe('error');
    expect(result.message).toContain('publiclyAccessible is unknown (DescribeBroker failed: AccessDeniedException)');
  });
});

describe('the quick validators', () => {
  it('decide exactly as the full ones: every result on the demo estate is the same without them', () => {
    const snapshot = readSnapshot('fixtures/demo/inventory.json');
    const policies = loadPolicies({});
    expect(policies.every((p) => p.checks.quick !== undefined)).toBe(true);
    const slow = policies.map((p) => ({...p, checks: {assert: p.checks.assert, appliesTo: p.checks.appliesTo}}));
    const options = evaluationOptions(snapshot, {defaults: {}});
    const fast = evaluateSnapshot(snapshot, policies, options);
    expect(fast.length).toBeGreaterThan(50);
    expect(new Set(fast.map((r) => r.status))).toEqual(new Set(['pass', 'fail', 'not_applicable', 'error']));
    expect(fast).toEqual(evaluateSnapshot(snapshot, slow, options));
  });
});

describe('failures explained once per distinct failure', () => {
  it('give exactly the results of explaining every evaluation afresh (demo estate)', () => {
    const snapshot = readSnapshot('fixtures/demo/inventory.json');
    const policies = loadPolicies({});
    const options = evaluationOptions(snapshot, {defaults: {}});
    const remembered = evaluateSnapshot(snapshot, policies, options);
    // Fresh copies of the policies for every broker: nothing remembered from one broker to the next.
    const afresh = brokerDocuments(snapshot, options).flatMap((document) =>
      policies.map((policy) => evaluatePolicy({...policy}, document)),
    );
    expect(remembered.filter((r) => r.status === 'fail').length).toBeGreaterThan(10);
    expect(remembered).toEqual(afresh);
  });

  it('share one explanation between brokers that fail alike, each message naming its own broker and values', () => {
    const policies = loadPolicies({include: ['mq/auto-minor-version-upgrade', 'mq/no-public-access']});
    const brokers = [
      broker('alpha', {}, {autoMinorVersionUpgrade: false, engineVersion: '5.18', publiclyAccessible: true}),
      broker('bravo', {}, {autoMinorVersionUpgrade: false, engineVersion: '5.17.6', publiclyAccessible: true}),
      broker('charlie', {}, {autoMinorVersionUpgrade: true, publiclyAccessible: false}),
    ];
    const results = evaluateSnapshot(snapshotOf(brokers), policies);
    const of = (name: string, policyId: string) =>
      results.find((r) => r.resource.name === name && r.policyId === policyId)!;

    const [alpha, bravo] = [of('alpha', 'mq/auto-minor-version-upgrade'), of('bravo', 'mq/auto-minor-version-upgrade')];
    expect([alpha.status, bravo.status]).toEqual(['fail', 'fail']);
    expect(alpha.explanations).toBe(bravo.explanations);
    // The policy's message template reads each broker's own engine version.
    expect(alpha.message).toMatch(/^Broker alpha fails .*engine version 5\.18 stays/);
    expect(bravo.message).toMatch(/^Broker bravo fails .*engine version 5\.17\.6 stays/);

    expect(of('alpha', 'mq/no-public-access').explanations).toBe(of('bravo', 'mq/no-public-access').explanations);
    expect(of('alpha', 'mq/no-public-access').explanations).not.toBe(alpha.explanations);
    expect(of('charlie', 'mq/no-public-access')).toMatchObject({
      status: 'pass',
      message: 'Broker charlie complies with mq/no-public-access.',
    });
  });

  it('keep the reasons of unknown values to each broker', () => {
    const policies = loadPolicies({include: ['mq/no-public-access']});
    const denied = [broker('one', {details: null}), broker('two', {details: null})];
    const results = evaluateSnapshot(
      snapshotOf(
        denied,
        denied.map((b) => describeBrokerDenied(b)),
      ),
      policies,
    );
    expect(results.map((r) => r.status)).toEqual(['error', 'error']);
    expect(results[0].message).toMatch(/^Broker one could not be evaluated/);
    expect(results[1].message).toMatch(/^Broker two could not be evaluated/);
  });
});

describe('failures told apart by what explains them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mq-audit-evaluator-'));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));
  const policyOf = (id: string, assert: unknown) => {
    const file = join(dir, `${id}.json`);
    const metadata = {
      title: id,
      severity: 'low',
      description: 'd',
      rationale: 'r',
      remediation: 'r',
      helpUri: 'https://example.com',
      controls: {},
    };
    writeFileSync(file, JSON.stringify({id: `test/${id}`, ...metadata, assert}));
    // Synthetic members (tier, labels) the broker document does not have: not linted.
    const [policy] = loadPolicies({builtIn: false, paths: [file], lint: false});
    return policy;
  };

  const documentWith = (name: string, fields: Record<string, unknown>) => ({
    ...brokerDocuments(snapshotOf([broker(name)]))[0],
    ...fields,
  });

  it('keeps values of different types apart ("1", 1, true, an object and its JSON text)', () => {
    const policy = policyOf('tier', {properties: {tier: {const: 'gold'}}});
    const values: unknown[] = ['1', 1, true, {a: 1}, '{"a":1}', '1'];
    const results = values.map((value, i) => evaluatePolicy(policy, documentWith(`b${i}`, {tier: value})));
    expect(results.map((r) => r.status)).toEqual(values.map(() => 'fail'));
    expect(results.map((r) => r.explanations?.[0].found)).toEqual(values);
    // The same failure again shares its explanation.
    expect(results[5].explanations).toBe(results[0].explanations);
    expect(new Set(results.slice(0, 5).map((r) => r.explanations)).size).toBe(5);
  });

  it('keeps missing properties apart by name', () => {
    const policy = policyOf('owner', {properties: {labels: {type: 'object', required: ['owner', 'team']}}});
    const [noOwner, noTeam, noOwnerAgain] = [{team: 't'}, {owner: 'o'}, {team: 'u'}].map((labels, i) =>
      evaluatePolicy(policy, documentWith(`m${i}`, {labels})),
    );
    expect(noOwner.message).toContain('labels.owner is missing');
    expect(noTeam.message).toContain('labels.team is missing');
    expect(noOwnerAgain.explanations).toBe(noOwner.explanations);
  });

  it('remembers per compiled policy: a copy of it starts with nothing remembered (as the benchmark relies on)', () => {
    const policy = policyOf('copy', {properties: {tier: {const: 'gold'}}});
    const first = evaluatePolicy(policy, documentWith('c1', {tier: 'silver'}));
    expect(evaluatePolicy(policy, documentWith('c2', {tier: 'silver'})).explanations).toBe(first.explanations);
    const copied = evaluatePolicy({...policy}, documentWith('c3', {tier: 'silver'}));
    expect(copied.explanations).toEqual(first.explanations);
    expect(copied.explanations).not.toBe(first.explanations);
    // A frozen one cannot keep a memo, and is evaluated all the same.
    const frozen = Object.freeze({...policy});
    expect(evaluatePolicy(frozen, documentWith('c4', {tier: 'silver'})).explanations).toEqual(first.explanations);
    expect(evaluatePolicy(frozen, documentWith('c5', {tier: 'gold'})).status).toBe('pass');
  });

  it("puts each broker's own name in front of its message, whatever order documents come in", () => {
    const policy = policyOf('names', {properties: {tier: {const: 'gold'}}});
    const [a, b] = [documentWith('alpha', {tier: 'x'}), documentWith('beta', {tier: 'x'})];
    const messages = [a, b, a, a, b].map((document) => evaluatePolicy(policy, document).message);
    expect(messages.map((m) => m.split(' ')[1])).toEqual(['alpha', 'beta', 'alpha', 'alpha', 'beta']);
  });
});
