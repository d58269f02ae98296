"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.placeholderId = placeholderId;
exports.isPlaceholderId = isPlaceholderId;
/** A new object's id, stable for its address across runs: `(known after apply: aws_subnet.app[0])` is too long for ids in hops. */
function placeholderId(address) {
    return `new:${address}`;
}
function isPlaceholderId(id) {
    return id.startsWith('new:');
}
