/**
 * The AWS side of the demo: Northwind's organization (prod, staging, security and, at larger
 * sizes, one account per business unit), named scenarios first, then bulk up to the target.
 */
import type { Clock } from '../clock';
import { UNITS, ENVIRONMENTS } from '../company';
import type { Rng } from '../random';
import type { AwsAccountFiles, DemoAccountInfo } from '../types';
import { AccountBuilder, type PolicyEncoding } from './account-builder';
import { fillAccount } from './bulk';
import { SERVICE_LINKED_ROLES } from './managed-policies';
import {
  addBaseline,
  addProdScenarios,
  addSecurityScenarios,
  addStagingScenarios,
  type OrgContext,
} from './scenarios';

/** Realistic accounts hold a few thousand roles at most; larger demos get more accounts. */
const IDENTITIES_PER_EXTRA_ACCOUNT = 2000;

export interface AwsDemo {
  files: Record<string, AwsAccountFiles>;
  accounts: DemoAccountInfo[];
}

function accountIds(rng: Rng, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(rng.digits(12));
  return [...ids];
}

export function generateAws(rng: Rng, clock: Clock, target: number): AwsDemo {
  const nAccounts = Math.max(3, Math.ceil(target / IDENTITIES_PER_EXTRA_ACCOUNT));
  // Four outside accounts (management, vendor, partner, pentest) come from the same stream.
  const ids = accountIds(rng.fork('aws:account-ids'), nAccounts + 4);
  const [prodId, stagingId, securityId, managementAccountId, vendorMonitoringId, partnerId, pentestId] =
    ids as [string, string, string, string, string, string, string];
  const extraIds = ids.slice(7);
  const org: OrgContext = {
    managementAccountId,
    prodId,
    stagingId,
    securityId,
    vendorMonitoringId,
    partnerId,
    pentestId,
  };

  interface Plan {
    builder: AccountBuilder;
    weight: number;
    boundary: string;
    ageDays: number;
  }
  const plans: Plan[] = [];
  const base: [string, string, PolicyEncoding, number, number][] = [
    [prodId, 'northwind-prod', 'object', 2900, 4],
    // The one account exported through the raw API: policy documents stay URL-encoded.
    [stagingId, 'northwind-staging', 'url', 2600, 3],
    [securityId, 'northwind-security', 'object', 1800, 1],
  ];
  for (const [id, alias, enc, age, weight] of base) {
    const b = new AccountBuilder(id, alias, enc, rng.fork(`aws:${alias}`), clock, age);
    const boundary = addBaseline(b, org, age, SERVICE_LINKED_ROLES.length);
    if (id === prodId) addProdScenarios(b, org, boundary);
    else if (id === stagingId) addStagingScenarios(b, org);
    else addSecurityScenarios(b, org);
    plans.push({ builder: b, weight, boundary, ageDays: age });
  }
  const aliases = new Set(plans.map((p) => p.builder.alias));
  for (let i = 0; i < nAccounts - 3; i++) {
    const id = extraIds[i] ?? '';
    const aRng = rng.fork(`aws:extra:${i}`);
    let alias = `northwind-${aRng.pick(UNITS)}-${aRng.pick(ENVIRONMENTS)}`;
    for (let n = 2; aliases.has(alias); n++) alias = `northwind-${UNITS[i % UNITS.length]}-${n}`;
    aliases.add(alias);
    const age = aRng.int(200, 2200);
    const b = new AccountBuilder(id, alias, 'object', aRng, clock, age);
    const boundary = addBaseline(b, org, age, aRng.int(5, SERVICE_LINKED_ROLES.length));
    b.setRoot({ mfa: true, passwordLastUsedDaysAgo: aRng.chance(0.5) ? aRng.int(30, 900) : undefined });
    plans.push({ builder: b, weight: 3, boundary, ageDays: age });
  }

  // Spread what the scenarios did not use across accounts by weight.
  const used = plans.reduce((n, p) => n + p.builder.identityCount, 0);
  const remaining = Math.max(0, target - used);
  const totalWeight = plans.reduce((n, p) => n + p.weight, 0);
  let assigned = 0;
  plans.forEach((p, i) => {
    const share =
      i === plans.length - 1 ? remaining - assigned : Math.floor((remaining * p.weight) / totalWeight);
    assigned += share;
    const siblings = plans.map((q) => q.builder.id).filter((x) => x !== p.builder.id);
    fillAccount(p.builder, p.builder.identityCount + share, {
      siblingAccounts: siblings,
      boundary: p.boundary,
      ageDays: p.ageDays,
    });
  });

  const files: Record<string, AwsAccountFiles> = {};
  const accounts: DemoAccountInfo[] = [];
  for (const p of plans) {
    files[p.builder.id] = p.builder.build();
    accounts.push({ id: p.builder.id, alias: p.builder.alias, policyEncoding: p.builder.encoding });
  }
  return { files, accounts };
}
