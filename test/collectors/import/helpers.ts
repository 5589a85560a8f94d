/** Shared set-up of the import tests: a fresh temporary folder per test, the error a read fails with. */
import { afterEach, beforeEach, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../model/errors';

/**
 * Registers hooks that make a temporary folder before each test of the calling scope and remove it
 * after; the returned function gives the current test's folder.
 */
export function tempDirPerTest(): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-anchor-import-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** The InputError `read` rejects with, checked to name `file` (fails the test on anything else). */
export async function inputErrorOf(read: Promise<unknown>, file: string): Promise<InputError> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).file).toBe(file);
  return error as InputError;
}
