import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findJsonSyntaxError, lineAndColumn } from '../../../collectors/import/json-syntax';
import { EXPORT_DIR } from '../aws/helpers';
import { FIXTURE_DIR } from '../entra/fixture-ids';

describe('findJsonSyntaxError', () => {
  it('accepts whatever JSON.parse accepts', async () => {
    const valid = [
      '0',
      '-1.5e+10',
      '"\\u00e9\\n\\"\\\\\\/"',
      ' { "a" : [ true , false , null , {} , [] ] } ',
      '"emoji 😀 and \u2028"',
      JSON.stringify({ deep: [[[{ x: 'y' }]]], n: 12.5e-3 }),
    ];
    // Both providers' fixture exports: AWS CLI output and Graph responses.
    for (const account of await readdir(EXPORT_DIR)) {
      for (const name of await readdir(join(EXPORT_DIR, account))) {
        if (name.endsWith('.json')) valid.push(await readFile(join(EXPORT_DIR, account, name), 'utf8'));
      }
    }
    for (const entry of await readdir(FIXTURE_DIR, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.json')) {
        valid.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
      }
    }
    for (const text of valid) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });

  it('finds the first error of what JSON.parse refuses', () => {
    const cases: [string, number, string][] = [
      ['{"a": 01}', 7, "unexpected '1', expected ',' or '}'"],
      ['[1, 2,]', 6, "unexpected ']', expected a value"],
      ["{'a': 1}", 1, "unexpected ''', expected a property name in double quotes"],
      ['{"a" 1}', 5, "unexpected '1', expected ':'"],
      ['[tru]', 1, "unexpected 't', expected a value"],
      ['["\\u12G4"]', 2, 'invalid \\u escape in string'],
      ['[-]', 1, 'invalid number'],
      ['{"a": [1, 2}', 11, "unexpected '}', expected ',' or ']'"],
      ['{"a": 1} x', 9, "unexpected 'x' after the end of the JSON value"],
      ['["a\u0001"]', 3, 'unescaped character \\u0001 in string'],
      ['{"a": [1', 8, 'unexpected end of file (is the file truncated?)'],
      ['{"a": "b', 8, 'unexpected end of file inside a string (is the file truncated?)'],
      ['', 0, 'the file is empty'],
    ];
    for (const [text, offset, problem] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonSyntaxError(text)).toEqual({ offset, problem });
    }
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\r\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\r\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 });
    // V8 may name a position past the end of a truncated text: it is the end.
    expect(lineAndColumn('ab\ncd', 99)).toEqual({ line: 2, column: 3 });
  });
});
