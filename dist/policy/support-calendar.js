"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.STALE_AFTER_DAYS = exports.BUILT_IN_CALENDAR = void 0;
exports.readSupportCalendar = readSupportCalendar;
exports.staleCalendarWarning = staleCalendarWarning;
/**
 * The engine support calendar: Amazon MQ's end-of-support dates by engine major.minor, with the date they were read.
 * Built in (engine-versions.json) or given with `scan --support-calendar FILE`; a calendar older than
 * STALE_AFTER_DAYS is reported, so a stale table is noticed instead of calling an ended version supported.
 */
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const validators_1 = require("../foundation/validators");
const engine_versions_json_1 = __importDefault(require("./engine-versions.json"));
exports.BUILT_IN_CALENDAR = engine_versions_json_1.default;
/** Past this age (at scan time) the calendar may miss announced ends of support. */
exports.STALE_AFTER_DAYS = 180;
function readSupportCalendar(file) {
    const data = (0, json_input_1.readJsonFile)(file, 'support calendar');
    const errors = (0, json_input_1.schemaErrors)((0, validators_1.ownSchemaValidator)('support-calendar.schema.json'), data, file);
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors.slice(0, 20));
    return data;
}
/** A sentence when the calendar is older than STALE_AFTER_DAYS on `today`, else undefined. */
function staleCalendarWarning(calendar, today, source) {
    const age = Math.floor((today.getTime() - Date.parse(calendar.asOf)) / 86_400_000);
    if (!(age > exports.STALE_AFTER_DAYS))
        return undefined;
    return `the engine support calendar (${source}) is dated ${calendar.asOf}, ${age} days ago: ends of support announced since are not known to it, so a version may be called supported after its end; give a current one with --support-calendar FILE`;
}
