/**
 * A sandboxed preload can require little more than 'electron'. electron-vite bundles our own
 * files into the one CJS output, but a package import (zod, anything from node_modules) would
 * either bloat it or fail at run time, so the preload's runtime import graph is checked here,
 * from source, without building.
 */
import { readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = nodePath.resolve(import.meta.dirname, '..', '..');

/** Runtime module specifiers of a TS file: `import type` and `export type` are erased. */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) if (match[1] !== undefined) specifiers.push(match[1]);
  return specifiers;
}

function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (files.includes(file)) continue;
    files.push(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(`${nodePath.resolve(nodePath.dirname(file), specifier)}.ts`);
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('preload bundle', () => {
  it('needs no package but electron, and no zod contract at run time', () => {
    const { files, packages } = importGraph(nodePath.join(repoRoot, 'electron', 'preload', 'index.ts'));
    expect([...packages]).toEqual(['electron']);
    expect(files.map((file) => nodePath.relative(repoRoot, file)).sort()).toEqual(
      ['electron/preload/bridge.ts', 'electron/preload/index.ts', 'model/api-transport.ts'].map((f) =>
        f.split('/').join(nodePath.sep),
      ),
    );
  });

  it('exposes exactly one global, agentAnchor', () => {
    const source = readFileSync(nodePath.join(repoRoot, 'electron', 'preload', 'index.ts'), 'utf8');
    expect([...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1])).toEqual([
      'agentAnchor',
    ]);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });
});
