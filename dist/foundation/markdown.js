"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.markdownText = markdownText;
exports.markdownCode = markdownCode;
exports.isLiveWord = isLiveWord;
/**
 * Text for GitHub-flavoured Markdown (a pull-request comment, `$GITHUB_STEP_SUMMARY`): the one place that decides
 * what of untrusted text may reach one. Broker names, tags, EC2 `Name` tags quoted by the path model, messages and
 * file names are untrusted, and a pull-request comment is read by people who get notified by it.
 *
 * - **Structure.** One line; Markdown punctuation backslash-escaped (`|` would end a table cell, `*`/`_`/`~`
 *   emphasise, backticks start code, `[`/`]` links, `$` maths, `#` a heading); `&`, `<`, `>` as entities, so no
 *   HTML, entity or `<…>` autolink can be formed.
 * - **Mentions, links and references.** GitHub resolves `@user` and `@org/team` mentions (they notify), bare
 *   `http://`, `https://`, `www.` and e-mail autolinks, and `#123` / `GH-123` / `owner/repo#123` references (they
 *   cross-reference the issue) *after* Markdown is rendered, in the text of the HTML: a backslash or an entity does
 *   not stop them, but text inside a code span is left alone. So a word holding `@`, `://`, `www.`, `mailto:`,
 *   `xmpp:`, `#` followed by a digit or `GH-` followed by a digit is written as a code span: shown as it is, never a
 *   mention, link or reference. (A zero-width space after the `@` would do too, but it is itself an invisible
 *   character of the kind this module exists to show.)
 * - **Invisible characters.** Control characters, bidi overrides and other invisible format characters are shown
 *   escaped (`\u202e`) by the terminal's own rule, `terminalSafe` in terminal.ts: one definition of a dangerous
 *   character for every output meant for people.
 */
const terminal_1 = require("./terminal");
/** A word GitHub would turn into a mention, an autolink or an issue reference. Linear: no nested quantifier. */
const LIVE_WORD = /@|:\/\/|www\.|(?:mailto|xmpp):|#\d|gh-\d/i;
const MARKDOWN_PUNCTUATION = /[\\`*_~[\]|$!#]/g;
/**
 * `text` as Markdown inline text, safe in a table cell or a list item (see above). `max` cuts the text (before
 * escaping) to that many characters, ending with `…`.
 */
function markdownText(text, max = Number.POSITIVE_INFINITY) {
    const line = (0, terminal_1.terminalSafe)(cut(oneLine(text), max));
    return line
        .split(' ')
        .map((word) => (LIVE_WORD.test(word) ? codeSpan(word) : escapeWord(word)))
        .join(' ');
}
/** `text` as a code span (identifiers: names, CIDRs, ids), one line, invisible characters shown escaped. */
function markdownCode(text) {
    const line = (0, terminal_1.terminalSafe)(oneLine(text));
    return line === '' ? '' : codeSpan(line);
}
/** Whether GitHub would find a mention, autolink or reference in `word` (a run without spaces). */
function isLiveWord(word) {
    return LIVE_WORD.test(word);
}
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
function escapeWord(word) {
    return word
        .replace(MARKDOWN_PUNCTUATION, '\\$&')
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;');
}
/**
 * A code span of `text` (no line feed in it): a fence one backtick longer than the longest run inside, padded
 * with spaces when the text starts or ends with a backtick. `|` stays escaped, as a table cell needs even inside
 * code; nothing else is interpreted in a code span.
 */
function codeSpan(text) {
    let longest = 0;
    for (const run of text.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text.replaceAll('|', '\\|')}${pad}${fence}`;
}
function cut(text, max) {
    if (text.length <= max)
        return text;
    const end = /[\ud800-\udbff]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
    return `${text.slice(0, end).trimEnd()}…`;
}
