import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngagement, type EngagementDb, type StoreScanInput } from '../../db';
import { UsageError } from '../../model/errors';
import type { Inventory } from '../../model/inventory';
import { AWS_ACCOUNT, TENANT_ID, largeInventory, smallInventory } from './helpers/inventory';
import { useTempDir } from './helpers/temp-dir';
import { withRaw } from './helpers/raw-file';

const tempDir = useTempDir();

function scanInput(inventory: Inventory, overrides: Partial<StoreScanInput> = {}): StoreScanInput {
  return {
    label: 'Acme import',
    method: 'import',
    startedAt: '2025-03-01T10:00:00.000Z',
    finishedAt: '2025-03-01T10:04:30.000Z',
    inventory,
    actor: 'alice',
    ...overrides,
  };
}

function byId<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What readInventory returns for a stored inventory: tables by id, sources and coverage as given. */
function expectedReadBack(inv: Inventory): Inventory {
  return {
    sources: inv.sources,
    coverage: inv.coverage,
    identities: byId(inv.identities),
    credentials: byId(inv.credentials),
    grants: byId(inv.grants),
    trusts: byId(inv.trusts),
    activities: byId(inv.activities),
    workloads: byId(inv.workloads),
  };
}

function fresh(): { db: EngagementDb; path: string } {
  const path = join(tempDir(), 'acme.anchor');
  return { db: openEngagement(path, { create: true, clientName: 'Acme' }), path };
}

describe('storeScan and reading scans back', () => {
  it('stores two scans and reads each back exactly as stored, also after reopening', () => {
    const { db, path } = fresh();
    expect(db.latestScanId()).toBeUndefined();
    const first = smallInventory();
    const second = smallInventory({ roleSuffix: 'V2' });
    // Stored out of id order on purpose: reads come back ordered by id.
    second.identities.reverse();
    second.grants.reverse();

    const id1 = db.storeScan(scanInput(first));
    const id2 = db.storeScan(
      scanInput(second, {
        label: 'Acme live',
        method: 'live',
        startedAt: '2025-04-01T10:00:00.000Z',
        finishedAt: '2025-04-01T10:10:00.000Z',
      }),
    );
    expect([id1, id2]).toEqual([1, 2]);
    expect(db.latestScanId()).toBe(2);
    db.close();

    const again = openEngagement(path);
    expect(again.readInventory(id1)).toEqual(expectedReadBack(first));
    expect(again.readInventory(id2)).toEqual(expectedReadBack(second));
    expect(again.readInventory(id1).identities.map((i) => i.id)).toEqual([
      `aws:arn:aws:iam::${AWS_ACCOUNT}:role/service-role/BedrockAgentExecution`,
      `aws:arn:aws:iam::${AWS_ACCOUNT}:user/ci-deployer`,
      'entra:a1b2c3d4-1111-4222-8333-944455566677',
    ]);
    // Hostile names are data: stored and returned verbatim.
    expect(again.readInventory(id1).identities[0]?.tags['agent-anchor:hostile']).toBe(
      "'); DROP TABLE scans; --",
    );

    const scans = again.listScans();
    expect(scans).toEqual([
      {
        id: 1,
        label: 'Acme import',
        method: 'import',
        status: 'complete',
        startedAt: '2025-03-01T10:00:00.000Z',
        finishedAt: '2025-03-01T10:04:30.000Z',
        counts: { identities: 3, credentials: 1, grants: 3, trusts: 1, activities: 2, workloads: 1 },
        sources: first.sources,
        coverage: first.coverage,
      },
      expect.objectContaining({ id: 2, label: 'Acme live', method: 'live', status: 'complete' }),
    ]);
    expect(again.getScan(2)).toEqual(scans[1]);

    const audit = again.listAudit();
    expect(audit.map((a) => a.action)).toEqual(['engagement.create', 'import', 'scan.store']);
    expect(audit[1]).toMatchObject({
      actor: 'alice',
      detail: {
        scanId: 1,
        label: 'Acme import',
        method: 'import',
        status: 'complete',
        counts: { identities: 3, credentials: 1, grants: 3, trusts: 1, activities: 2, workloads: 1 },
        sources: [
          { id: `aws:${AWS_ACCOUNT}:import`, provider: 'aws', account: AWS_ACCOUNT },
          { id: `entra:${TENANT_ID}:import`, provider: 'entra', account: TENANT_ID },
        ],
      },
    });
    expect(again.verifyAudit()).toMatchObject({ ok: true, rows: 3 });
    again.close();
  });

  it('marks a scan partial when any coverage row failed or is partial', () => {
    const { db } = fresh();
    const coverage = (status: 'complete' | 'partial' | 'failed' | 'skipped') => [
      {
        sourceId: `aws:${AWS_ACCOUNT}:import`,
        area: `aws:${AWS_ACCOUNT}:authorization-details`,
        status: 'complete' as const,
        itemCount: 2,
      },
      {
        sourceId: `entra:${TENANT_ID}:import`,
        area: `entra:${TENANT_ID}:servicePrincipals`,
        status,
        itemCount: 0,
        message: status === 'failed' ? 'Authorization_RequestDenied: Insufficient privileges' : undefined,
      },
    ];
    const failed = db.storeScan(scanInput(smallInventory({ coverage: coverage('failed') })));
    const partial = db.storeScan(scanInput(smallInventory({ coverage: coverage('partial') })));
    const skipped = db.storeScan(scanInput(smallInventory({ coverage: coverage('skipped') })));
    expect(db.getScan(failed).status).toBe('partial');
    expect(db.getScan(partial).status).toBe('partial');
    expect(db.getScan(skipped).status).toBe('complete');
    expect(db.getScan(failed).coverage[1]?.message).toBe(
      'Authorization_RequestDenied: Insufficient privileges',
    );
    expect(db.listAudit()[1]?.detail.status).toBe('partial');
    db.close();
  });

  it('filters by provider and kind, with each identity bringing its own rows', () => {
    const { db } = fresh();
    const id = db.storeScan(scanInput(smallInventory()));

    const entra = db.readInventory(id, { provider: 'entra' });
    expect(entra.identities.map((i) => i.kind)).toEqual(['entra-service-principal']);
    expect(entra.grants.map((g) => g.kind)).toEqual(['entra-app-role']);
    expect(entra.activities.map((a) => a.source)).toEqual(['sp-sign-in-activity']);
    expect(entra.credentials).toEqual([]);
    expect(entra.trusts).toEqual([]);
    expect(entra.workloads).toEqual([]);
    expect(entra.sources.map((s) => s.provider)).toEqual(['entra']);
    expect(entra.coverage.map((c) => c.sourceId)).toEqual([`entra:${TENANT_ID}:import`]);

    const roles = db.readInventory(id, { kind: 'aws-role' });
    expect(roles.identities.map((i) => i.name)).toEqual(['BedrockAgentExecution']);
    expect(roles.grants.map((g) => g.kind)).toEqual(['aws-policy-statement']);
    expect(roles.trusts.map((t) => t.principal)).toEqual(['bedrock.amazonaws.com']);
    expect(roles.workloads.map((w) => w.name)).toEqual(['support-triage']);
    expect(roles.credentials).toEqual([]);

    const users = db.readInventory(id, { provider: 'aws', kind: 'aws-user' });
    expect(users.identities.map((i) => i.name)).toEqual(['ci-deployer']);
    expect(users.credentials.map((c) => c.nativeId)).toEqual(['AKIAIOSFODNN7EXAMPLE']);
    expect(users.grants.map((g) => g.kind)).toEqual(['aws-managed-policy-ref']);
    expect(users.workloads).toEqual([]);

    expect(db.readInventory(id, { provider: 'aws' }).workloads).toHaveLength(1);
    expect(db.listIdentities(id, { provider: 'aws' }).map((i) => i.kind)).toEqual(['aws-role', 'aws-user']);
    expect(db.listIdentities(id)).toEqual(byId(smallInventory().identities));
    expect(db.listIdentities(id, { kind: 'entra-agent-identity' })).toEqual([]);
    db.close();
  });

  it('rejects unknown scan ids and filter values with UsageError', () => {
    const { db } = fresh();
    db.storeScan(scanInput(smallInventory()));
    expect(() => db.getScan(7)).toThrow(UsageError);
    expect(() => db.getScan(7)).toThrow('no scan with id 7 in this engagement');
    expect(() => db.readInventory(7)).toThrow(UsageError);
    expect(() => db.listIdentities(7)).toThrow(UsageError);
    expect(() => db.readInventory(1, { provider: 'gcp' as 'aws' })).toThrow('unknown provider filter "gcp"');
    expect(() => db.listIdentities(1, { kind: 'robot' as 'aws-role' })).toThrow(
      'unknown identity kind filter "robot"',
    );
    db.close();
  });

  it('keeps stored scans immutable: UPDATE and DELETE abort, even from outside the app', () => {
    const { db, path } = fresh();
    const id = db.storeScan(scanInput(smallInventory()));
    const before = db.readInventory(id);
    db.close();

    withRaw(path, (raw) => {
      const attempts = [
        "UPDATE scans SET label = 'rewritten'",
        'DELETE FROM scans',
        "UPDATE identities SET name = 'renamed'",
        'DELETE FROM identities',
        "UPDATE grants SET data = '{}'",
        'DELETE FROM credentials',
        "UPDATE trusts SET kind = 'owner'",
        'DELETE FROM activities',
        'DELETE FROM workloads',
        'DELETE FROM sources',
        "UPDATE coverage SET status = 'complete'",
      ];
      for (const sql of attempts) expect(() => raw.exec(sql), sql).toThrow(/immutable/);
    });

    const again = openEngagement(path);
    expect(again.readInventory(id)).toEqual(before);
    expect(again.getScan(id).label).toBe('Acme import');
    again.close();
  });

  it('validates every row and stores nothing from an invalid inventory', () => {
    const { db } = fresh();
    const inv = smallInventory();
    const grant = inv.grants[2];
    if (grant?.kind !== 'entra-app-role') throw new Error('fixture changed');
    grant.createdAt = '20 Nov 2024';
    expect(() => db.storeScan(scanInput(inv))).toThrow(UsageError);
    expect(() => db.storeScan(scanInput(inv))).toThrow(
      `scan inventory grants id "${grant.id}": createdAt: Invalid string: must match pattern`,
    );
    expect(db.listScans()).toEqual([]);
    expect(db.listAudit().map((a) => a.action)).toEqual(['engagement.create']);
    db.close();
  });

  it('refuses an inventory with the same id twice and stores nothing', () => {
    const { db, path } = fresh();
    const inv = smallInventory();
    const dup = inv.identities[1];
    if (!dup) throw new Error('fixture changed');
    inv.identities.push({ ...dup });
    expect(() => db.storeScan(scanInput(inv))).toThrow(
      `scan inventory identities: id "${dup.id}" appears more than once`,
    );
    expect(db.latestScanId()).toBeUndefined();
    db.close();
    withRaw(path, (raw) => expect(raw.prepare('SELECT COUNT(*) FROM identities').pluck().get()).toBe(0));
  });

  it('drops fields the model does not define, so no stray secret reaches the file', () => {
    const { db, path } = fresh();
    const inv = smallInventory();
    const credential = inv.credentials[0];
    if (!credential) throw new Error('fixture changed');
    Object.assign(credential, { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    const id = db.storeScan(scanInput(inv));
    expect(db.readInventory(id).credentials[0]).not.toHaveProperty('secretAccessKey');
    db.close();
    withRaw(path, (raw) => {
      const hits = raw
        .prepare("SELECT COUNT(*) FROM credentials WHERE data LIKE '%wJalrXUtnFEMI%'")
        .pluck()
        .get();
      expect(hits).toBe(0);
    });
  });

  it('checks the scan fields', () => {
    const { db } = fresh();
    const inv = smallInventory();
    expect(() => db.storeScan(scanInput(inv, { label: '  ' }))).toThrow('scan label must not be empty');
    expect(() => db.storeScan(scanInput(inv, { method: 'upload' as 'import' }))).toThrow(
      'unknown scan method "upload"',
    );
    expect(() => db.storeScan(scanInput(inv, { startedAt: '2025-03-01 10:00' }))).toThrow(
      /startedAt must be an ISO-8601/,
    );
    expect(() => db.storeScan(scanInput(inv, { actor: '' }))).toThrow('scan actor must not be empty');
    expect(db.listScans()).toEqual([]);
    db.close();
  });

  it('reports progress inside the transaction; an error thrown from it rolls the scan back', () => {
    const { db } = fresh();
    const seen: string[] = [];
    db.storeScan(scanInput(smallInventory()), {
      onProgress: ({ table, rows, total }) => seen.push(`${table}:${rows}/${total}`),
    });
    expect(seen).toContain('identities:0/3');
    expect(seen).toContain('identities:3/3');
    expect(seen).toContain('workloads:1/1');
    expect(() =>
      db.storeScan(scanInput(smallInventory()), {
        onProgress: ({ table }) => {
          if (table === 'trusts') throw new Error('cancelled by user');
        },
      }),
    ).toThrow('cancelled by user');
    expect(db.listScans().map((s) => s.id)).toEqual([1]);
    expect(db.listAudit()).toHaveLength(2);
    db.close();
  });

  it('stores and reads back a large scan, ordered by id', () => {
    const { db } = fresh();
    const inv = largeInventory(20_000, 5);
    const id = db.storeScan(scanInput(inv, { method: 'live' }));
    expect(db.getScan(id).counts).toEqual({
      identities: 20_000,
      credentials: 2_000,
      grants: 100_000,
      trusts: 20_000,
      activities: 20_000,
      workloads: 0,
    });
    const back = db.readInventory(id);
    expect(back.identities).toEqual(byId(inv.identities));
    expect(back.grants).toEqual(byId(inv.grants));
    const users = db.readInventory(id, { kind: 'aws-user' });
    expect(users.identities).toHaveLength(Math.ceil(20_000 / 7));
    expect(users.grants).toHaveLength(Math.ceil(20_000 / 7) * 5);
    expect(users.grants.every((g) => g.identityId.includes(':user/'))).toBe(true);
    db.close();
  });
});
