import { describe, expect, it } from 'vitest';
import { chmod, mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeText, readTextFile } from '../../../collectors/import/text-file';
import { inputErrorOf, tempDirPerTest } from './helpers';

const tempDir = tempDirPerTest();

const readError = (file: string) => inputErrorOf(readTextFile(file), file);

const TEXT = '{"name": "é 😀"}';

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(Buffer.from(TEXT))).toBe(TEXT);
    expect(decodeText(Buffer.from(`\uFEFF${TEXT}`))).toBe(TEXT);
  });

  it('reads UTF-16 LE and BE with BOM, as Windows PowerShell 5 writes', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(decodeText(le)).toBe(TEXT);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(TEXT);
  });

  it('leaves a cut-off UTF-16 BE byte to the JSON error instead of throwing', () => {
    const be = Buffer.from(Buffer.from('[1]', 'utf16le')).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be, Buffer.from([0x00])]))).toBe('[1]');
  });
});

describe('readTextFile', () => {
  it('reads and decodes a file', async () => {
    const file = join(tempDir(), 'a.json');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    expect(await readTextFile(file)).toBe(TEXT);
  });

  it('names a missing file and a folder', async () => {
    expect((await readError(join(tempDir(), 'absent.json'))).problem).toBe('file not found');
    const sub = join(tempDir(), 'sub.json');
    await mkdir(sub);
    expect((await readError(sub)).problem).toBe('not a file');
  });

  // Root reads any file, and Windows has no such mode bits: the case exists only elsewhere.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'names a file it may not read',
    async () => {
      const locked = join(tempDir(), 'locked.json');
      await writeFile(locked, '{}');
      await chmod(locked, 0o000);
      expect((await readError(locked)).problem).toBe('cannot read the file (EACCES)');
    },
  );

  it('refuses a file too large to be one string, hinting at pages', async () => {
    const big = join(tempDir(), 'big.json');
    await writeFile(big, '');
    await truncate(big, 600 * 1024 * 1024); // sparse: takes no disk space
    expect((await readError(big)).problem).toBe(
      'the file is 600 MB; files over 500 MB are refused: export in pages instead (name.json, name.2.json, ...)',
    );
  });

  it('refuses a gzip-compressed file', async () => {
    const gz = join(tempDir(), 'gz.json');
    await writeFile(gz, gzipSync(Buffer.from('{"value": []}')));
    expect((await readError(gz)).problem).toBe('the file is gzip-compressed: decompress it first');
  });
});
