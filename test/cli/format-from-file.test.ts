/** The format an --output file name implies, for scan, report merge and paths (one table of extensions). */
import {formatFromFile, reportFormat} from '../../src/cli/flags';
import {FORMATS} from '../../src/report/index';
import {PATHS_FORMATS} from '../../src/report/paths';

describe('formatFromFile', () => {
  it.each([
    ['results.sarif', 'sarif'],
    ['out/results.SARIF.json', 'sarif'],
    ['report.json', 'json'],
    ['summary.md', 'markdown'],
    ['summary.markdown', 'markdown'],
    ['junit.xml', 'junit'],
    ['audit.html', 'html'],
    ['out/Report.HTM', 'html'],
  ])('a report written to %s is %s', (file, format) => {
    expect(formatFromFile(file, FORMATS)).toBe(format);
  });

  it('implies nothing for no file, standard output or an extension it does not know', () => {
    expect(formatFromFile(undefined, FORMATS)).toBeUndefined();
    expect(formatFromFile('-', FORMATS)).toBeUndefined();
    expect(formatFromFile('report.txt', FORMATS)).toBeUndefined();
    expect(formatFromFile('report.mmd', FORMATS)).toBeUndefined();
  });

  it('offers only what the command writes: paths has mermaid and no SARIF, so .sarif.json is plain JSON there', () => {
    expect(formatFromFile('flow.mmd', PATHS_FORMATS)).toBe('mermaid');
    expect(formatFromFile('flow.mermaid', PATHS_FORMATS)).toBe('mermaid');
    expect(formatFromFile('paths.md', PATHS_FORMATS)).toBe('markdown');
    expect(formatFromFile('paths.sarif.json', PATHS_FORMATS)).toBe('json');
    expect(formatFromFile('paths.sarif', PATHS_FORMATS)).toBeUndefined();
    expect(formatFromFile('paths.xml', PATHS_FORMATS)).toBeUndefined();
  });
});

describe('reportFormat (scan, report merge)', () => {
  it('takes the chosen format first, then the output file, then table for a terminal and JSON for a pipe', () => {
    expect(reportFormat('markdown', 'report.sarif', true)).toBe('markdown');
    expect(reportFormat(undefined, 'report.sarif', true)).toBe('sarif');
    expect(reportFormat(undefined, 'report.txt', true)).toBe('table');
    expect(reportFormat(undefined, undefined, true)).toBe('table');
    expect(reportFormat(undefined, undefined, false)).toBe('json');
    expect(reportFormat(undefined, '-', false)).toBe('json');
  });
});
