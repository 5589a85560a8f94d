import { generateDemo } from './collectors/demo';
import { readAwsImportDir, transformAwsImport } from './collectors/aws';
const d = generateDemo({ seed: 42, size: 2000, now: '2025-11-20T12:00:00Z' });
const aws = await readAwsImportDir('/tmp/demo-imp-2000/aws');
const ai = transformAwsImport(aws, '2025-11-20T12:00:00.000Z');
const got = new Set(ai.identities.map((i) => i.nativeId));
for (const [id, f] of Object.entries(d.aws)) {
  const a = f['account-authorization-details.json'];
  for (const r of [...a.RoleDetailList, ...a.UserDetailList]) if (!got.has(String(r.Arn))) console.log('missing', id, r.Arn);
}
const seen = new Map<string, number>();
for (const i of ai.identities) seen.set(i.id, (seen.get(i.id) ?? 0) + 1);
console.log([...ai.identities.filter(i => i.kind === 'aws-root').map(i => i.nativeId)]);
