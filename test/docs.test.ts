/**
 * The docs say what the code does: the README is a front page (at most 200 lines) whose policy table is generated
 * from the policy files, whose format list is the formats the CLI accepts and whose examples use commands and flags
 * that exist; CONTRIBUTING.md names files, scripts and benchmark flags that exist; every relative link in the
 * README, CONTRIBUTING.md, CHANGELOG.md and docs/ points at a file that exists, and at a heading that exists there.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {loadPolicies} from '../src/policy/loader';
import {policyCatalogueMarkdown} from '../src/report/catalogue';
import {FORMATS} from '../src/report/index';
import {ROOT, runCli} from './helpers/cli';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CONTRIBUTING = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {scripts: Record<string, string>};

interface ManifestFlag {
  name: string;
  char?: string;
  type: 'boolean' | 'option';
  allowNo?: boolean;
  options?: string[];
}
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, {flags: Record<string, ManifestFlag>}>;
};

/** Markdown without its fenced code blocks (a `# comment` in a shell example is not a heading). */
function withoutCode(markdown: string): string {
  return markdown.replaceAll(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** The fenced code blocks of `markdown` in one of `languages`. */
function codeBlocks(markdown: string, languages: string[]): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
    .filter((m) => languages.includes(m[1]))
    .map((m) => m[2]);
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading.replaceAll(/\[([^\]]*)\]\([^)]*\)/g, '$1').replaceAll(/<[^>]+>/g, '');
    const slug = text
      .toLowerCase()
      .replaceAll(/[^\p{L}\p{N}\s_-]/gu, '')
      .replaceAll(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

describe('README', () => {
  it('is a front page: at most 200 lines (detail belongs in docs/)', () => {
    const lines = README.split('\n').length - (README.endsWith('\n') ? 1 : 0);
    expect(lines).toBeLessThanOrEqual(200);
  });

  it('carries the policy table exactly as `policies list --markdown` prints it', () => {
    const block = /<!-- policies-table:start[^>]*-->\n([\s\S]*?)<!-- policies-table:end -->/.exec(README);
    expect(block).not.toBeNull();
    // On failure: node bin/run.js policies list --markdown, and paste it between the markers.
    expect(block?.[1]).toBe(policyCatalogueMarkdown(loadPolicies({})));
  });

  it('gives the two set-up commands: one runs the demo, one the whole test suite (what .ci/run runs)', () => {
    expect(README).toContain('npm ci && npm run demo');
    expect(README).toContain('npm ci && npm test');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci && npm test$/m);
    // The demo works from a fresh clone: it builds, then scans the bundled estate, which ships in the repository.
    expect(PACKAGE.scripts.demo).toMatch(
      /^\(node scripts\/source-hash\.js check \|\| npm run build\b[^)]*\) && node bin\/run\.js scan --inventory fixtures\/demo\/inventory\.json$/,
    );
    expect(existsSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'))).toBe(true);
  });

  it('names the report formats in one line, exactly the ones scan --format accepts (src/report/index.ts)', () => {
    const lines = README.split('\n').filter((line) => line.startsWith('Report formats'));
    expect(lines).toHaveLength(1);
    // On failure: add the new format's name to that line, in FORMATS' order.
    const named = [...(/^Report formats[^:]*:(.*?)\(/.exec(lines[0])?.[1] ?? '').matchAll(/`([a-z]+)`/g)].map(
      (m) => m[1],
    );
    expect(named).toEqual([...FORMATS]);
    expect(MANIFEST.commands.scan.flags.format.options).toEqual([...FORMATS]);
  });

  /** Every `mq-audit …` line of the README's shell examples, as words (comments and continuations dropped). */
  const examples = codeBlocks(README, ['sh', 'bash'])
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('mq-audit '));

  it('has shell examples of the main jobs', () => {
    const commands = new Set(examples.map((line) => line.split(/\s+/)[1]));
    expect([...commands].sort()).toEqual(
      expect.arrayContaining(['documents', 'inventory', 'paths', 'policies', 'scan']),
    );
  });

  it.each(examples)('example uses a real command, real flags and real flag values: %s', (line) => {
    const words = line.split(/\s+/).slice(1);
    // The longest run of leading words that names a command: `policies test`, `report merge`, `scan`.
    const id = [3, 2, 1].map((n) => words.slice(0, n).join(':')).find((candidate) => MANIFEST.commands[candidate]);
    expect(id).toBeDefined();
    const flags = MANIFEST.commands[id as string].flags;
    const problems: string[] = [];
    words.forEach((word, index) => {
      const long = /^--([a-z][\w-]*)(?:=(.*))?$/.exec(word);
      if (!long) return;
      const [, name, inline] = long;
      const flag =
        flags[name] ?? (name.startsWith('no-') && flags[name.slice(3)]?.allowNo ? flags[name.slice(3)] : undefined);
      if (!flag) return problems.push(`--${name} is not a flag of ${id}`);
      const value = inline ?? words[index + 1];
      if (flag.type === 'option' && flag.options && !flag.options.includes(value))
        problems.push(`--${name} ${value}: expected one of ${flag.options.join(', ')}`);
      return undefined;
    });
    expect(problems).toEqual([]);
  });

  const runnable = examples.filter((line) => line.includes('fixtures/demo/'));
  it.each(runnable)('example on the demo estate runs (no bad usage, output as the comment says): %s', async (line) => {
    const result = await runCli(line.split(/\s+/).slice(1));
    expect(result.stderr).not.toMatch(/Error/);
    expect([0, 1, 3]).toContain(result.code);
    if (line.includes('--format mermaid')) expect(result.stdout).toMatch(/^flowchart /m);
    if (line.startsWith('mq-audit documents'))
      expect((JSON.parse(result.stdout) as Array<{name: string}>).map((d) => d.name)).toEqual(['orders-prod']);
  });
});

describe('CONTRIBUTING.md', () => {
  it('names files and folders that exist', () => {
    // `src/report/index.ts`, `test/helpers/aws-stub/`: inline code that starts at a top-level folder of the repository.
    const top = /^(?:\.ci|\.github|bench|bin|dist|docs|fixtures|iam|policies|schemas|scripts|src|test)\//;
    const paths = [...CONTRIBUTING.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1])
      .filter((text) => top.test(text) && !/[<*>]/.test(text));
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('names npm scripts that exist, and benchmark flags that bench/ reads', () => {
    const scripts = [...CONTRIBUTING.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(scripts.filter((name) => PACKAGE.scripts[name] === undefined)).toEqual([]);
    const bench = readdirSync(join(ROOT, 'bench'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(ROOT, 'bench', name), 'utf8'))
      .join('\n');
    const section = CONTRIBUTING.slice(CONTRIBUTING.indexOf('## The benchmark'));
    const benchFlags = [
      ...new Set([...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/`(--[a-z-]+)/g)].map((m) => m[1])),
    ];
    expect(benchFlags.length).toBeGreaterThan(5);
    // bench/main.ts reads `--${name}` options and `argv.includes('--flag')` switches.
    expect(
      benchFlags.filter((flag) => !bench.includes(`'${flag}'`) && !bench.includes(`option('${flag.slice(2)}')`)),
    ).toEqual([]);
  });
});

describe('CHANGELOG.md', () => {
  it('keeps the Keep a Changelog form: an Unreleased section first, then versions, each with its change types in order', () => {
    const text = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    const versions = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(versions[0]).toBe('[Unreleased]');
    expect(versions.slice(1).filter((v) => !/^\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/.test(v))).toEqual([]);
    const TYPES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];
    for (const section of text.split(/^## /m).slice(1)) {
      const types = [...section.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
      expect(types.filter((t) => !TYPES.includes(t))).toEqual([]);
      expect(types).toEqual([...types].sort((a, b) => TYPES.indexOf(a) - TYPES.indexOf(b)));
    }
  });
});

describe('links in the README, CONTRIBUTING.md, CHANGELOG.md and docs/', () => {
  const files = [
    'README.md',
    'CONTRIBUTING.md',
    'CHANGELOG.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join('docs', f)),
  ];

  it.each(files)('%s links only to files and headings that exist', (file) => {
    const text = withoutCode(readFileSync(join(ROOT, file), 'utf8'));
    const problems: string[] = [];
    for (const [, target, anchor] of text.matchAll(/\]\(([^)#\s]*)(?:#([^)\s]*))?\)/g)) {
      if (/^[a-z]+:/.test(target) || /^\d+$/.test(target)) continue; // https:, mailto:; SARIF message placeholders
      const path = target === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), target);
      if (!existsSync(path)) {
        problems.push(`${target}: no such file`);
        continue;
      }
      if (
        anchor &&
        path.endsWith('.md') &&
        statSync(path).isFile() &&
        !anchors(readFileSync(path, 'utf8')).has(anchor)
      ) {
        problems.push(`${target || file}#${anchor}: no such heading in ${relative(ROOT, path)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
