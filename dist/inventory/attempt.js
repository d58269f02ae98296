"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IncompleteResponseError = void 0;
exports.attempt = attempt;
exports.collectionErrorFor = collectionErrorFor;
const errors_1 = require("./errors");
const shapes_1 = require("./shapes");
/** A response that answered but cannot be used as a complete list (e.g. routes cut off without a token). */
class IncompleteResponseError extends Error {
    code;
    name = 'IncompleteResponseError';
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
exports.IncompleteResponseError = IncompleteResponseError;
/** Run `collect`; on any failure record a CollectionError for `site` and return null, never a partial list. */
async function attempt(errors, site, collect) {
    try {
        return await collect();
    }
    catch (err) {
        errors.push(collectionErrorFor(err, site));
        return null;
    }
}
function collectionErrorFor(err, site) {
    if (err instanceof shapes_1.MissingFieldsError)
        return malformed(site, 'MalformedResponse', `${site.operation}: ${err.message}`);
    if (err instanceof IncompleteResponseError)
        return malformed(site, err.code, err.message);
    return (0, errors_1.toCollectionError)(err, site);
}
function malformed(site, code, message) {
    const { resource, ...where } = site;
    return { ...where, ...(resource !== undefined && { resource }), code, kind: 'malformed-response', message };
}
