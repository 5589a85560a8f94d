import { generateDemo, writeDemoFiles } from './collectors/demo';
const t0 = Date.now();
const size = Number(process.argv[2] ?? 2000);
const d = generateDemo({ seed: 42, size, now: '2025-11-20T12:00:00Z' });
const t1 = Date.now();
let aws = 0;
for (const [id, f] of Object.entries(d.aws)) {
  const a = f['account-authorization-details.json'];
  const n = a.RoleDetailList.length + a.UserDetailList.length + 1;
  aws += n;
  console.log(id, n, a.Policies.length, f['lambda-functions.json'].Functions.length);
}
const ids = new Set<string>();
for (const o of d.entra['v1.0/servicePrincipals']!.value) ids.add(String(o.id));
for (const o of d.entra['v1.0/applications']!.value) ids.add(String(o.id));
console.log('aws', aws, 'entra', ids.size, 'total', aws + ids.size, 'gen ms', t1 - t0, 'heap MB', Math.round(process.memoryUsage().heapUsed / 1e6));
if (process.argv[3]) writeDemoFiles(process.argv[3], d).then((r) => console.log(r, 'write ms', Date.now() - t1));
