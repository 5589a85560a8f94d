import { readFileSync } from 'node:fs';
import { generateDemo } from '../collectors/demo';
import { startGraphEmulator, graphSeedFromDemo } from '../collectors/emulators/graph';
const demo = generateDemo({ seed: 7, size: 200, now: '2026-11-01T00:00:00Z' });
const emu = await startGraphEmulator(graphSeedFromDemo(demo), {
  tls: { key: readFileSync('/tmp/tlsprobe/server.key', 'utf8'), cert: readFileSync('/tmp/tlsprobe/server.pem', 'utf8') },
  clients: [{ clientId: '11111111-2222-3333-4444-555555555555', secret: 'test-secret-value', certificatePem: readFileSync('/tmp/tlsprobe/client.pem','utf8') }],
});
console.log(JSON.stringify({ url: emu.url, tenant: emu.tenantId }));
process.stdin.resume();
process.stdin.on('end', async () => { console.error(emu.requests.map(r=>`${r.method} ${r.path} ${r.status}`).slice(0,12).join('\n')); await emu.close(); process.exit(0); });
