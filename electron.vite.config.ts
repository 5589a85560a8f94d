/**
 * Three bundles: main (ESM, Node target, dependencies such as better-sqlite3 and zod stay
 * external and load from node_modules; a second entry is the worker thread of long jobs),
 * preload (one self-contained CommonJS file, as a sandboxed preload can require little but
 * 'electron'), renderer (React, served from out/renderer).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * renderer/index.html carries the production CSP as a meta tag. The dev server needs inline
 * scripts (React Refresh) and a websocket, so in dev the meta tag is dropped and the main process
 * sends the development policy as a header instead (electron/main/csp.ts).
 */
function dropCspMetaInDev(): Plugin {
  return {
    name: 'agent-anchor:drop-csp-meta-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, '');
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 (native), zod and the other dependencies are required at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The worker thread of long jobs (engagement/heavy-job.ts), loaded by path at run time.
          'heavy-job-worker': resolve(root, 'engagement/heavy-job-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Bundle everything: the sandboxed preload cannot load modules from node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), dropCspMetaInDev()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
