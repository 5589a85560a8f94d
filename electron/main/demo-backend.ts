/**
 * The backend behind `--demo`: the demo engagement (engagement/demo, the lead's generator),
 * written into the app's user data folder and opened like any other engagement file.
 */
import { rmSync } from 'node:fs';
import nodePath from 'node:path';
import { createDemoEngagement } from '../../engagement/demo';
import { openEngagementBackend, type BackendOptions, type EngagementBackend } from './engagement-backend';

/** File name of the demo engagement inside the app's user data folder. */
export const DEMO_FILE_NAME = 'demo.anchor';

/**
 * Generate the demo engagement afresh into `userDataDir` and open it. Regenerated on every
 * `--demo` start so it always matches the running version's schema and generator.
 */
export async function openDemoBackend(
  userDataDir: string,
  options: BackendOptions = {},
): Promise<EngagementBackend> {
  const file = nodePath.join(userDataDir, DEMO_FILE_NAME);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  await createDemoEngagement(file, {
    ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
  });
  return openEngagementBackend(file, options);
}
