import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  checkShape,
  parseJsonText,
  readCheckedJsonFile,
  readJsonFile,
} from '../../../collectors/import/json-file';
import { InputError } from '../../../model/errors';
import { tempDirPerTest } from './helpers';

const FILE = 'export/page.json';
const EXPECTED = 'a test page';

/** The InputError parseJsonText throws (fails the test when it returns or throws anything else). */
function parseError(text: string): InputError {
  let error: unknown;
  try {
    parseJsonText(text, FILE, EXPECTED);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).file).toBe(FILE);
  return error as InputError;
}

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"value": [1, "a", null]}', FILE, EXPECTED)).toEqual({ value: [1, 'a', null] });
  });

  it('says what an empty or blank file should have held, with no place', () => {
    for (const text of ['', '  \r\n\t\n']) {
      expect(parseError(text)).toMatchObject({
        where: '',
        problem: 'the file is empty; expected a test page',
      });
    }
    // Only JSON whitespace makes a file blank: anything else is a syntax error with its place.
    expect(parseError('\u00a0')).toMatchObject({
      where: 'line 1, column 1',
      problem: "invalid JSON: unexpected '\u00a0', expected a value",
    });
  });

  it('names line and column of a syntax error and what was expected there', () => {
    const e = parseError('{\n  "RoleDetailList": [\n    { "RoleName": "x", }\n  ]\n}\n');
    expect(e.message).toBe(
      `${FILE}: line 3, column 24: invalid JSON: unexpected '}', expected a property name in double quotes`,
    );
    // A missing comma between properties, as in a hand-edited Graph page.
    const graph = JSON.stringify({ value: [{ id: 'a', appId: 'b' }] }, null, 2).replace('"a",', '"a"');
    expect(parseError(graph)).toMatchObject({
      where: 'line 5, column 7',
      problem: `invalid JSON: unexpected '"', expected ',' or '}'`,
    });
  });

  it('says a truncated file is truncated, at its end', () => {
    const text = JSON.stringify({ value: [{ id: 'a' }, { id: 'b' }] }, null, 2);
    const cut = text.slice(0, text.length - 12);
    const lines = cut.split('\n');
    expect(parseError(cut)).toMatchObject({
      where: `line ${lines.length}, column ${(lines[lines.length - 1]?.length ?? 0) + 1}`,
      problem: 'invalid JSON: unexpected end of file (is the file truncated?)',
    });
    expect(parseError('{"value": [{"id": "ab').problem).toBe(
      'invalid JSON: unexpected end of file inside a string (is the file truncated?)',
    );
  });

  it('refuses trailing garbage, bad escapes and control characters with their place', () => {
    const cases: [string, string, string][] = [
      [
        '{"RoleDetailList": []} trailing',
        'line 1, column 24',
        "invalid JSON: unexpected 't' after the end of the JSON value",
      ],
      [
        '{"RoleDetailList": [{"RoleName": "a\\qb"}]}',
        'line 1, column 36',
        'invalid JSON: invalid escape \\q in string',
      ],
      [
        '{"RoleDetailList": [{"RoleName": "a\u0001"}]}',
        'line 1, column 36',
        'invalid JSON: unescaped character \\u0001 in string',
      ],
    ];
    for (const [text, where, problem] of cases) expect(parseError(text)).toMatchObject({ where, problem });
  });

  it('refuses hostile nesting without crashing', () => {
    const deep = `{"value": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(parseError(deep)).toMatchObject({
      where: '',
      problem: 'JSON nests deeper than 64 levels: not a provider export',
    });
    let nested: unknown = 'x';
    for (let i = 0; i < 60; i++) nested = { k: nested };
    expect(parseJsonText(JSON.stringify({ value: [nested] }), FILE, EXPECTED)).toBeTruthy();
  });
});

describe('checkShape', () => {
  it('returns the parsed value or names the JSON path of the problem', () => {
    const schema = z.object({ Functions: z.array(z.object({ FunctionName: z.string() })) });
    expect(checkShape({ Functions: [{ FunctionName: 'f' }] }, schema, FILE)).toEqual({
      Functions: [{ FunctionName: 'f' }],
    });
    expect(() => checkShape({ Functions: [{ FunctionName: 'f' }, {}] }, schema, FILE)).toThrow(
      new InputError(FILE, 'Functions[1].FunctionName', 'missing (expected string)'),
    );
  });
});

describe('readJsonFile', () => {
  const tempDir = tempDirPerTest();

  it('reads a UTF-16 file and checks its shape', async () => {
    const file = join(tempDir(), 'lambda-functions.json');
    const text = JSON.stringify({ Functions: [{ FunctionName: 'f' }] });
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await readJsonFile(file, EXPECTED)).toEqual({ Functions: [{ FunctionName: 'f' }] });
    const schema = z.object({ Functions: z.array(z.object({ FunctionArn: z.string() })) });
    await expect(readCheckedJsonFile(file, schema, EXPECTED)).rejects.toThrow(
      `${file}: Functions[0].FunctionArn: missing (expected string)`,
    );
  });

  it('names the file in read errors', async () => {
    const file = join(tempDir(), 'absent.json');
    await expect(readJsonFile(file, EXPECTED)).rejects.toThrow(`${file}: file not found`);
  });
});
