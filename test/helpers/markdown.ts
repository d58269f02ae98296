/**
 * What GitHub would make of Markdown text, modelled closely enough to check our escaping: code spans are
 * separated (CommonMark: a run of n backticks up to the next run of exactly n, not after a backslash), and the
 * rest is unescaped as a renderer would (backslash escapes of ASCII punctuation, then one level of `&amp;`,
 * `&lt;`, `&gt;`). GitHub finds mentions, bare-URL and e-mail autolinks and issue references in that rendered
 * text, outside code, after the Markdown is rendered; `live` lists what it would find there.
 */
export interface RenderedInline {
  /** The text outside code spans, as shown. */
  text: string[];
  /** The contents of code spans. */
  code: string[];
  /** The text outside code spans with its backslash escapes resolved but its entities not (raw HTML shows here). */
  html: string[];
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;

export function renderInline(markdown: string): RenderedInline {
  const text: string[] = [];
  const code: string[] = [];
  let current = '';
  let i = 0;
  while (i < markdown.length) {
    const char = markdown[i];
    if (char === '\\' && i + 1 < markdown.length && PUNCTUATION.test(markdown[i + 1])) {
      current += markdown[i + 1];
      i += 2;
      continue;
    }

    if (char === '`') {
      let n = 0;
      while (markdown[i + n] === '`') n++;
      const close = closingRun(markdown, i + n, n);
      if (close >= 0) {
        text.push(current);
        current = '';
        let content = markdown.slice(i + n, close);
        if (content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '')
          content = content.slice(1, -1);
        code.push(content);
        i = close + n;
        continue;
      }

      current += '`'.repeat(n);
      i += n;
      continue;
    }

    current += char;
    i++;
  }

  text.push(current);
  return {
    text: text.map((t) => t.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')),
    code,
    html: text,
  };
}

function closingRun(markdown: string, from: number, n: number): number {
  for (let i = from; i < markdown.length;) {
    if (markdown[i] !== '`') {
      i++;
      continue;
    }

    let m = 0;
    while (markdown[i + m] === '`') m++;
    if (m === n) return i;
    i += m;
  }

  return -1;
}

/** What GitHub would turn into a mention, a link or a reference, or what would reorder or hide text. */
const LIVE: [string, RegExp][] = [
  ['mention', /(?:^|[^\w`])@[a-z0-9]/i],
  ['url autolink', /\b(?:https?|ftp):\/\//i],
  ['www autolink', /(?:^|[\s*_~(])www\./i],
  ['email autolink', /[\w.+-]@[\w-]+\.[\w-]/],
  ['issue reference', /(?:^|\W)(?:#|gh-)\d/i],
  ['invisible character', /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u],
];

/** Every mention, autolink, reference, raw HTML tag or invisible character GitHub would see outside code in `markdown`. */
export function liveMarkdown(markdown: string): string[] {
  const found: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    // Inside fenced blocks (```mermaid) nothing is linked.
    if (/^ {0,3}```/.test(line)) fenced = !fenced;
    if (fenced || /^ {0,3}```/.test(line)) continue;
    const rendered = renderInline(line);
    for (const html of rendered.html) {
      const tag = /<[a-z/!?]/i.exec(html);
      if (tag) found.push(`raw HTML: ${JSON.stringify(html.slice(tag.index, tag.index + 30))}`);
    }

    for (const text of rendered.text) {
      for (const [kind, pattern] of LIVE) {
        const match = pattern.exec(text);
        if (match)
          found.push(`${kind}: ${JSON.stringify(text.slice(Math.max(0, match.index - 10), match.index + 30))}`);
      }
    }
  }

  return found;
}
