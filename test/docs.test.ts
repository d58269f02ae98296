/**
 * The docs say what the code does: the README's policy table is generated from the policy files, and every
 * relative link in the README and docs/ points at a file that exists.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {loadPolicies} from '../src/policy/loader';
import {policyCatalogueMarkdown} from '../src/report/catalogue';

const README = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('carries the policy table exactly as `policies list --markdown` prints it', () => {
    const block = /<!-- policies-table:start[^>]*-->\n([\s\S]*?)<!-- policies-table:end -->/.exec(README);
    expect(block).not.toBeNull();
    // On failure: node bin/run.js policies list --markdown, and paste it between the markers.
    expect(block?.[1]).toBe(policyCatalogueMarkdown(loadPolicies({})));
  });

  it('gives the two set-up commands: one runs the demo, one the whole test suite', () => {
    expect(README).toContain('npm ci && npm run demo');
    expect(README).toContain('npm ci && npm test');
    expect(readFileSync('.ci/run', 'utf8')).toContain('npm ci && npm test');
  });
});

describe('links in README.md and docs/', () => {
  const files = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
  it.each(files)('%s links only to files that exist', (file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t) && !/^\d+$/.test(t));
    const missing = targets.filter((target) => !existsSync(resolve(dirname(file), target)));
    expect(missing).toEqual([]);
  });
});
