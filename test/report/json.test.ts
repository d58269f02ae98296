import {renderJson} from '../../src/report/json';
import {buildReport} from '../helpers/report-fixture';

describe('renderJson', () => {
  it('round-trips the report', () => {
    const report = buildReport();
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('is two-space indented with a final newline, keys in the report order', () => {
    const text = renderJson(buildReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "kind": "mq-audit/report",\n  "reportVersion": 1,\n  "tool": {')).toBe(true);
  });
});
