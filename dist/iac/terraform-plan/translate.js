"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.item = item;
exports.optional = optional;
exports.partitionOf = partitionOf;
exports.arnParts = arnParts;
/** A planned item of `kind` with the unknowns `fields` recorded. */
function item(kind, value, fields) {
    return { kind, value, ...fields.unknownMap() };
}
/** `{key: value}` when value is defined, else `{}`: keeps optional snapshot fields absent rather than undefined. */
function optional(key, value) {
    return (value === undefined ? {} : { [key]: value });
}
/** The partition of a region (`cn-north-1` → aws-cn). */
function partitionOf(region) {
    if (region?.startsWith('cn-'))
        return 'aws-cn';
    if (region?.startsWith('us-gov-'))
        return 'aws-us-gov';
    if (region?.startsWith('us-iso-'))
        return 'aws-iso';
    if (region?.startsWith('us-isob-'))
        return 'aws-iso-b';
    return 'aws';
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
