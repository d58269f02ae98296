/**
 * The layering of src/ (CONTRIBUTING.md, "Layout"): commands → services → domain → foundation, nothing imports
 * upward; only inventory/ talks to AWS; what judges a snapshot never imports what collects one; the root of src/
 * holds entry points only. Read from the import statements themselves, so a new file is checked the day it lands.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';

import * as ts from 'typescript';

const SRC = join(__dirname, '..', 'src');

/** Each top-level folder of src/ and its tier: a module may import its own tier and the tiers below it. */
const TIERS: Record<string, number> = {
  index: 4,
  build: 4,
  commands: 3,
  cli: 3,
  services: 2,
  inventory: 1,
  network: 1,
  policy: 1,
  report: 1,
  iac: 1,
  change: 1,
  snapshot: 1,
  foundation: 0,
};
const TIER_NAMES = ['foundation', 'domain', 'services', 'commands', 'entry point'];

/** Folders that judge a snapshot: pure, so never the collector, the AWS SDK or the CLI framework. */
const JUDGES = new Set(['network', 'policy', 'report', 'change', 'snapshot', 'iac']);
const ENTRY_POINTS = new Set(['index.ts']);

interface ImportEdge {
  /** Path under src/, e.g. "report/table.ts". */
  file: string;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const info = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
  return info.importedFiles.map((imported) => ({file, specifier: imported.fileName}));
}

const topFolder = (file: string): string => file.split('/')[0].replace(/\.ts$/, '');

/** What is wrong with one import, or undefined. Pure, so the rule itself is tested below on made-up imports. */
function layerViolation({file, specifier}: ImportEdge): string | undefined {
  const from = topFolder(file);
  if (!(from in TIERS)) return `${file}: src/${from} has no tier; add it to TIERS and to CONTRIBUTING.md`;
  if (specifier.startsWith('@aws-sdk/') && from !== 'inventory') {
    return `${file} imports ${specifier}: only inventory/ talks to AWS`;
  }
  if (specifier.startsWith('@oclif/') && TIERS[from] < TIERS.commands) {
    return `${file} imports ${specifier}: only commands/ and cli/ know the CLI framework`;
  }
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(SRC, resolve(dirname(join(SRC, file)), specifier));
  if (target.startsWith('..')) return `${file} imports ${specifier}, outside src/`;
  const to = topFolder(target);
  if (to === from) return undefined;
  if (!(to in TIERS)) return `${file} imports ${specifier}: src/${to} has no tier`;
  if (TIERS[to] > TIERS[from]) {
    return `${file} (${TIER_NAMES[TIERS[from]]}) imports ${specifier} (${TIER_NAMES[TIERS[to]]}): nothing imports upward`;
  }
  if (JUDGES.has(from) && to === 'inventory') {
    return `${file} imports ${specifier}: ${from}/ judges snapshots and must not depend on the collector`;
  }
  return undefined;
}

describe('the layering of src/', () => {
  const files = sourceFiles(SRC);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('foundation/errors.ts');
  });

  it('no import crosses a layer the wrong way', () => {
    const violations = files
      .flatMap(importsOf)
      .map(layerViolation)
      .filter((v) => v !== undefined);
    expect(violations).toEqual([]);
  });

  it('the root of src/ holds entry points only', () => {
    const loose = files.filter((file) => !file.includes('/') && !ENTRY_POINTS.has(file));
    expect(loose).toEqual([]);
  });

  it('the rule catches each kind of violation', () => {
    expect(layerViolation({file: 'foundation/errors.ts', specifier: '../policy/types'})).toMatch(
      /foundation\).*domain\).*upward/,
    );
    expect(layerViolation({file: 'report/table.ts', specifier: '../services/scan'})).toMatch(/upward/);
    expect(layerViolation({file: 'services/scan.ts', specifier: '../commands/scan'})).toMatch(/upward/);
    expect(layerViolation({file: 'network/analyze.ts', specifier: '../inventory/collect'})).toMatch(/collector/);
    expect(layerViolation({file: 'report/sarif.ts', specifier: '@aws-sdk/client-mq'})).toMatch(/only inventory/);
    expect(layerViolation({file: 'policy/evaluate.ts', specifier: '@oclif/core'})).toMatch(/CLI framework/);
    expect(layerViolation({file: 'widgets/x.ts', specifier: '../foundation/errors'})).toMatch(/no tier/);
    // And lets the right ones through.
    expect(layerViolation({file: 'services/scan.ts', specifier: '../inventory/collect'})).toBeUndefined();
    expect(layerViolation({file: 'commands/scan.ts', specifier: '../services/scan'})).toBeUndefined();
    expect(layerViolation({file: 'report/sarif.ts', specifier: '../foundation/hash'})).toBeUndefined();
    expect(layerViolation({file: 'inventory/mq.ts', specifier: '@aws-sdk/client-mq'})).toBeUndefined();
  });
});
