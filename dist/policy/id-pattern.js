"use strict";
/**
 * Policy-id patterns (`--policy`, `--skip-policy`, suppressions): `*` matches any characters except `/`, the
 * rest is literal. Matched without a regular expression: `mq/*****…*z` compiled to `^mq/[^/]*[^/]*…z$` made V8's
 * backtracking engine try every split of the id (exponential in the number of stars), and a suppressions file in
 * the repository, written by a pull request's author, reaches this. Here each `/`-separated segment is split at
 * its stars; the first piece must start it, the last end it, and the pieces between are found leftmost first,
 * which is exact for `*` alone. Time is linear in the id times the pattern at worst, never exponential.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.idPattern = idPattern;
exports.matchesIdPattern = matchesIdPattern;
/** A matcher for one pattern, split once. */
function idPattern(pattern) {
    if (!pattern.includes('*'))
        return (policyId) => policyId === pattern;
    const segments = pattern.split('/').map((segment) => segment.split('*'));
    return (policyId) => {
        const parts = policyId.split('/');
        if (parts.length !== segments.length)
            return false;
        for (let i = 0; i < parts.length; i++)
            if (!segmentMatches(parts[i], segments[i]))
                return false;
        return true;
    };
}
function matchesIdPattern(policyId, pattern) {
    return idPattern(pattern)(policyId);
}
/** `pieces` is a segment of the pattern split at its stars (one piece: no star, a literal). */
function segmentMatches(text, pieces) {
    if (pieces.length === 1)
        return text === pieces[0];
    const first = pieces[0];
    const last = pieces.at(-1);
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
        return false;
    const end = text.length - last.length;
    let position = first.length;
    for (let i = 1; i < pieces.length - 1; i++) {
        const piece = pieces[i];
        if (piece === '')
            continue;
        const at = text.indexOf(piece, position);
        if (at < 0 || at + piece.length > end)
            return false;
        position = at + piece.length;
    }
    return true;
}
