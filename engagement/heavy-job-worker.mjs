// Starts the heavy-job worker (heavy-job-worker.ts) from source. A worker thread does not inherit
// the TypeScript loader of the thread that started it (tsx in the CLI, vite in the tests), so it
// registers tsx itself, as bin/agent-anchor.mjs does, with the project's tsconfig (the JSX runtime
// of the report templates). The Electron build bundles the worker and does not use this file.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('./heavy-job-worker.ts');
