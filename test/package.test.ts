/**
 * What a user who installs mq-audit gets (package.json `files`, CONTRIBUTING.md "The package"): the CLI, its
 * policies with their test cases, its schemas, the IAM policies, the demo estate and the docs its help points at —
 * nothing of the tests, the benchmark, the TypeScript sources or the build scripts. Then the packed tarball itself,
 * installed into a scratch folder outside this repository with runtime dependencies only, runs the demo.
 *
 * The project is packed once, for real, into a scratch folder: `npm pack --json` lists the tarball's files exactly as
 * `npm pack --dry-run --json` does, and the install below needs the tarball. `--ignore-scripts`: packing here must
 * not rebuild (prepack does, for a release), because other suites run the built CLI at the same time. The whole file
 * takes 20-40 s, most of it the install (10-15 s with a warm npm cache, --prefer-offline); it runs in the main jest
 * run, where it overlaps the other suites, rather than in a phase of its own after them.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative, sep} from 'node:path';

import {ROOT} from './helpers/cli';

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{path: string; size: number}>;
}

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  oclif: {commands: string};
};

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, npm_config_update_notifier: 'false'},
  });
}

function pack(args: string[]): PackResult {
  const [result] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', ...args], ROOT)) as PackResult[];
  return result;
}

/** Files under `dir` of the repository, as paths relative to the root with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), {recursive: true, encoding: 'utf8'})
    .map((name) => join(ROOT, dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(ROOT, path).split(sep).join('/'));
}

let scratch: string;
let packed: PackResult;
let paths: string[];
let shipped: Set<string>;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'mq-audit-pack-'));
  packed = pack(['--pack-destination', scratch]);
  paths = packed.files.map((file) => file.path);
  shipped = new Set(paths);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, {recursive: true, force: true});
});

describe('npm pack', () => {
  it('ships the CLI: bin/, the compiled dist/ with its declarations and precompiled validators, the oclif manifest', () => {
    const built = filesUnder('dist').filter((path) => !path.startsWith('dist/build/'));
    expect(built.filter((path) => !shipped.has(path))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining(['bin/run.js', 'oclif.manifest.json', 'dist/commands/scan.js', 'dist/source.sha256']),
    );
    expect(paths.filter((path) => path.startsWith('dist/validators/')).length).toBeGreaterThan(10);
    // What package.json points at must be in the tarball. The declarations are not committed: `npm run build`
    // (which `npm test` and `prepack` run first) writes them.
    for (const entry of [PACKAGE.main, PACKAGE.types, ...Object.values(PACKAGE.bin)])
      expect(shipped).toContain(entry.replace(/^\.\//, ''));
    expect(paths.some((path) => path.startsWith(`${PACKAGE.oclif.commands.replace(/^\.\//, '')}/`))).toBe(true);
  });

  it('ships every policy with its test cases, every schema, the IAM policies, the demo estate and the docs', () => {
    for (const dir of ['policies', 'schemas', 'iam', 'fixtures/demo', 'docs']) {
      const expected = filesUnder(dir);
      expect({dir, count: expected.length > 0}).toEqual({dir, count: true});
      expect({dir, missing: expected.filter((path) => !shipped.has(path))}).toEqual({dir, missing: []});
    }
    expect(paths.filter((path) => path.endsWith('.test.json')).length).toBeGreaterThanOrEqual(12);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
  });

  it('leaves out the tests, the benchmark, the sources, the build scripts, CI and local files', () => {
    const left = /^(test|bench|src|scripts|out|coverage|node_modules|\.ci|\.github|\.mq-audit|dist\/build)\//;
    expect(paths.filter((path) => left.test(path))).toEqual([]);
    // Of fixtures/, only the demo estate: not the recorded AWS responses, the network topologies or estate12.
    expect(paths.filter((path) => path.startsWith('fixtures/') && !path.startsWith('fixtures/demo/'))).toEqual([]);
    // TypeScript ships as declarations only; no source maps, tarballs or repository tooling.
    expect(
      paths.filter((path) => (path.endsWith('.ts') && !path.endsWith('.d.ts')) || /\.(map|tgz)$/.test(path)),
    ).toEqual([]);
    const rootFiles = paths.filter((path) => !path.includes('/')).sort();
    expect(rootFiles).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'oclif.manifest.json', 'package.json']);
  });

  it('stays small', () => {
    // About 0.7 MB compressed and 3.4 MB unpacked in 405 files (2026-12-07); a doubling means something leaked in.
    expect(packed.size).toBeLessThan(1.5 * 1024 * 1024);
    expect(packed.unpackedSize).toBeLessThan(7 * 1024 * 1024);
    expect(packed.entryCount).toBeLessThan(800);
  });
});

describe('the packed CLI, installed with runtime dependencies only', () => {
  let bin: string;
  let installed: string;

  beforeAll(() => {
    const app = join(scratch, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({name: 'scratch', private: true}));
    npm(
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--omit=dev',
        '--prefer-offline',
        '--no-package-lock',
        join(scratch, packed.filename),
      ],
      app,
    );
    installed = join(app, 'node_modules', PACKAGE.name);
    bin = join(app, 'node_modules', '.bin', 'mq-audit');
  }, 240_000);

  /** The installed bin, run as a user would (its shebang picks node from PATH), outside this repository. */
  function run(args: string[]) {
    const result = spawnSync(bin, args, {
      cwd: join(scratch, 'app'),
      encoding: 'utf8',
      env: {PATH: process.env.PATH, HOME: scratch, NO_COLOR: '1'},
      timeout: 60_000,
    });
    return {code: result.status, stdout: result.stdout, stderr: result.stderr};
  }

  it('is the version of this checkout, without its dev dependencies', () => {
    expect((JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {version: string}).version).toBe(
      PACKAGE.version,
    );
    const modules = readdirSync(join(scratch, 'app', 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['@aws-sdk', '@oclif', 'ajv']));
    expect(
      modules.filter((name) => ['jest', 'typescript', 'ts-jest', 'oclif', 'aws-sdk-client-mock'].includes(name)),
    ).toEqual([]);
  });

  it('scans the bundled demo estate: exit 1 (the demo fails every policy somewhere), a whole JSON report', () => {
    const result = run([
      'scan',
      '--inventory',
      join(installed, 'fixtures', 'demo', 'inventory.json'),
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      kind: string;
      reportVersion: number;
      tool: {name: string; version: string};
      policies: Array<{id: string; builtIn: boolean}>;
      brokers: Array<{name: string}>;
      results: Array<{status: string; policyId: string}>;
      summary: {brokers: number};
      gate: {exitCode: number; reason: string};
    };
    expect(report.kind).toBe('mq-audit/report');
    expect(report.reportVersion).toBe(3);
    expect(report.tool).toEqual({name: 'mq-audit', version: PACKAGE.version});
    // Every built-in policy the package ships was loaded and evaluated.
    const shippedPolicies = readdirSync(join(installed, 'policies', 'mq')).filter(
      (f) => f.endsWith('.json') && !f.endsWith('.test.json'),
    );
    expect(report.policies.map((p) => p.id).sort()).toEqual(
      shippedPolicies.map((f) => `mq/${f.replace(/\.json$/, '')}`).sort(),
    );
    expect(new Set(report.results.map((r) => r.policyId)).size).toBe(shippedPolicies.length);
    expect(report.summary.brokers).toBe(9);
    expect(report.brokers.map((b) => b.name)).toContain('orders-prod');
    expect(report.results.filter((r) => r.status === 'fail').length).toBeGreaterThan(0);
    expect(report.gate.exitCode).toBe(1);
    expect(report.gate.reason).toMatch(/failing finding/);
  });

  it("runs the built-in policies' own test cases (policies, their tests, the schemas and the demo estate are all there)", () => {
    const result = run(['policies', 'test']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });
});
