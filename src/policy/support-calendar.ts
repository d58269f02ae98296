/**
 * The engine support calendar: Amazon MQ's end-of-support dates by engine major.minor, with the date they were read.
 * Built in (engine-versions.json) or given with `scan --support-calendar FILE`; a calendar older than
 * STALE_AFTER_DAYS is reported, so a stale table is noticed instead of calling an ended version supported.
 */
import {InputErrors} from '../foundation/errors';
import {readJsonFile, schemaErrors} from '../foundation/json-input';
import type {EngineType} from '../snapshot/types';
import {ownSchemaValidator} from '../foundation/validators';
import builtIn from './engine-versions.json';

export interface SupportCalendar {
  asOf: string;
  sources?: string[];
  engines: Partial<Record<EngineType, {version: string; endOfSupport: string | null}[]>>;
}

export const BUILT_IN_CALENDAR: SupportCalendar = builtIn;

/** Past this age (at scan time) the calendar may miss announced ends of support. */
export const STALE_AFTER_DAYS = 180;

export function readSupportCalendar(file: string): SupportCalendar {
  const data = readJsonFile(file, 'support calendar');
  const errors = schemaErrors(ownSchemaValidator('support-calendar.schema.json'), data, file);
  if (errors.length > 0) throw new InputErrors(errors.slice(0, 20));
  return data as SupportCalendar;
}

/** A sentence when the calendar is older than STALE_AFTER_DAYS on `today`, else undefined. */
export function staleCalendarWarning(calendar: SupportCalendar, today: Date, source: string): string | undefined {
  const age = Math.floor((today.getTime() - Date.parse(calendar.asOf)) / 86_400_000);
  if (!(age > STALE_AFTER_DAYS)) return undefined;
  return `the engine support calendar (${source}) is dated ${calendar.asOf}, ${age} days ago: ends of support announced since are not known to it, so a version may be called supported after its end; give a current one with --support-calendar FILE`;
}
