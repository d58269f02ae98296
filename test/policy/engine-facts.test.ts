/** Engine facts that make policies short: the version as numbers, and the days of support left (issue 19). */
import {lookUpEngineSupport} from '../../src/policy/document';
import supportTable from '../../src/policy/engine-versions.json';

describe('facts.engineVersionSupport', () => {
  it('gives the major and minor as numbers and counts the days to the end of support from the collection date', () => {
    const line = supportTable.engines.ACTIVEMQ.find((entry) => entry.endOfSupport !== null)!;
    const [major, minor] = line.version.split('.').map(Number);
    const tenDaysBefore = new Date(Date.parse(line.endOfSupport) - 10 * 86_400_000).toISOString();
    expect(lookUpEngineSupport('ACTIVEMQ', `${line.version}.3`, tenDaysBefore)).toMatchObject({
      line: line.version,
      major,
      minor,
      status: 'supported',
      daysOfSupportLeft: 10,
    });
    const afterwards = new Date(Date.parse(line.endOfSupport) + 30 * 86_400_000).toISOString();
    expect(lookUpEngineSupport('ACTIVEMQ', line.version, afterwards)).toMatchObject({
      status: 'end-of-support',
      daysOfSupportLeft: -30,
    });
  });

  it('has no day count where no end is announced, and no numbers for a version that is not one', () => {
    const open = supportTable.engines.RABBITMQ.find((entry) => entry.endOfSupport === null)!;
    const facts = lookUpEngineSupport('RABBITMQ', open.version, '2026-12-01T00:00:00Z');
    expect(facts.status).toBe('supported');
    expect(facts.daysOfSupportLeft).toBeUndefined();
    const odd = lookUpEngineSupport('RABBITMQ', 'latest', '2026-12-01T00:00:00Z');
    expect([odd.major, odd.minor, odd.status]).toEqual([undefined, undefined, null]);
  });
});
