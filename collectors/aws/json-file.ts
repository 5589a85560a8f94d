/**
 * Reading one input file: size guard, JSON syntax errors with line and column, shape errors with
 * the JSON path. Every failure is an InputError naming the file.
 */
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError } from '../../model/errors';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax';
import { nestsDeeperThan } from './policy-document';
import { describeIssues } from './zod-issues';

/**
 * Largest input file read. V8 strings stop at about 512 M characters, so a larger JSON file could
 * not be parsed at all; refusing it up front gives a clear message instead of a crash.
 */
export const MAX_INPUT_FILE_BYTES = 500 * 1024 * 1024;

/** Provider exports are a dozen levels deep; far deeper input is not an export. */
export const MAX_JSON_DEPTH = 64;

export async function readTextFile(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InputError(file, '', 'not a file');
    size = info.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      file,
      '',
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})`,
    );
  }
  if (size > MAX_INPUT_FILE_BYTES) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    throw new InputError(
      file,
      '',
      `the file is ${mb(size)}; files over ${mb(MAX_INPUT_FILE_BYTES)} are refused (export in pages instead)`,
    );
  }
  const bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new InputError(file, '', 'the file is gzip-compressed: decompress it first');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = findJsonSyntaxError(text);
    if (found) {
      const { line, column } = lineAndColumn(text, found.offset);
      throw new InputError(file, `line ${line}, column ${column}`, `invalid JSON: ${found.problem}`);
    }
    // The scanner and V8 disagree only on limits (e.g. a string too long for V8): use V8's position.
    const message = e instanceof Error ? e.message : '';
    const pos = /at position (\d+)/.exec(message);
    if (pos) {
      const { line, column } = lineAndColumn(text, Number(pos[1]));
      throw new InputError(file, `line ${line}, column ${column}`, 'invalid JSON');
    }
    throw new InputError(file, '', 'invalid JSON');
  }
}

/** Check a parsed value against a schema; shape errors name the JSON path. */
export function checkShape<T extends z.ZodType>(value: unknown, schema: T, file: string): z.output<T> {
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new InputError(file, '', `JSON nests deeper than ${MAX_JSON_DEPTH} levels: not a provider export`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const { where, problem } = describeIssues(result.error.issues);
    throw new InputError(file, where, problem);
  }
  return result.data;
}

export async function readJsonFile<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T>> {
  const text = await readTextFile(file);
  return checkShape(parseJsonText(text, file), schema, file);
}
