"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isObject = isObject;
exports.objectAt = objectAt;
exports.arrayAt = arrayAt;
exports.stringAt = stringAt;
exports.stringsOf = stringsOf;
exports.pointerSegment = pointerSegment;
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function objectAt(value, key) {
    if (!isObject(value))
        return undefined;
    const member = value[key];
    return isObject(member) ? member : undefined;
}
function arrayAt(value, key) {
    if (!isObject(value))
        return undefined;
    const member = value[key];
    return Array.isArray(member) ? member : undefined;
}
function stringAt(value, key) {
    if (!isObject(value))
        return undefined;
    const member = value[key];
    return typeof member === 'string' ? member : undefined;
}
function stringsOf(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
/** A JSON pointer segment (RFC 6901). */
function pointerSegment(segment) {
    return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}
