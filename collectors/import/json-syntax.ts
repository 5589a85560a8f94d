/**
 * Finds where and why a JSON text is invalid. Node 20's JSON.parse names a position for some errors
 * only ("Unexpected token '}', ... is not valid JSON" has none) and words its messages differently
 * from one Node version to the next, so on failure the text is scanned again by this small
 * validating scanner: it names the offending character and what was expected, at its exact offset.
 * It is iterative (no recursion: hostile nesting cannot overflow the stack) and linear in the text
 * length.
 */
export interface JsonSyntaxError {
  /** Offset in UTF-16 code units. */
  offset: number;
  problem: string;
}

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'after-value';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  // Control characters would garble a one-line message: show them escaped.
  if (code < 0x20 || code === 0x7f) return `character \\u${code.toString(16).padStart(4, '0')}`;
  return `'${ch}'`;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Returns the end offset of the string starting at `start` (a '"'), or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === undefined) break;
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6)))
          return { offset: i, problem: 'invalid \\u escape in string' };
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(next)) return { offset: i, problem: `invalid escape \\${next} in string` };
      i += 2;
      continue;
    }
    if (code < 0x20) return { offset: i, problem: `unescaped ${describe(text[i] ?? '')} in string` };
    i++;
  }
  return { offset: n, problem: 'unexpected end of file inside a string (is the file truncated?)' };
}

/** Undefined when the text is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ('{' | '[')[] = [];
  const n = text.length;
  let i = 0;
  let expect: Expect = 'value';
  for (;;) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (expect === 'after-value' && stack.length === 0) return undefined;
      return {
        offset: n,
        problem: i === 0 ? 'the file is empty' : 'unexpected end of file (is the file truncated?)',
      };
    }
    const ch = text[i] ?? '';
    switch (expect) {
      case 'value':
      case 'value-or-end': {
        if (ch === ']' && expect === 'value-or-end') {
          stack.pop();
          i++;
          expect = 'after-value';
        } else if (ch === '{') {
          stack.push('{');
          i++;
          expect = 'key-or-end';
        } else if (ch === '[') {
          stack.push('[');
          i++;
          expect = 'value-or-end';
        } else if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'after-value';
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return { offset: i, problem: 'invalid number' };
          i += m[0].length;
          expect = 'after-value';
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
          expect = 'after-value';
        } else if (text.startsWith('false', i)) {
          i += 5;
          expect = 'after-value';
        } else {
          return { offset: i, problem: `unexpected ${describe(ch)}, expected a value` };
        }
        break;
      }
      case 'key':
      case 'key-or-end': {
        if (ch === '}' && expect === 'key-or-end') {
          stack.pop();
          i++;
          expect = 'after-value';
        } else if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'colon';
        } else {
          return {
            offset: i,
            problem: `unexpected ${describe(ch)}, expected a property name in double quotes`,
          };
        }
        break;
      }
      case 'colon': {
        if (ch !== ':') return { offset: i, problem: `unexpected ${describe(ch)}, expected ':'` };
        i++;
        expect = 'value';
        break;
      }
      case 'after-value': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          return { offset: i, problem: `unexpected ${describe(ch)} after the end of the JSON value` };
        }
        const close = top === '{' ? '}' : ']';
        if (ch === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if (ch === close) {
          stack.pop();
          i++;
        } else {
          return { offset: i, problem: `unexpected ${describe(ch)}, expected ',' or '${close}'` };
        }
        break;
      }
    }
  }
}

/** 1-based line and column of an offset; an offset past the end counts as the end. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < clamped; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}
