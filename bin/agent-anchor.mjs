#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx agent-anchor` works right
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
