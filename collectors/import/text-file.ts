/**
 * Reading one input file of an offline import as text: the checks that come before any parsing
 * (exists, is a file, not too large, not compressed) and decoding as the export tools write it.
 * Every failure is an InputError naming the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../model/errors';

/**
 * Largest input file read. V8 strings stop at about 512 M characters, so a larger file could not be
 * one string at all; refusing it up front gives a clear message instead of a crash.
 */
export const MAX_INPUT_FILE_BYTES = 500 * 1024 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** A file system error as a problem the user can act on. */
export function fileSystemProblem(e: unknown, what: 'file' | 'folder'): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? `${what} not found` : `cannot read the ${what} (${code ?? 'error'})`;
}

/**
 * UTF-8 (with or without BOM) or UTF-16 LE/BE with BOM: Windows PowerShell 5 redirection and
 * Out-File write UTF-16 LE with a BOM, other tools UTF-8.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.subarray(2).toString('utf16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node decodes little-endian only: swap a copy, leaving the caller's buffer as it was.
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The file's text, decoded; refuses what is missing, not a file, too large or gzip-compressed. */
export async function readTextFile(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InputError(file, '', 'not a file');
    size = info.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, '', fileSystemProblem(e, 'file'));
  }
  if (size > MAX_INPUT_FILE_BYTES) {
    throw new InputError(
      file,
      '',
      `the file is ${mb(size)}; files over ${mb(MAX_INPUT_FILE_BYTES)} are refused: export in pages instead (name.json, name.2.json, ...)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    // Stat can succeed on a file that cannot be opened (permissions, removed in between).
    throw new InputError(file, '', fileSystemProblem(e, 'file'));
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new InputError(file, '', 'the file is gzip-compressed: decompress it first');
  }
  return decodeText(bytes);
}
