"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.item = item;
exports.optional = optional;
exports.partitionOf = partitionOf;
exports.arnParts = arnParts;
/** What every resource translator gets and returns. */
const arn_1 = require("../../network/arn");
/** A planned item of `kind` with the unknowns `fields` recorded. */
function item(kind, value, fields) {
    return { kind, value, ...fields.unknownMap() };
}
/** `{key: value}` when value is defined, else `{}`: keeps optional snapshot fields absent rather than undefined. */
function optional(key, value) {
    return (value === undefined ? {} : { [key]: value });
}
/** The partition of a region; `aws` when the region is not known. */
function partitionOf(region) {
    return region === undefined ? 'aws' : (0, arn_1.partitionOfRegion)(region);
}
/** `arn:partition:service:region:account:…` → its account and region, when it is one. */
function arnParts(arn) {
    if (typeof arn !== 'string')
        return undefined;
    const parts = arn.split(':');
    if (parts.length < 6 || parts[0] !== 'arn')
        return undefined;
    return { partition: parts[1], region: parts[3], accountId: parts[4] };
}
