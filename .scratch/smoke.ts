import { generateDemo } from '../collectors/demo';
import { startGraphEmulator, graphSeedFromDemo, DEMO_GRAPH_TOKEN } from '../collectors/emulators/graph';
import { collectEntra, GraphTransport, StaticTokenCredential, transformEntraCollection, entraLiveSource } from '../collectors/entra/live';
import { transformEntraTenant, entraImportSource } from '../collectors/entra';
const now = '2026-11-01T00:00:00.000Z';
const demo = generateDemo({ seed: 7, size: Number(process.argv[2] ?? 400), now });
const seed = graphSeedFromDemo(demo);
const emu = await startGraphEmulator(seed, { acceptedTokens: [DEMO_GRAPH_TOKEN], maxPageSize: Number(process.argv[3] ?? 999) });
const transport = new GraphTransport({ baseUrl: emu.url, credential: new StaticTokenCredential(DEMO_GRAPH_TOKEN), scopes: ['https://graph.microsoft.com/.default'] });
const t0 = Date.now();
const c = await collectEntra({ transport });
console.log('seconds', (Date.now()-t0)/1000, c.stats, c.outcomes.filter(o=>o.status!=='complete'));
const live = transformEntraCollection(c, { source: (t) => entraLiveSource({ tenantId: t, graphBaseUrl: emu.url, method: 'demo', signIn: 'x' }), collectedAt: now, tenantHint: demo.info.tenantId });
const sortedSeed = Object.fromEntries(Object.keys(seed).sort((a,b)=>a<b?-1:a>b?1:0).map(k=>[k, seed[k]!]));
const imp = transformEntraTenant(sortedSeed, { source: entraImportSource(demo.info.tenantId, []), collectedAt: now });
const norm = (inv: typeof live) => JSON.stringify({ ...inv, sources: [], coverage: inv.coverage.map(r => ({ ...r, sourceId: '' })) });
console.log('equal', norm(live) === norm(imp));
for (const k of ['identities','credentials','grants','trusts','activities'] as const) console.log(k, live[k].length, imp[k].length);
if (norm(live) !== norm(imp)) {
  console.log(JSON.stringify(live.coverage.filter(r=>r.status!=='complete')), '\n', JSON.stringify(imp.coverage.filter(r=>r.status!=='complete')));
  const a = live.coverage, b = imp.coverage;
  for (let i=0;i<Math.max(a.length,b.length);i++) if (JSON.stringify({...a[i],sourceId:''})!==JSON.stringify({...b[i],sourceId:''})) console.log('cov', a[i], b[i]);
  const ka = Object.keys(c.raw).sort(), kb = Object.keys(seed).sort();
  console.log('raw keys', ka.length, kb.length, ka.filter(k=>!kb.includes(k)).slice(0,5), kb.filter(k=>!ka.includes(k)).slice(0,5));
}
await emu.close();
for (const k of ['identities','credentials','grants','trusts','activities','coverage'] as const) {
  const a = live[k] as unknown[], b = imp[k] as unknown[];
  for (let i=0;i<a.length;i++) { const x = JSON.stringify(k==='coverage'?{...(a[i] as object),sourceId:''}:a[i]), y = JSON.stringify(k==='coverage'?{...(b[i] as object),sourceId:''}:b[i]); if (x!==y) { console.log(k, i, x.slice(0,600), '\n  vs', y.slice(0,600)); break; } }
}
