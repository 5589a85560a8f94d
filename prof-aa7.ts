import { createHostileEngagement } from './test/e2e/hostile-engagement';
import { rmSync } from 'node:fs';
rmSync('/tmp/aa7/hostile.anchor', { force: true }); rmSync('/tmp/aa7/hraw', { recursive: true, force: true });
console.log(await createHostileEngagement('/tmp/aa7/hostile.anchor', '/tmp/aa7/hraw'));
