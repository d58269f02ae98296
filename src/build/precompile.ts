/**
 * Build time only (`npm run build` → scripts/precompile.js): compiles mq-audit's own schemas and the built-in
 * policies' schemas into standalone validator modules for src/foundation/validators.ts. The schemas are derived by the same
 * functions the loader uses at run time, so their text, and hence their keys, are the same.
 */
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import {_} from 'ajv';
import standaloneCode from 'ajv/dist/standalone';

import {type AjvFlavor, createAjv} from '../foundation/json-input';
import {BUILT_IN_POLICIES, SCHEMAS} from '../foundation/package-paths';
import {lintPolicy} from '../policy/lint';
import {assertionSchemas, findPolicyFiles, parameterDefaults, readPolicyFile} from '../policy/loader';
import {
  ajvVersion,
  compiledFormOf,
  FLAVORS,
  PRECOMPILED_INDEX,
  type PrecompiledIndex,
  validatorKey,
} from '../foundation/validators';

export interface PrecompileTarget {
  /** For messages: where the schema comes from. */
  origin: string;
  schema: unknown;
  flavor: AjvFlavor;
}

/** Every schema a scan with the built-in policies compiles, with the flavor it is compiled with. */
export function precompileTargets(
  schemasDir: string = SCHEMAS,
  policiesDir: string = BUILT_IN_POLICIES,
): PrecompileTarget[] {
  const targets: PrecompileTarget[] = readdirSync(schemasDir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    // Quick (first violation only) too: what validates a large input whose first items are valid (json-input).
    .flatMap((name) =>
      [FLAVORS.ownSchema, FLAVORS.quick].map((flavor) => ({
        origin: `schemas/${name}`,
        schema: compiledFormOf(name, JSON.parse(readFileSync(join(schemasDir, name), 'utf8'))),
        flavor,
      })),
    );

  for (const file of findPolicyFiles(policiesDir, true)) {
    const {policy, errors} = readPolicyFile(file);
    if (!policy || errors.length > 0) throw new Error(`${file.file}: ${errors.map((e) => e.message).join('; ')}`);
    for (const [name, parameter] of Object.entries(policy.parameters ?? {})) {
      if (parameter.schema)
        targets.push({origin: `${policy.id} parameter ${name}`, schema: parameter.schema, flavor: FLAVORS.explained});
    }
    const schemas = assertionSchemas(policy, parameterDefaults(policy), file.file);
    // Linted here, so that loading a precompiled built-in policy need not lint it again (src/policy/loader.ts).
    const lint = lintPolicy(policy, schemas);
    if (lint.length > 0) throw new Error(`${file.file}: ${lint.map((p) => `${p.pointer}: ${p.problem}`).join('; ')}`);
    for (const [place, schema] of Object.entries(schemas)) {
      for (const flavor of [FLAVORS.explained, FLAVORS.quick])
        targets.push({origin: `${policy.id} ${place}`, schema, flavor});
    }
  }
  return targets;
}

/** Writes `<key>.js` per target and the index into `outDir` (emptied first); returns the number written. */
export function writePrecompiledValidators(
  outDir: string,
  targets: readonly PrecompileTarget[] = precompileTargets(),
): number {
  rmSync(outDir, {recursive: true, force: true});
  mkdirSync(outDir, {recursive: true});
  const version = ajvVersion();
  const keys = new Set<string>();
  for (const target of targets) {
    const key = validatorKey(target.schema, target.flavor, version);
    if (keys.has(key)) continue;
    // The formats the validators use come from ajv-formats at run time, as createAjv adds them.
    const ajv = createAjv({
      ...target.flavor,
      schemasChecked: false,
      code: {source: true, formats: _`require("ajv-formats/dist/formats").fullFormats`},
    });
    let code: string;
    try {
      code = standaloneCode(ajv, ajv.compile(target.schema as object));
    } catch (error) {
      throw new Error(`cannot precompile ${target.origin}: ${(error as Error).message}`, {cause: error});
    }
    writeFileSync(join(outDir, `${key}.js`), code);
    keys.add(key);
  }
  const index: PrecompiledIndex = {ajvVersion: version, keys: [...keys].sort()};
  writeFileSync(join(outDir, PRECOMPILED_INDEX), `${JSON.stringify(index, null, 2)}\n`);
  return keys.size;
}
