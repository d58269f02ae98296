"use strict";
/**
 * Helpers shared by the EC2 and Direct Connect mappers (ec2-shapes.ts, directconnect.ts): required ids,
 * omit-when-absent fields, and the error that marks a response as malformed.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.MissingFieldsError = void 0;
exports.requireFields = requireFields;
exports.defined = defined;
exports.optional = optional;
exports.optionalList = optionalList;
exports.unique = unique;
exports.isoDate = isoDate;
/** An item lacks the fields that identify it; its whole collection is then unusable (see the mappers). */
class MissingFieldsError extends Error {
    what;
    resource;
    missing;
    name = 'MissingFieldsError';
    constructor(what, resource, missing) {
        super(`${what}${resource ? ` in ${resource}` : ''} lacks ${missing.join(', ')}`);
        this.what = what;
        this.resource = resource;
        this.missing = missing;
    }
}
exports.MissingFieldsError = MissingFieldsError;
/** Returns `fields` when none is undefined or empty; throws MissingFieldsError naming the missing ones otherwise. */
function requireFields(what, resource, fields) {
    const missing = Object.entries(fields)
        .filter(([, value]) => value === undefined || value === '')
        .map(([name]) => name);
    if (missing.length > 0)
        throw new MissingFieldsError(what, resource || undefined, missing);
    return fields;
}
function defined(value) {
    return value !== undefined && value !== null;
}
/** `{key: value}`, or `{}` when AWS did not return the value (the snapshot omits what it was not told). */
function optional(key, value) {
    return (value === undefined ? {} : { [key]: value });
}
/** Like `optional`, for lists that AWS sends empty or not at all. */
function optionalList(key, values) {
    return (values.length === 0 ? {} : { [key]: values });
}
function unique(values) {
    return [...new Set(values)];
}
/** The SDK gives Date objects; strings are accepted so recorded fixtures read the same. */
function isoDate(value) {
    if (value === undefined)
        return undefined;
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
