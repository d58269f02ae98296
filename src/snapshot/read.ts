/** Reads an inventory snapshot back, checking it against its JSON Schema (schemas/inventory.schema.json). */
import type {ValidateFunction} from 'ajv';
import {InputError, InputErrors} from '../foundation/errors';
import {readJsonFile, schemaErrors} from '../foundation/json-input';
import {FLAVORS, ownSchemaValidator} from '../foundation/validators';
import {SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION, type Snapshot} from './types';

export function inventoryValidator(): ValidateFunction {
  return ownSchemaValidator('inventory.schema.json');
}

export function readSnapshot(file: string): Snapshot {
  return checkSnapshot(readJsonFile(file, 'inventory file'), file);
}

export function checkSnapshot(data: unknown, file: string): Snapshot {
  const record = data as Partial<Snapshot> | null;
  // Say the most useful thing first: a file that is not an inventory at all, or one from another version.
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new InputError(file, 'expected an mq-audit inventory (a JSON object written by `mq-audit inventory`)', '/');
  }

  if (record.kind !== SNAPSHOT_KIND) {
    throw new InputError(
      file,
      `"kind" is ${JSON.stringify(record.kind)}, expected "${SNAPSHOT_KIND}" (is this an mq-audit inventory?)`,
      '/kind',
    );
  }

  if (record.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      file,
      `inventory schemaVersion ${JSON.stringify(record.schemaVersion)} is not supported; this mq-audit reads version ${SNAPSHOT_SCHEMA_VERSION}`,
      '/schemaVersion',
    );
  }

  const errors = schemaErrors(inventoryValidator(), data, file, {
    quick: ownSchemaValidator('inventory.schema.json', FLAVORS.quick),
  });
  if (errors.length > 0) throw new InputErrors(errors);
  const snapshot = data as Snapshot;
  if (snapshot.accounts.length === 0 && snapshot.errors.length === 0) {
    throw new InputError(
      file,
      'the inventory has no accounts and no collection errors: nothing was inventoried',
      '/accounts',
    );
  }

  return snapshot;
}
