import {FORMATS, isFormat, render} from '../../src/report';
import {renderHtml} from '../../src/report/html';
import {renderJson} from '../../src/report/json';
import {renderSarif} from '../../src/report/sarif';
import {renderTable} from '../../src/report/table';
import {buildReport} from '../helpers/report-fixture';

describe('report format registry', () => {
  const report = buildReport();

  it('offers table, json, sarif, markdown, junit and html, table first (the default for people)', () => {
    expect(FORMATS).toEqual(['table', 'json', 'sarif', 'markdown', 'junit', 'html']);
  });

  it('renders each format with its formatter and passes the options on', () => {
    expect(render('table', report, {color: true})).toBe(renderTable(report, {color: true}));
    expect(render('json', report, {})).toBe(renderJson(report));
    expect(render('sarif', report, {category: 'ci/prod'})).toBe(renderSarif(report, {category: 'ci/prod'}));
    expect(render('html', report, {})).toBe([...renderHtml(report, {})].join(''));
  });

  it('tells formats from other strings', () => {
    expect(FORMATS.every(isFormat)).toBe(true);
    expect(isFormat('csv')).toBe(false);
    expect(() => render('csv' as never, report, {})).toThrow(/unknown report format "csv"/);
  });
});
