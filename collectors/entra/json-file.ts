/**
 * Reading one JSON file of an export: decoding as PowerShell and other tools write it, and syntax
 * errors reported with line and column so the user can open the file at the right place.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../model/errors';

/** Larger files cannot be one JavaScript string; Graph pages are far smaller. */
export const MAX_JSON_FILE_BYTES = 512 * 1024 * 1024;

/** UTF-8 (with or without BOM) or UTF-16 with BOM, as Windows PowerShell 5 redirection writes. */
export function decodeJsonBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

function errorPosition(message: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Where JSON.parse failed when its message gives no position (V8 says only "Unexpected token 'x',
 * "..." is not valid JSON" for some errors): the shortest prefix that fails for a reason other than
 * ending early ends just after the bad character. Parsing is left to right, so a longer prefix
 * fails at the same place and the search can halve.
 */
function locateError(text: string): number {
  const failsInside = (length: number): boolean => {
    const prefix = text.slice(0, length);
    try {
      JSON.parse(prefix);
      return false;
    } catch (err) {
      const message = err instanceof Error ? err.message : '';
      const at = errorPosition(message);
      if (at !== undefined) return at < length;
      return !/Unexpected end of JSON input/.test(message);
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** JSON.parse with the error position turned into `line L, column C`. */
export function parseJsonText(text: string, file: string): unknown {
  if (text.trim() === '') throw new InputError(file, '', 'the file is empty; expected a Graph JSON response');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Node 20 says "... in JSON at position N"; newer versions add "(line L column C)".
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const truncated = /Unexpected end of JSON input/.test(message);
    const offset = errorPosition(message) ?? (truncated ? text.length : locateError(text));
    let where: string;
    if (lineCol) where = `line ${lineCol[1]}, column ${lineCol[2]}`;
    else {
      const at = lineAndColumn(text, offset);
      where = `line ${at.line}, column ${at.column}`;
    }
    let problem = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/,? ?(in JSON )?at position \d+/, '')
      // V8 quotes the start of the input here; the position already says where.
      .replace(/^(Unexpected token '[\s\S]*?'), "[\s\S]*" is not valid JSON$/, '$1')
      .replace(/^Unexpected end of JSON input$/, 'unexpected end of file');
    if (offset >= text.trimEnd().length) problem += ' (the file ends here: it looks truncated)';
    throw new InputError(file, where, `not valid JSON: ${problem}`);
  }
}

/** Read and parse one JSON file. */
export async function readJsonFile(file: string): Promise<unknown> {
  const info = await stat(file);
  if (info.size > MAX_JSON_FILE_BYTES) {
    throw new InputError(
      file,
      '',
      `the file is ${Math.round(info.size / 1024 / 1024)} MB; files up to ${MAX_JSON_FILE_BYTES / 1024 / 1024} MB are read — export it as pages (name.json, name.2.json, ...)`,
    );
  }
  return parseJsonText(decodeJsonBytes(await readFile(file)), file);
}
