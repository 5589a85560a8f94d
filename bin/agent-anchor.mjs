#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx agent-anchor` works right
// after `npm install` with no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig, wherever the command is run from: it sets the JSX runtime of the
// report templates and the module resolution of the sources.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../cli/main.ts');
