import { describe, expect, it } from 'vitest';
import { IdentityIndex, nameKey, type IdentityAssessment } from '../../engagement/identity-index';
import type { CredentialListRow, IdentityListRow } from '../../db';

const ACCOUNT = '111122223333';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

function aws(name: string, kind: 'aws-role' | 'aws-user' = 'aws-role', owner?: string): IdentityListRow {
  const arn = `arn:aws:iam::${ACCOUNT}:${kind === 'aws-role' ? 'role' : 'user'}/${name}`;
  return {
    id: `aws:${arn}`,
    provider: 'aws',
    kind,
    name,
    account: ACCOUNT,
    nativeId: arn,
    displayName: null,
    createdAt: '2024-02-01T00:00:00.000Z',
    ownerCount: owner ? 1 : 0,
    owner: owner ?? null,
  };
}

function entra(objectId: string, name: string, owner?: string): IdentityListRow {
  return {
    id: `entra:${objectId}`,
    provider: 'entra',
    kind: 'entra-service-principal',
    name,
    account: TENANT,
    nativeId: objectId,
    displayName: `${name} (display)`,
    createdAt: null,
    ownerCount: owner ? 1 : 0,
    owner: owner ?? null,
  };
}

const rows = [
  aws('BedrockAgentRole-10'),
  aws('BedrockAgentRole-2'),
  aws('ci-deployer', 'aws-user', 'Platform Team'),
  aws('Éclair-sync'),
  entra('a1b2c3d4-1111-4222-8333-944455566677', 'Copilot Sales Agent', 'avery@contoso.com'),
  entra('b2c3d4e5-2222-4333-8444-955566677788', 'Payroll connector'),
];
const [role10, role2, user, eclair, copilot, payroll] = rows as [
  IdentityListRow,
  IdentityListRow,
  IdentityListRow,
  IdentityListRow,
  IdentityListRow,
  IdentityListRow,
];

const credentials: CredentialListRow[] = [
  {
    identityId: user.id,
    kind: 'access-key',
    status: 'active',
    createdAt: '2023-01-01T00:00:00.000Z',
    expiresAt: null,
    lastUsedAt: '2026-10-01T00:00:00.000Z',
  },
  {
    identityId: user.id,
    kind: 'access-key',
    status: 'inactive',
    createdAt: '2022-01-01T00:00:00.000Z',
    expiresAt: null,
    lastUsedAt: null,
  },
  {
    identityId: copilot.id,
    kind: 'client-secret',
    status: 'active',
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2027-01-01T00:00:00.000Z',
    lastUsedAt: null,
  },
];

const assessment = new Map<string, IdentityAssessment>([
  [role10.id, { agent: 'yes', severity: 'high', findingCount: 2, score: 48 }],
  [role2.id, { agent: 'yes', severity: 'critical', findingCount: 1, score: 60 }],
  [user.id, { agent: 'no', severity: 'medium', findingCount: 3, score: 24 }],
  [copilot.id, { agent: 'likely', severity: 'high', findingCount: 1, score: 30 }],
  [payroll.id, { agent: 'no', severity: 'none', findingCount: 0, score: 0 }],
]);

function build(withAssessment = true): IdentityIndex {
  return new IdentityIndex({
    identities: rows,
    credentials,
    grantCounts: new Map([[role10.id, 4]]),
    lastActivity: new Map([[role10.id, '2026-09-01T00:00:00.000Z']]),
    ...(withAssessment ? { assessment } : {}),
  });
}

const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe('IdentityIndex', () => {
  it('sorts by name with digits in number order and accents folded, ties by id', () => {
    expect(names(build().query({}))).toEqual([
      'BedrockAgentRole-2',
      'BedrockAgentRole-10',
      'ci-deployer',
      'Copilot Sales Agent',
      'Éclair-sync',
      'Payroll connector',
    ]);
    expect(nameKey('Agent-7')).toBe('agent-000000000007');
  });

  it('reduces each identity to a row with counts, credential kinds, owner and last use', () => {
    const index = build();
    expect(index.row(user.id)).toMatchObject({
      credentialCount: 2,
      credentialKinds: ['access-key'],
      owner: 'Platform Team',
      ownerCount: 1,
      lastUsedAt: '2026-10-01T00:00:00.000Z',
      agent: 'no',
      severity: 'medium',
      score: 24,
    });
    expect(index.row(role10.id)).toMatchObject({ grantCount: 4, lastUsedAt: '2026-09-01T00:00:00.000Z' });
    // An assessed scan without a score for an identity: not an agent, no findings.
    expect(index.row(eclair.id)).toMatchObject({ agent: 'no', severity: 'none', findingCount: 0 });
    expect(index.row(eclair.id)).not.toHaveProperty('score');
    expect(build(false).row(role10.id)).toMatchObject({ agent: 'unknown', severity: 'none' });
  });

  it('combines facets with AND and values of one facet with OR', () => {
    const index = build();
    expect(names(index.query({ agent: ['yes', 'likely'] }))).toEqual([
      'BedrockAgentRole-2',
      'BedrockAgentRole-10',
      'Copilot Sales Agent',
    ]);
    expect(names(index.query({ agent: ['yes', 'likely'], provider: ['entra'] }))).toEqual([
      'Copilot Sales Agent',
    ]);
    expect(names(index.query({ credential: ['none'], provider: ['entra'] }))).toEqual(['Payroll connector']);
    expect(names(index.query({ owner: ['has-owner'] }))).toEqual(['ci-deployer', 'Copilot Sales Agent']);
    expect(names(index.query({ severity: ['critical', 'none'] }))).toEqual([
      'BedrockAgentRole-2',
      'Éclair-sync',
      'Payroll connector',
    ]);
  });

  it('counts each facet value against the other facets only, as a facet panel needs', () => {
    const page = build().query({ provider: ['aws'], agent: ['yes'], facets: true });
    expect(page.total).toBe(2);
    // Provider counts ignore the provider filter: the Entra identity that is an agent would be 0, likely 1.
    expect(page.facets?.provider).toEqual([{ value: 'aws', count: 2 }]);
    // Agent counts ignore the agent filter but keep provider = aws.
    expect(page.facets?.agent).toEqual([
      { value: 'yes', count: 2 },
      { value: 'no', count: 2 },
    ]);
    expect(page.facets?.kind).toEqual([{ value: 'aws-role', count: 2 }]);
    expect(page.facets?.credential).toEqual([{ value: 'none', count: 2 }]);
  });

  it('searches name, display name, native id, account and owner, case-insensitively, narrowing and widening', () => {
    const index = build();
    expect(names(index.query({ search: 'bedrock' }))).toEqual(['BedrockAgentRole-2', 'BedrockAgentRole-10']);
    expect(names(index.query({ search: 'bedrockagentrole-1' }))).toEqual(['BedrockAgentRole-10']);
    // A shorter needle after a longer one must not reuse the narrower result.
    expect(names(index.query({ search: 'b' })).length).toBeGreaterThan(2);
    expect(names(index.query({ search: 'AVERY@' }))).toEqual(['Copilot Sales Agent']);
    expect(names(index.query({ search: '(display)' }))).toEqual(['Copilot Sales Agent', 'Payroll connector']);
    expect(names(index.query({ search: TENANT.slice(0, 8) }))).toEqual([
      'Copilot Sales Agent',
      'Payroll connector',
    ]);
    expect(names(index.query({ search: ':user/ci' }))).toEqual(['ci-deployer']);
    expect(index.query({ search: '   ' }).total).toBe(6);
  });

  it('sorts by any column, severities by weight, keeping name order among equals', () => {
    const index = build();
    expect(names(index.query({ sort: 'severity', descending: true }))).toEqual([
      'BedrockAgentRole-2',
      'BedrockAgentRole-10',
      'Copilot Sales Agent',
      'ci-deployer',
      'Éclair-sync',
      'Payroll connector',
    ]);
    expect(names(index.query({ sort: 'score', descending: true, limit: 2 }))).toEqual([
      'BedrockAgentRole-2',
      'BedrockAgentRole-10',
    ]);
    expect(names(index.query({ sort: 'credentialCount', descending: true, limit: 1 }))).toEqual([
      'ci-deployer',
    ]);
  });

  it('pages without gaps or repeats, and reports the totals', () => {
    const index = build();
    const pages = [0, 2, 4].map((offset) => index.query({ sort: 'account', offset, limit: 2 }));
    expect(pages.flatMap(names)).toEqual(names(index.query({ sort: 'account' })));
    expect(pages.map((p) => [p.total, p.all, p.offset])).toEqual([
      [6, 6, 0],
      [6, 6, 2],
      [6, 6, 4],
    ]);
  });

  it('answers 100,000 identities: every row reachable, filters consistent with counts', () => {
    const many: IdentityListRow[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const row =
        i % 3 === 0
          ? entra(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `sp-${i}`)
          : aws(`role-${i}`);
      many.push(row);
    }
    const big = new IdentityIndex({
      identities: many,
      credentials: [],
      grantCounts: new Map(),
      lastActivity: new Map(),
    });
    const all = big.query({ facets: true, limit: 1 });
    expect(all.total).toBe(100_000);
    const entraCount = all.facets?.provider.find((f) => f.value === 'entra')?.count;
    expect(big.query({ provider: ['entra'] }).total).toBe(entraCount);
    // 9999 and 99990 are multiples of 3: Entra `sp-` rows, which the search must not match.
    expect(
      big
        .query({ search: 'role-9999', limit: 500 })
        .rows.map((r) => r.name)
        .sort(),
    ).toEqual(['role-99991', 'role-99992', 'role-99994', 'role-99995', 'role-99997', 'role-99998']);
    expect(big.query({ offset: 99_999, limit: 5 }).rows).toHaveLength(1);
  });
});
