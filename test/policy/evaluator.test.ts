import {evaluateSnapshot} from '../../src/policy/evaluate';
import {loadPolicies} from '../../src/policy/loader';
import {evaluationOptions} from '../../src/services/evaluation';
import {readSnapshot} from '../../src/snapshot/read';
import {broker, describeBrokerDenied, snapshotOf} from '../helpers/snapshot-builder';

describe('evaluator: mq/no-public-access', () => {
  const policies = loadPolicies({include: ['mq/no-public-access']});

  it('passes a private broker, fails a public one and names the value found', () => {
    const results = evaluateSnapshot(snapshotOf([broker('private'), broker('public', {}, {publiclyAccessible: true})]), policies);
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([['private', 'pass'], ['public', 'fail']]);
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
