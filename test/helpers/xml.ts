/**
 * A small, strict XML 1.0 well-formedness parser for tests of the JUnit output: it rejects what real JUnit readers
 * (Jenkins, GitLab, Surefire) reject — unescaped `<` or `&`, unknown entities, mismatched or unclosed tags,
 * duplicate attributes, characters XML cannot carry, a second root — and returns the element tree so tests can
 * assert on it. It supports what JUnit files use: an XML declaration, elements, attributes, character and the five
 * predefined entity references, comments and CDATA; no DTDs (a DOCTYPE is rejected).
 *
 * A parser of our own instead of a dev dependency: it is ~150 lines, has no install cost, and tests can read why
 * a document is rejected.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element, entities decoded. */
  text: string;
}

export class XmlError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
const ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"};
// Chars XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const BAD_CHAR =
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are what this finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function parseXml(source: string): XmlElement {
  const bad = BAD_CHAR.exec(source);
  if (bad)
    fail(
      `character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
      bad.index,
    );
  let pos = 0;

  const at = (text: string) => source.startsWith(text, pos);
  const skipSpace = () => {
    while (pos < source.length && ' \t\r\n'.includes(source[pos])) pos += 1;
  };

  const name = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(source);
    if (!match) fail('expected a name', pos);
    pos += match[0].length;
    return match[0];
  };

  const decode = (raw: string, offset: number): string =>
    raw.replace(/&([^;]*);?/g, (whole, body: string, index: number) => {
      if (!whole.endsWith(';')) fail('"&" must start an entity reference ending in ";"', offset + index);
      if (body in ENTITIES) return ENTITIES[body];
      const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
      if (!numeric) fail(`unknown entity "&${body};"`, offset + index);
      const code = numeric[1] === undefined ? Number(numeric[2]) : Number.parseInt(numeric[1], 16);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (char === '' || BAD_CHAR.test(char) || (code < 0x20 && ![0x9, 0xa, 0xd].includes(code)))
        fail(`character reference &${body}; is not allowed`, offset + index);
      return char;
    });

  const misc = () => {
    for (;;) {
      skipSpace();
      if (at('<!--')) comment();
      else if (at('<?')) processingInstruction();
      else return;
    }
  };

  const comment = () => {
    const end = source.indexOf('-->', pos + 4);
    if (end < 0) fail('unclosed comment', pos);
    if (source.slice(pos + 4, end).includes('--')) fail('"--" inside a comment', pos);
    pos = end + 3;
  };

  const processingInstruction = () => {
    const end = source.indexOf('?>', pos);
    if (end < 0) fail('unclosed processing instruction', pos);
    pos = end + 2;
  };

  const element = (): XmlElement => {
    if (!at('<')) fail('expected an element', pos);
    pos += 1;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (at('/>')) {
        pos += 2;
        return {name: tag, attributes, children: [], text: ''};
      }

      if (at('>')) {
        pos += 1;
        break;
      }

      if (pos === before) fail('expected whitespace between attributes', pos);
      const attribute = name();
      if (Object.hasOwn(attributes, attribute)) fail(`duplicate attribute "${attribute}"`, pos);
      skipSpace();
      if (!at('=')) fail(`expected "=" after attribute ${attribute}`, pos);
      pos += 1;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value', pos);
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail('unclosed attribute value', pos);
      const raw = source.slice(pos + 1, end);
      if (raw.includes('<')) fail('"<" in an attribute value', pos);
      // Attribute-value normalisation: literal whitespace characters become spaces.
      attributes[attribute] = decode(raw.replace(/[\t\r\n]/g, ' '), pos + 1);
      pos = end + 1;
    }

    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (pos >= source.length) fail(`unclosed element <${tag}>`, pos);
      if (at('</')) {
        pos += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`, pos);
        skipSpace();
        if (!at('>')) fail('expected ">"', pos);
        pos += 1;
        return {name: tag, attributes, children, text};
      }

      if (at('<!--')) comment();
      else if (at('<![CDATA[')) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail('unclosed CDATA section', pos);
        text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (at('<?')) processingInstruction();
      else if (at('<!')) fail('declarations (DOCTYPE) are not supported', pos);
      else if (at('<')) children.push(element());
      else {
        const next = source.indexOf('<', pos);
        const end = next < 0 ? source.length : next;
        const raw = source.slice(pos, end);
        if (raw.includes(']]>')) fail('"]]>" in character data', pos + raw.indexOf(']]>'));
        text += decode(raw, pos);
        pos = end;
      }
    }
  };

  if (at('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration', 0);
    if (
      !/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>$/.test(
        source.slice(0, end + 2),
      )
    )
      fail('malformed XML declaration', 0);
    pos = end + 2;
  }

  misc();
  if (at('<!')) fail('declarations (DOCTYPE) are not supported', pos);
  const root = element();
  misc();
  if (pos < source.length) fail('content after the root element', pos);
  return root;

  function fail(message: string, offset: number): never {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new XmlError(`${message} at line ${line}, column ${column}`);
  }
}

/** Every element named `name` below (and including) `root`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => findAll(child, name))];
}
