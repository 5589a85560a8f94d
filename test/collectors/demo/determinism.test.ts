import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoFiles } from '../../../collectors/demo';

const NOW = '2025-11-20T12:00:00Z';
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'demo-determinism-'));
  dirs.push(d);
  return d;
}

async function readTree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(relative(root, p), await readFile(p));
    }
  };
  await walk(root);
  return out;
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('demo determinism', () => {
  it('writes byte-identical files for the same seed, size and reference time', async () => {
    const a = await tempDir();
    const b = await tempDir();
    const ra = await writeDemoFiles(a, generateDemo({ seed: 7, size: 600, now: NOW }));
    const rb = await writeDemoFiles(b, generateDemo({ seed: 7, size: 600, now: NOW }));
    expect(ra.files).toBe(rb.files);
    const ta = await readTree(a);
    const tb = await readTree(b);
    expect([...ta.keys()].sort()).toEqual([...tb.keys()].sort());
    expect(ta.size).toBe(ra.files);
    for (const [name, bytes] of ta) expect(bytes.equals(tb.get(name) ?? Buffer.alloc(0)), name).toBe(true);
  });

  it('gives a different tenant for a different seed', () => {
    const a = generateDemo({ seed: 1, size: 400, now: NOW });
    const b = generateDemo({ seed: 2, size: 400, now: NOW });
    expect(Object.keys(a.aws)).not.toEqual(Object.keys(b.aws));
    expect(a.info.tenantId).not.toBe(b.info.tenantId);
    expect(JSON.stringify(a.entra)).not.toBe(JSON.stringify(b.entra));
  });

  it('moves every date with the reference time and never uses the wall clock', () => {
    const a = generateDemo({ seed: 3, size: 300, now: '2025-01-01T00:00:00Z' });
    const b = generateDemo({ seed: 3, size: 300, now: '2026-01-01T00:00:00Z' });
    const rootA = Object.values(a.aws)[0]?.['credential-report.csv'].split('\n')[1] ?? '';
    const rootB = Object.values(b.aws)[0]?.['credential-report.csv'].split('\n')[1] ?? '';
    const createdA = Date.parse(rootA.split(',')[2] ?? '');
    const createdB = Date.parse(rootB.split(',')[2] ?? '');
    // Same seed: the same offsets, so exactly one year (365 days) apart.
    expect(createdB - createdA).toBe(365 * 86_400_000);
    // Same ids: only dates depend on the reference time.
    expect(Object.keys(a.aws)).toEqual(Object.keys(b.aws));
    expect(a.info.tenantId).toBe(b.info.tenantId);
  });

  it('keeps the named scenarios stable when only the size changes', () => {
    const small = generateDemo({ seed: 5, size: 200, now: NOW });
    const large = generateDemo({ seed: 5, size: 3000, now: NOW });
    const names = (t: typeof small): string[] =>
      Object.values(t.aws)[0]?.['bedrock-agents.json'].agents.map(
        (a) => `${String(a.agentId)}:${String(a.agentName)}`,
      ) ?? [];
    expect(names(small).length).toBeGreaterThan(0);
    expect(names(large)).toEqual(names(small));
  });

  it('rejects unusable options', () => {
    expect(() => generateDemo({ seed: 1.5, size: 100, now: NOW })).toThrow(/seed/);
    expect(() => generateDemo({ seed: 1, size: 0, now: NOW })).toThrow(/size/);
    expect(() => generateDemo({ seed: 1, size: 100, now: 'yesterday' })).toThrow(/reference time/);
  });
});
