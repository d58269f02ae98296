/**
 * The build is committed (dist/ without declarations, and oclif.manifest.json) so that the GitHub Action installs
 * runtime dependencies only and runs it as is (CONTRIBUTING.md). These tests keep it from drifting from the source:
 * `npm test` builds first, and the build must then reproduce the committed files exactly — in CI, a clean clone,
 * that fails any commit that changed the source without its build. The action checks the stamp too, at run time.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {join} from 'node:path';

import {ROOT} from './helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript without types (no allowJs)
const {BUILD_INPUTS, STAMP, readStamp, sourceHash} = require('../scripts/source-hash.js') as {
  BUILD_INPUTS: string[];
  STAMP: string;
  readStamp: (root: string) => string | undefined;
  sourceHash: (root: string) => string;
};

const BUILD_OUTPUTS = ['dist', 'oclif.manifest.json'];

function git(...args: string[]): string {
  return execFileSync('git', args, {cwd: ROOT, encoding: 'utf8'});
}

const inGit = ((): boolean => {
  try {
    return git('rev-parse', '--is-inside-work-tree').trim() === 'true';
  } catch {
    return false; // an unpacked npm package: nothing committed to compare with
  }
})();

/** Paths under `paths` that differ from the last commit (staged, unstaged or untracked; ignored files are not). */
function changed(paths: string[]): string[] {
  return git('status', '--porcelain', '--untracked-files=all', '--', ...paths)
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
}

describe('the committed build', () => {
  it(`is stamped with the source it was built from (${STAMP}), and that is this source`, () => {
    expect(readStamp(ROOT)).toBe(sourceHash(ROOT));
  });

  (inGit ? it : it.skip)(
    'is what `npm run build` makes of the committed source: commit dist/ and oclif.manifest.json with the source',
    () => {
      const source = changed(BUILD_INPUTS);
      const build = changed(BUILD_OUTPUTS);
      // With uncommitted source changes the build differs too, and is committed with them; nothing to compare yet.
      if (source.length === 0 && build.length > 0) {
        throw new Error(
          `The committed build differs from a build of the committed source: run \`npm run build\` and commit dist/ and oclif.manifest.json.\n` +
            `Differs (${build.length}): ${build.slice(0, 10).join(', ')}${build.length > 10 ? ', …' : ''}`,
        );
      }
    },
  );

  (inGit ? it : it.skip)(
    'stays small: JavaScript and JSON only (no declarations, source maps or bundles), under 4 MB',
    () => {
      const tracked = git('ls-files', '--', ...BUILD_OUTPUTS)
        .split('\n')
        .filter(Boolean);
      expect(tracked.filter((path) => !/\.(js|json|sha256)$/.test(path) || path.endsWith('.d.ts'))).toEqual([]);
      expect(tracked).toContain('dist/commands/scan.js');
      expect(tracked).toContain('oclif.manifest.json');
      // A tracked file the build no longer writes is drift, which the test above reports.
      const bytes = tracked
        .filter((path) => existsSync(join(ROOT, path)))
        .reduce((sum, path) => sum + statSync(join(ROOT, path)).size, 0);
      expect(bytes).toBeLessThan(4 * 1024 * 1024);
    },
  );
});
