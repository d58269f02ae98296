"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SEVERITY_RANK = void 0;
exports.compareStrings = compareStrings;
exports.compareSeverity = compareSeverity;
exports.compareEvaluations = compareEvaluations;
exports.compareCollectionErrors = compareCollectionErrors;
/** Most severe first. */
exports.SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 };
/** Code-unit order: unlike localeCompare it does not depend on the machine's locale. */
function compareStrings(a, b) {
    if (a < b)
        return -1;
    return a > b ? 1 : 0;
}
function compareSeverity(a, b) {
    return exports.SEVERITY_RANK[a] - exports.SEVERITY_RANK[b];
}
/** Severity, then policy id, then ARN, then message: a total order, so input order never shows through. */
function compareEvaluations(a, b) {
    return (compareSeverity(a.severity, b.severity) ||
        compareStrings(a.policyId, b.policyId) ||
        compareStrings(a.resource.arn, b.resource.arn) ||
        compareStrings(a.message, b.message));
}
/** Where (account, region), then what (service, operation, resource), then why. */
function compareCollectionErrors(a, b) {
    return (compareStrings(a.accountId ?? '', b.accountId ?? '') ||
        compareStrings(a.region ?? '', b.region ?? '') ||
        compareStrings(a.service, b.service) ||
        compareStrings(a.operation, b.operation) ||
        compareStrings(a.resource ?? '', b.resource ?? '') ||
        compareStrings(a.code, b.code) ||
        compareStrings(a.message, b.message));
}
