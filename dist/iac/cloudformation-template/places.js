"use strict";
/** Places in a template: JSON pointers for machines, `Resources/X/Properties/Y` and lines for people. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.childPointer = childPointer;
exports.placeOf = placeOf;
exports.lineOf = lineOf;
exports.readablePlace = readablePlace;
/** `pointer` extended by one key, escaped as JSON pointers require (`~` → `~0`, `/` → `~1`). */
function childPointer(pointer, key) {
    return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
/** An InputError place: the pointer and, when known, the line of the nearest enclosing value that has one. */
function placeOf(pointer, lines) {
    const line = lineOf(pointer, lines);
    return line === undefined ? pointer || '/' : `${pointer || '/'} (line ${line})`;
}
function lineOf(pointer, lines) {
    for (let at = pointer; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
        const line = lines.get(at);
        if (line !== undefined)
            return line;
    }
    return undefined;
}
/** `Resources/OrdersBroker/Properties/SubnetIds/0`, as unknown reasons name a place: the value an intrinsic stands in, not the intrinsic's arguments. */
function readablePlace(pointer) {
    const intrinsic = pointer.search(/\/(Fn::[^/]*|Ref)(\/|$)/);
    return (intrinsic === -1 ? pointer : pointer.slice(0, intrinsic)).replace(/^\//, '');
}
