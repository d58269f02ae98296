import {KNOWN_MQ_REGIONS} from '../../src/inventory/regions';
import {
  closestRegions,
  editDistance,
  KNOWN_AWS_REGIONS,
  NEW_REGION_SLACK,
  regionProblem,
} from '../../src/inventory/region-names';

describe('regionProblem: a region name AWS does not have', () => {
  it("accepts every known region, Amazon MQ's among them", () => {
    for (const region of KNOWN_AWS_REGIONS) expect(regionProblem(region)).toBeUndefined();
    for (const region of KNOWN_MQ_REGIONS) expect(KNOWN_AWS_REGIONS).toContain(region);
  });

  it('refuses a number that skips ahead, naming the closest regions', () => {
    expect(regionProblem('us-east-9')).toBe(
      '"us-east-9" is not an AWS region: AWS numbers regions in order from 1, and the highest us-east region known on 2026-12-07 is us-east-2 (the next 2 are accepted, for regions opened since); did you mean us-east-1 or us-east-2?',
    );
    expect(regionProblem('eu-west-0')).toMatch(
      /numbers start at 1; did you mean eu-west-1 or eu-west-2 or eu-west-3\?/,
    );
  });

  it('refuses a direction AWS does not use, and a name of the wrong shape', () => {
    expect(regionProblem('eu-wset-1')).toMatch(
      /^"eu-wset-1" is not an AWS region: "wset" is not a direction .*; did you mean eu-west-1\?$/,
    );
    expect(regionProblem('euwest1')).toMatch(/is not an AWS region name; did you mean eu-west-1\?/);
    expect(regionProblem('EU-WEST-1')).toMatch(/is not an AWS region name/);
    expect(regionProblem('x'.repeat(200))).toBe(
      `"${'x'.repeat(200)}" is not an AWS region name; expected e.g. eu-west-1`,
    );
  });

  it('accepts what AWS may have opened since the list was made: the next numbers, a new direction, a new geography', () => {
    expect(NEW_REGION_SLACK).toBe(2);
    for (const region of [
      'ap-southeast-8',
      'ap-southeast-9',
      'us-east-3',
      'ca-east-1',
      'eu-central-3',
      'nz-north-1',
      'us-gov-central-1',
      'eusc-de-west-1',
    ]) {
      expect(regionProblem(region)).toBeUndefined();
    }
    for (const region of ['ap-southeast-10', 'us-east-5', 'ca-east-3', 'nz-north-3'])
      expect(regionProblem(region)).toBeDefined();
  });

  it('edit distance', () => {
    expect(editDistance('us-east-9', 'us-east-1')).toBe(1);
    expect(editDistance('eu-wset-1', 'eu-west-1')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestRegions('ap-southeast-9', 2)).toEqual(['ap-southeast-1', 'ap-southeast-2']);
    expect(closestRegions('zzzzzzzzzzzz')).toEqual([]);
  });
});
