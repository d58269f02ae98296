"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flat = flat;
exports.globPattern = globPattern;
/**
 * A string built from pieces (`${a} ${b}`) is a tree of pieces in V8 until something reads its characters; kept
 * for the whole scan (a result's message, a hop's reason), such trees take about three times the memory of the
 * flat text. Reading one character makes V8 flatten it in place.
 */
function flat(text) {
    text.charCodeAt(0);
    return text;
}
/** A glob of `*` (any run of characters) and `?` (one character) as a whole-string, case-sensitive pattern. */
function globPattern(glob) {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what a glob's characters are
    const escaped = [...glob]
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c))
        .join('');
    return new RegExp(`^${escaped}$`);
}
