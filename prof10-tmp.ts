import { loadAwsCatalog, analyzeAwsPrivilege } from './assess/aws';
import { syntheticInventory } from './test/assess/aws/synthetic';
const cat = await loadAwsCatalog();
const inv = syntheticInventory(20000, 200, 10);
const a = analyzeAwsPrivilege(inv, { catalog: cat });
const c: Record<string, number> = {};
let admins = 0, withEsc = 0;
for (const r of a.byIdentity.values()) { if (r.admin) admins++; if (r.escalations.length) withEsc++; for (const e of r.escalations) c[e.methodId] = (c[e.methodId] ?? 0) + 1; }
console.log({ admins, withEsc }, c);
