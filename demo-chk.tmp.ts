import { generateDemo, pageAuthorizationDetails } from './collectors/demo';
const d = generateDemo({ seed: 8, size: 4000, now: '2025-11-20T12:00:00Z' });
for (const [id, f] of Object.entries(d.aws)) console.log(id, pageAuthorizationDetails(f['account-authorization-details.json'], id).length);
console.log(d.entra['v1.0/servicePrincipals']!.value.length);
