import { collectEntra, GraphTransport, createGraphSignIn, resolveCloud } from '../collectors/entra/live';
const [url, tenant, method] = process.argv.slice(2) as [string, string, string];
const cloud = resolveCloud('global', { graphUrl: url, authorityHost: url });
const signIn = createGraphSignIn({ method: method as 'client-secret', tenant, clientId: '11111111-2222-3333-4444-555555555555', certificatePath: '/tmp/tlsprobe/client-bundle.pem', cloud, env: { AZURE_CLIENT_SECRET: 'test-secret-value' }, onDeviceCode: (p) => console.error('DEVICE', p.userCode) });
const transport = new GraphTransport({ baseUrl: cloud.graphBaseUrl, credential: signIn.credential, scopes: signIn.scopes });
const c = await collectEntra({ transport });
console.log(JSON.stringify({ requests: c.stats.requests, outcomes: c.outcomes.filter(o => o.status !== 'complete'), fatal: c.fatal, paths: Object.keys(c.raw).length }));
