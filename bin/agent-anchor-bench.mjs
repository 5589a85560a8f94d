#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmarks from source through tsx.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig, wherever the command is run from: it sets the JSX runtime of the
// report templates and the module resolution of the sources.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../bench/run.ts');
