/**
 * Text for a terminal: the one place that decides what of untrusted text may reach one.
 *
 * Broker names, tags and their keys, EC2 `Name` tags quoted by the path model, security group descriptions, AWS
 * error messages, file names found in a repository and policy files written in a pull request are untrusted. A
 * control character in them, printed raw, drives the terminal: OSC 52 writes the clipboard, OSC 8 plants a link
 * whose text hides its target, CSI moves the cursor up and erases a FAIL line, a bare CR or BS overwrites what
 * was printed, the 8-bit C1 controls (0x9B is CSI) do the same without an ESC, and bidi overrides reorder what
 * is shown (Trojan Source). Such characters are not dropped but shown, `\u001b` for ESC, so an auditor sees that
 * something was there.
 *
 * Escaped: every control character (C0, DEL, C1: \p{Cc}), every invisible format character (\p{Cf}: bidi
 * embeddings, overrides, isolates and marks, zero-width spaces and joiners, the word joiner, the byte order mark,
 * Unicode tag characters) and the line and paragraph separators. Renderers escape the values they print first
 * (`terminalSafeDeep`), then measure and wrap them and add their own colours; `terminalOutput` is the last line
 * of defence on the whole rendered text, letting through only line feeds and colour (SGR) sequences.
 */
import {styleText} from 'node:util';

/** Characters shown escaped. The `u` flag makes the property classes exact; the expression cannot backtrack. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const UNSAFE_BUT_LF = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const HAS_UNSAFE_BUT_LF = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** In rendered text: a colour (SGR) sequence of ours, or an unsafe character. */
// eslint-disable-next-line no-control-regex -- ESC: the start of the colour sequences this module lets through
const RENDERED = /\u001B\[[0-9;]{0,32}m|(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `\u001b`, or `\u{e0041}` beyond the Basic Multilingual Plane: what an escaped character looks like. */
export function visibleEscape(character: string): string {
  const code = character.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control and invisible format character shown escaped. `newlines` keeps line feeds (for
 * messages that mq-audit itself writes on several lines); a carriage return is always escaped.
 */
export function terminalSafe(text: string, options: {newlines?: boolean} = {}): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(options.newlines ? UNSAFE_BUT_LF : UNSAFE_ALL, visibleEscape);
}

/** Whether `text` holds a character that `terminalSafe` would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * `value` with every string in it (object keys too) passed through `terminalSafe`, for a renderer to work on
 * before it measures, wraps and colours. Nothing is copied where nothing changes, so clean data costs one walk.
 */
export function terminalSafeDeep<T>(value: T): T {
  return escapeValue(value, 0) as T;
}

const MAX_DEPTH = 200;

function escapeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return terminalSafe(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const escaped = escapeValue(value[i], depth + 1);
      if (escaped !== value[i]) {
        copy ??= value.slice();
        copy[i] = escaped;
      }
    }

    return copy ?? value;
  }

  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const escaped = escapeValue(item, depth + 1);
    const safeKey = terminalSafe(key);
    if (escaped !== item || safeKey !== key) {
      copy ??= {...(value as Record<string, unknown>)};
      if (safeKey !== key) delete copy[key];
      copy[safeKey] = escaped;
    }
  }

  return copy ?? value;
}

/**
 * The last step before rendered text reaches a terminal: line feeds and colour (SGR) sequences pass, every other
 * control or format character is shown escaped. The values in it must have been escaped already (an SGR
 * sequence in a tag would otherwise pass as colour).
 */
export function terminalOutput(rendered: string): string {
  if (!HAS_UNSAFE_BUT_LF.test(rendered)) return rendered;
  return rendered.replace(RENDERED, (match) => (match.length > 1 ? match : visibleEscape(match)));
}

export type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

/**
 * Colours mq-audit adds to already escaped text. The command decides on colour (TTY, NO_COLOR); styleText must
 * not second-guess it from process.stdout.
 */
export function painter(color: boolean): Paint {
  return color ? (style, text) => styleText(style, text, {validateStream: false}) : (_style, text) => text;
}

/** What JSON.stringify leaves raw but a terminal may act on or hide: DEL, C1, format characters, separators. */
const JSON_UNSAFE = /[\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}]/u;
const JSON_UNSAFE_ALL = /[\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * JSON text with DEL, the C1 controls, invisible format characters (bidi overrides) and line separators written
 * as `\uXXXX` escapes: the same JSON value, safe to print to a terminal. JSON.stringify escapes C0 itself. Such
 * characters can only stand inside strings in JSON text, so escaping them never changes the value.
 */
export function jsonTerminalSafe(json: string): string {
  if (!JSON_UNSAFE.test(json)) return json;
  return json.replace(JSON_UNSAFE_ALL, (character) => {
    // An astral format character (a Unicode tag character) is a surrogate pair in JSON's \u escapes.
    let escaped = '';
    for (let i = 0; i < character.length; i++) escaped += `\\u${character.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
