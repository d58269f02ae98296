/** The policy-folder walk does not follow symlinks out of the folder (issue 18, item 14). */
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {isInputError} from '../../src/foundation/errors';
import {findPolicyFiles} from '../../src/policy/loader';
import {ROOT} from '../helpers/cli';

describe('findPolicyFiles and symlinks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-symlinks-'));
    mkdirSync(join(dir, 'policies', 'acme'), {recursive: true});
    copyFileSync(join(ROOT, 'policies', 'mq', 'logging.json'), join(dir, 'policies', 'acme', 'logging.json'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('refuses a .json symlink to a file outside the folder, naming it', () => {
    symlinkSync('/etc/passwd', join(dir, 'policies', 'acme', 'x.json'));
    let error: unknown;
    try {
      findPolicyFiles(join(dir, 'policies'));
    } catch (caught) {
      error = caught;
    }
    expect(isInputError(error) && error.problem).toMatch(
      /^is a symlink to something outside the policy folder; policy files must be regular files inside /,
    );
    expect(isInputError(error) && error.source).toMatch(/x\.json$/);
  });

  it('reads a symlink to a file inside the folder, and does not walk a symlinked folder', () => {
    symlinkSync(join(dir, 'policies', 'acme', 'logging.json'), join(dir, 'policies', 'acme', 'alias.json'));
    symlinkSync('/etc', join(dir, 'policies', 'etc'));
    const files = findPolicyFiles(join(dir, 'policies')).map((f) => f.file.split('/').slice(-2).join('/'));
    expect(files).toEqual(['acme/alias.json', 'acme/logging.json']);
  });
});
