"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ok = ok;
exports.broken = broken;
exports.unknown = unknown;
exports.pending = pending;
exports.reasons = reasons;
exports.ec2Base = ec2Base;
/** Building hops: the common fields, and the three states a hop can be in. */
const strings_1 = require("../foundation/strings");
const arn_1 = require("./arn");
const lookup_1 = require("./lookup");
function ok(base, reason, extra = {}) {
    return { ...base, status: 'ok', reason: (0, strings_1.flat)(reason), ...extra };
}
function broken(base, kind, reason, extra = {}) {
    return { ...base, status: 'broken', break: kind, reason: (0, strings_1.flat)(reason), ...extra };
}
function unknown(base, reason, missing, extra = {}) {
    return { ...base, status: 'unknown', reason: (0, strings_1.flat)(reason), missing: (0, lookup_1.uniqueMissing)(missing), ...extra };
}
/** A link the proposed change creates: configured, its health known only after apply (never called healthy). */
function pending(base, reason, extra = {}) {
    return { ...base, status: 'pending', reason: (0, strings_1.flat)(reason), ...extra };
}
/** The reasons of missing data, once each, for a sentence. */
function reasons(missing) {
    return [...new Set((0, lookup_1.uniqueMissing)(missing).map((m) => m.reason))].join('; ');
}
/** An EC2 resource of the scope's region, owned by `ownerId` (a shared resource) or the scope's account. */
function ec2Base(scope, kind, resourceType, arnType, id, ownerId) {
    const accountId = ownerId ?? scope.accountId;
    return {
        kind,
        resourceType,
        id,
        arn: (0, arn_1.ec2Arn)(scope.partition, scope.region, accountId, arnType, id),
        accountId,
        region: scope.region,
    };
}
