/**
 * Screens' building blocks rendered to HTML: every tenant value appears as escaped text, and the
 * facts (counts, dates, verdicts) are the ones handed in.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CredentialView, FacetCounts, TriagedFinding } from '../../model/api';
import { CredentialTimeline } from '../../renderer/src/components/credential-timeline';
import { Facets, type FacetGroup } from '../../renderer/src/components/facets';
import { FindingCard } from '../../renderer/src/components/finding-card';
import { OperationProgress } from '../../renderer/src/components/operation-progress';
import { AGENT_LABELS, PROVIDER_LABELS } from '../../renderer/src/labels';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

const finding: TriagedFinding = {
  key: `AA-ENT-SECRET-001|entra:a1b2c3d4-1111-4222-8333-944455566677|secret`,
  ruleId: 'AA-ENT-SECRET-001',
  title: 'Client secret used where a certificate, federated credential or managed identity would do',
  severity: 'medium',
  identityId: 'entra:a1b2c3d4-1111-4222-8333-944455566677',
  identity: {
    provider: 'entra',
    kind: 'entra-service-principal',
    nativeId: 'a1b2c3d4-1111-4222-8333-944455566677',
    name: HOSTILE,
    account: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  },
  message: `${HOSTILE} authenticates with a client secret`,
  evidence: [
    { type: 'credential', summary: `secret "${HOSTILE}" expires 2027-01-01`, data: { hint: HOSTILE } },
  ],
  remediation: 'Replace the secret: az ad app federated-credential create --id <app-id> …',
  frameworks: [{ framework: 'owasp-nhi', control: 'NHI5' }],
  scoreContribution: 8,
  triage: {
    status: 'accepted-risk',
    note: `until <b>Q3</b>`,
    author: 'consultant',
    updatedAt: '2026-11-20T10:00:00.000Z',
  },
};

describe('FindingCard', () => {
  const html = renderToStaticMarkup(
    createElement(FindingCard, { finding, triageAvailable: true, onTriage: async () => undefined }),
  );

  it('shows names, evidence and notes from the tenant as text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>Q3');
    expect(html).toContain(
      '&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt; authenticates',
    );
  });

  it('shows the severity, the rule, the remediation and the current triage', () => {
    expect(html).toContain('class="badge sev-medium"');
    expect(html).toContain('AA-ENT-SECRET-001');
    expect(html).toContain('az ad app federated-credential create');
    expect(html).toContain('owasp-nhi NHI5');
    expect(html).toMatch(/<option value="accepted-risk" selected="">Accepted risk<\/option>/);
    expect(html).toContain('Accepted risk by consultant, 2026-11-20 10:00 UTC');
  });
});

describe('CredentialTimeline', () => {
  const credentials: CredentialView[] = [
    {
      id: 'c1',
      identityId: 'aws:x',
      provider: 'aws',
      kind: 'access-key',
      nativeId: 'AKIAIOSFODNN7EXAMPLE',
      createdAt: '2024-01-01T00:00:00.000Z',
      lastUsedAt: '2026-06-01T00:00:00.000Z',
      status: 'active',
      attributes: {},
      ageDays: 1035,
    },
    {
      id: 'c2',
      identityId: 'aws:x',
      provider: 'entra',
      kind: 'client-secret',
      nativeId: 'k2',
      name: HOSTILE,
      createdAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:00:00.000Z',
      status: 'expired',
      attributes: {},
    },
  ];
  const html = renderToStaticMarkup(
    createElement(CredentialTimeline, { credentials, asOf: '2026-11-01T00:00:00.000Z' }),
  );

  it('draws one bar per credential, open-ended when it never expires, and the scan date', () => {
    expect(html.match(/class="tl-bar"/g)).toHaveLength(2);
    expect(html).toContain('no expiry');
    expect(html).toContain('class="tl-row tl-expired"');
    expect(html).toContain('Last used 2026-06-01');
    expect(html).toContain('scan 2026-11-01');
    expect(html).not.toContain('<img');
  });
});

describe('CredentialTimeline with a secret valid for centuries', () => {
  const secret = (id: string, createdAt: string, expiresAt: string): CredentialView => ({
    id,
    identityId: 'entra:x',
    provider: 'entra',
    kind: 'client-secret',
    nativeId: id,
    name: id,
    createdAt,
    expiresAt,
    status: 'active',
    attributes: {},
  });
  const html = renderToStaticMarkup(
    createElement(CredentialTimeline, {
      credentials: [
        secret('sync-prod', '2023-01-25T00:00:00.000Z', '2299-12-31T00:00:00.000Z'),
        secret('short', '2026-09-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z'),
      ],
      asOf: '2026-11-26T00:00:00.000Z',
    }),
  );
  const bars = [...html.matchAll(/<rect[^>]*class="tl-bar"/g)].map((m) => m[0]);
  const barWidth = (i: number) => Number(/width="([\d.]+)"/.exec(bars[i] ?? '')?.[1]);

  it('runs the far expiry off the axis with its date, so the other bars keep their length', () => {
    expect(html).toContain('to 2299-12-31 →');
    // Six months out of an axis of about nine years (creation in 2023 to five years after the scan).
    expect(barWidth(1)).toBeGreaterThan(10);
    expect(html).toContain('2023-01-25');
  });
});

describe('Facets', () => {
  const groups: FacetGroup[] = [
    { name: 'provider', title: 'Provider', labels: PROVIDER_LABELS },
    { name: 'agent', title: 'Agent', labels: AGENT_LABELS },
  ];
  const counts: FacetCounts = {
    provider: [
      { value: 'entra', count: 1200 },
      { value: 'aws', count: 3400 },
    ],
    agent: [{ value: 'yes', count: 51 }],
    kind: [],
    severity: [],
    owner: [],
    credential: [],
  };

  it('lists values in label order with their counts, keeps a selected value without matches', () => {
    const html = renderToStaticMarkup(
      createElement(Facets, {
        groups,
        counts,
        selected: { provider: [], agent: ['likely'], kind: [], severity: [], owner: [], credential: [] },
        onToggle: () => undefined,
        onClear: () => undefined,
      }),
    );
    expect(html.indexOf('>AWS<')).toBeLessThan(html.indexOf('>Entra ID<'));
    expect(html).toContain('3,400');
    expect(html).toMatch(/id="facet-agent-likely" type="checkbox" checked=""/);
    expect(html).toContain('Clear all');
  });
});

describe('OperationProgress', () => {
  it('shows each source with its accounts, the device code and what was missed', () => {
    const html = renderToStaticMarkup(
      createElement(OperationProgress, {
        state: {
          id: 'op',
          kind: 'scan',
          title: 'Scan of AWS, Entra ID',
          status: 'running',
          startedAt: '2026-11-01T10:00:00.000Z',
          sources: [
            {
              key: 'aws',
              label: 'AWS',
              detail: 'authorization-details: 111122223333 40',
              done: 1,
              total: 3,
              events: 12,
              accounts: [
                { account: '111122223333', phase: 'authorization-details', count: 40, state: 'running' },
              ],
            },
          ],
          recent: [],
          prompt: {
            message: 'To sign in…',
            userCode: 'F7KQ2MZ9P',
            verificationUri: 'https://microsoft.com/devicelogin',
          },
        },
        onCancel: () => undefined,
      }),
    );
    expect(html).toContain('<progress max="3" value="1"');
    expect(html).toContain('111122223333');
    expect(html).toContain('F7KQ2MZ9P');
    expect(html).toContain('>Cancel<');
    expect(html).toContain('12 events');
  });
});
