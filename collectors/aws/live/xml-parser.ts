/**
 * A response body read into the object the AWS SDK's XML deserializer reads it into
 * (`XmlShapeDeserializer.parseXml` of @aws-sdk/core 3.981: `parseXML` of @aws-sdk/xml-builder,
 * then `getValueFromTextNode` of @smithy/core), for the documents AWS sends, faster.
 *
 * Why: the SDK's parser builds every text, name and attribute one character at a time and then
 * walks the whole tree a second time; for a large organization (tens of MB of
 * GetAccountAuthorizationDetails pages) that was about a second of CPU and most of the garbage
 * collection, and made the scan CPU-bound. Here text is cut out with `indexOf`/`slice`, each
 * element's value is final when its parent takes it (the second walk folded in), and no wrapper
 * objects are made per element.
 *
 * Same rules, same result: the same keys in the same order, repeated elements as arrays, `''` for
 * empty elements, text that is only indentation dropped, entities decoded the same way, an
 * element with attributes and text read as its text. Whatever this parser does not reproduce
 * exactly, it refuses (`undefined`), and the caller hands the document to the SDK: anything the
 * SDK would reject, names that reach `Object.prototype` (`__proto__`, `constructor`...), elements
 * or attributes named `#text`, and text mixed with child elements. AWS sends none of these.
 */

/** What the SDK's deserializer reads a document into: text, `''`, or an object of children and attributes. */
export type XmlValue = string | XmlObject;
export interface XmlObject {
  [key: string]: XmlValue | XmlValue[];
}

/** The SDK would read this document differently from the way this parser can, or reject it. */
class Refused extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;

/** The SDK's entity decoding (unknown names become nothing). */
function decodeEntities(s: string): string {
  // Most text has no entity at all: skip the regular expression (the result is the same).
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, named: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (dec) return String.fromCharCode(parseInt(dec, 10));
    return ENTITIES[named] ?? '';
  });
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const QUESTION = 63;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

/** Printable ASCII other than space: no `trim` removes it. */
function isPlainEdge(c: number): boolean {
  return c > SPACE && c < 127;
}

/** The SDK drops text that is only whitespace and has a line break (indentation). */
function isBlankLine(text: string): boolean {
  return text.trim() === '' && text.includes('\n');
}

/**
 * Names this parser leaves to the SDK: `#text`, and the names the SDK's `in` test finds on
 * `Object.prototype` (`__proto__`, `constructor`...). Taken per document, so a changed
 * `Object.prototype` is seen as the SDK would see it; a set lookup instead of `in` on every name.
 */
function refusedNames(): Set<string> {
  const names = new Set(Object.getOwnPropertyNames(Object.prototype));
  names.add('#text');
  return names;
}

class Parser {
  readonly x: string;
  readonly z: number;
  i = 0;
  /** The name of the element `element()` read last. */
  tag = '';
  readonly refused = refusedNames();

  constructor(xml: string) {
    // The SDK normalises line ends; most documents have no CR to replace.
    this.x = xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml;
    this.z = this.x.length;
  }

  /** The root element's value, after what may precede it (declaration, comments, doctype). */
  root(): XmlValue {
    const { x, z } = this;
    while (this.i < z) {
      this.trim();
      if (this.i >= z) break;
      if (x.startsWith('<?', this.i)) {
        this.readTo('?>');
        this.trim();
      } else if (x.startsWith('<!--', this.i)) {
        this.readTo('-->');
        this.trim();
      } else if (
        x
          .slice(0, this.i + 9)
          .toLowerCase()
          .startsWith('<!doctype', this.i)
      ) {
        // The SDK lower-cases the whole document for this test; the prefix up to here gives the
        // same answer (a character's lower case never depends on what follows it in length).
        this.skipDoctype();
        this.trim();
      } else if (x.charCodeAt(this.i) === LT) {
        return this.element(true);
      } else {
        throw new Refused('unexpected content');
      }
    }
    throw new Refused('no root element');
  }

  readTo(stop: string): string {
    const end = this.x.indexOf(stop, this.i);
    if (end === -1) throw new Refused(`expected "${stop}" not found`);
    const result = this.x.slice(this.i, end);
    this.i = end + stop.length;
    return result;
  }

  trim(): void {
    while (this.i < this.z && isSpace(this.x.charCodeAt(this.i))) ++this.i;
  }

  /** Attributes from here to the end of the opening tag, as the SDK reads them. */
  attributes(): Record<string, string> | undefined {
    const { x, z } = this;
    let attrs: Record<string, string> | undefined;
    while (this.i < z) {
      this.trim();
      const c = x.charCodeAt(this.i);
      if (c === GT || c === SLASH) break;
      const start = this.i;
      while (this.i < z) {
        const d = x.charCodeAt(this.i);
        if (d === EQ || isSpace(d) || d === GT || d === SLASH || d === QUESTION) break;
        ++this.i;
      }
      const name = x.slice(start, this.i);
      this.trim();
      if (x.charCodeAt(this.i) !== EQ) break;
      ++this.i;
      this.trim();
      if (this.refused.has(name)) throw new Refused(`attribute ${name}`);
      // As the SDK: whatever character follows `=` is the quote, and the value runs to its next use.
      const quote = x.charAt(this.i);
      ++this.i;
      let end = quote ? x.indexOf(quote, this.i) : -1;
      if (end === -1) end = z;
      const value = decodeEntities(x.slice(this.i, end));
      this.i = end + 1;
      (attrs ??= {})[name] = value;
    }
    return attrs;
  }

  /**
   * The element at `<`, as its parent's value holds it: `''`, its text, or an object of its
   * children (repeated names as arrays) then attributes. The root keeps text and attributes
   * together (the SDK moves the text under the root's own name); an element below it with text
   * is read as that text.
   */
  element(isRoot: boolean): XmlValue {
    const { x, z } = this;
    ++this.i;
    const start = this.i;
    while (this.i < z) {
      const c = x.charCodeAt(this.i);
      if (isSpace(c) || c === GT || c === SLASH) break;
      ++this.i;
    }
    const tag = x.slice(start, this.i);
    if (this.refused.has(tag)) throw new Refused(`element ${tag}`);
    const attrs = this.attributes();
    if (this.i >= z) throw new Refused('unexpected end of input');
    if (x.charCodeAt(this.i) === SLASH) {
      ++this.i;
      if (this.i >= z || x.charCodeAt(this.i) !== GT) throw new Refused('expected > (self-closing tag)');
      ++this.i;
      this.tag = tag;
      return attrs ?? '';
    }
    if (x.charCodeAt(this.i) !== GT) throw new Refused('expected > (opening tag)');
    ++this.i;
    // Most elements hold one text or only children: the list of texts is made only when needed.
    let text: string | undefined;
    let texts: string[] | undefined;
    let children: XmlObject | undefined;
    while (this.i < z) {
      if (x.charCodeAt(this.i) === LT) {
        if (x.charCodeAt(this.i + 1) === SLASH) break;
        let part: string | undefined;
        if (x.startsWith('<!--', this.i)) {
          this.readTo('-->');
        } else if (x.startsWith('<![CDATA[', this.i)) {
          this.i += 9;
          part = this.readTo(']]>');
        } else if (x.startsWith('<?', this.i)) {
          this.readTo('?>');
        } else {
          const value = this.element(false);
          const name = this.tag;
          children ??= {};
          const existing = children[name];
          if (existing === undefined) children[name] = value;
          else if (Array.isArray(existing)) existing.push(value);
          else children[name] = [existing, value];
        }
        if (part !== undefined) {
          if (text === undefined) text = part;
          else (texts ??= [text]).push(part);
        }
      } else {
        let end = x.indexOf('<', this.i);
        if (end === -1) end = z;
        const part = decodeEntities(x.slice(this.i, end));
        this.i = end;
        if (text === undefined) text = part;
        else (texts ??= [text]).push(part);
      }
    }
    if (!(x.charCodeAt(this.i) === LT && x.charCodeAt(this.i + 1) === SLASH)) {
      throw new Refused(`missing closing tag </${tag}>`);
    }
    this.i += 2;
    this.closingTag(tag);
    this.tag = tag;

    if (!attrs && !children) {
      if (text === undefined) return '';
      const all = texts ? texts.join('') : text;
      return isBlankLine(all) ? '' : all;
    }
    // The SDK's `#text`: the parts that are not indentation, joined.
    let kept: string | undefined;
    for (const part of texts ?? (text === undefined ? [] : [text])) {
      if (!isBlankLine(part)) kept = kept === undefined ? part : kept + part;
    }
    if (kept !== undefined) {
      // Text beside child elements would put `#text` before them: left to the SDK.
      if (children) throw new Refused('mixed content');
      // The SDK reads an element with text as its text, attributes dropped...
      if (!isRoot) return kept;
      // ...but keeps the root's attributes and moves its text under the root's name (only text
      // that is not empty: the SDK tests it for truth).
      if (!kept) throw new Refused('empty root text');
      const root: XmlObject = { ...attrs };
      root[tag] = kept;
      return root;
    }
    const obj = children ?? {};
    if (attrs) for (const [k, v] of Object.entries(attrs)) obj[k] = v;
    return obj;
  }

  /** `</` was read: the rest of the closing tag must name `tag` (the SDK trims it first). */
  closingTag(tag: string): void {
    const { x } = this;
    const end = this.i + tag.length;
    // Fast path: `tag>` follows, and `tag` has no whitespace a trim could remove at either end.
    if (
      x.charCodeAt(end) === GT &&
      x.startsWith(tag, this.i) &&
      tag.length > 0 &&
      isPlainEdge(tag.charCodeAt(0)) &&
      isPlainEdge(tag.charCodeAt(tag.length - 1))
    ) {
      this.i = end + 1;
      return;
    }
    const closeTag = this.readTo('>').trim();
    if (closeTag !== tag) throw new Refused(`mismatched tags <${tag}> and </${closeTag}>`);
  }

  skipDoctype(): void {
    this.i += 9;
    let depth = 0;
    while (this.i < this.z) {
      const c = this.x.charAt(this.i);
      if (c === '[') ++depth;
      else if (c === ']') --depth;
      else if (c === '>' && depth === 0) {
        ++this.i;
        return;
      }
      ++this.i;
    }
    throw new Refused('unclosed DOCTYPE');
  }
}

/**
 * The body as the SDK's XML deserializer reads it before applying the output schema, or undefined
 * when this parser leaves the document to the SDK (see above).
 */
export function parseXmlBody(xml: string): XmlValue | undefined {
  if (!xml.length) return {};
  try {
    return new Parser(xml).root();
  } catch (e) {
    // RangeError: nesting deeper than the stack; the SDK's parser recurses the same way.
    if (e instanceof Refused || e instanceof RangeError) return undefined;
    throw e;
  }
}
