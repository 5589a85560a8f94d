/**
 * Reading one JSON input file of an offline import (AWS CLI output, Graph responses): syntax errors
 * located by line and column, a nesting depth guard, and shape errors naming the JSON path. Every
 * failure is an InputError naming the file, so the user can open it at the right place.
 */
import type { z } from 'zod';
import { InputError } from '../../model/errors';
import { nestsDeeperThan } from './json-depth';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax';
import { readTextFile } from './text-file';
import { describeIssues } from './zod-issues';

/** Provider exports are a dozen levels deep; far deeper input is not an export. */
export const MAX_JSON_DEPTH = 64;

const JSON_WHITESPACE_ONLY = /^[ \t\n\r]*$/;

function at(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/**
 * Parse the text of `file`. `expected` says what the file should hold (`a Graph JSON response`),
 * for the message about an empty file.
 */
export function parseJsonText(text: string, file: string, expected: string): unknown {
  // An empty file is most often a failed export command, not a JSON typo: say so, with no place.
  if (JSON_WHITESPACE_ONLY.test(text))
    throw new InputError(file, '', `the file is empty; expected ${expected}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const found = findJsonSyntaxError(text);
    if (found) throw new InputError(file, at(text, found.offset), `invalid JSON: ${found.problem}`);
    // The scanner and V8 disagree only on limits (e.g. a string too long for V8): use V8's position.
    const pos = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
    throw new InputError(file, pos ? at(text, Number(pos[1])) : '', 'invalid JSON');
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new InputError(file, '', `JSON nests deeper than ${MAX_JSON_DEPTH} levels: not a provider export`);
  }
  return value;
}

/** Check a parsed value against a schema; shape errors name the JSON path. */
export function checkShape<T extends z.ZodType>(value: unknown, schema: T, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { where, problem } = describeIssues(result.error.issues);
    throw new InputError(file, where, problem);
  }
  return result.data;
}

/** Read and parse one JSON file; `expected` as for parseJsonText. */
export async function readJsonFile(file: string, expected: string): Promise<unknown> {
  return parseJsonText(await readTextFile(file), file, expected);
}

/** Read one JSON file and check it against a schema. */
export async function readCheckedJsonFile<T extends z.ZodType>(
  file: string,
  schema: T,
  expected: string,
): Promise<z.output<T>> {
  return checkShape(await readJsonFile(file, expected), schema, file);
}
