/**
 * Credentials and their use from the IAM credential report (passwords, access keys, signing
 * certificates, the root account) and from ListServiceSpecificCredentials (Bedrock API keys and
 * other service-specific credentials). Metadata only: the report and the listing hold no secret. Pure.
 */
import { toIsoUtc } from '../../model/dates';
import { stableId, type Credential, type Identity } from '../../model/inventory';
import { accountOfArn } from './arn';
import { attrs, type InventoryBuilder } from './inventory-builder';
import type { CredentialReportRow, RawServiceSpecificCredential } from './raw-schemas';

const ROOT_USER = '<root_account>';

/** Region and service columns say N/A when a key was never used. */
function present(value: string): string | undefined {
  return value === '' || value === 'N/A' || value === 'no_information' || value === 'not_supported'
    ? undefined
    : value;
}

function flag(value: string): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function isRootRow(row: CredentialReportRow): boolean {
  return row.user === ROOT_USER || row.arn.endsWith(':root');
}

function rootIdentity(row: CredentialReportRow): Identity {
  return {
    id: stableId('aws', row.arn),
    provider: 'aws',
    kind: 'aws-root',
    nativeId: row.arn,
    name: row.user,
    account: accountOfArn(row.arn) ?? '',
    createdAt: toIsoUtc(row.user_creation_time),
    enabled: true,
    tags: {},
    owners: [],
    attributes: {},
  };
}

/** A user in the report but not in the authorization details (e.g. the details were filtered). */
function reportOnlyUser(row: CredentialReportRow): Identity {
  const resource = row.arn.slice(row.arn.indexOf(':user/') + ':user'.length);
  const path = resource.slice(0, resource.lastIndexOf('/') + 1) || '/';
  return {
    id: stableId('aws', row.arn),
    provider: 'aws',
    kind: 'aws-user',
    nativeId: row.arn,
    name: row.user,
    account: accountOfArn(row.arn) ?? '',
    createdAt: toIsoUtc(row.user_creation_time),
    enabled: true,
    tags: {},
    owners: [],
    attributes: { path, onlyInCredentialReport: true },
  };
}

interface Use {
  at: string;
  via: string;
}

class ReportRowWriter {
  private readonly uses: Use[] = [];

  constructor(
    private readonly b: InventoryBuilder,
    private readonly row: CredentialReportRow,
    private readonly identityId: string,
  ) {}

  private credential(
    kind: Credential['kind'],
    slot: string,
    name: string,
    fields: Partial<Pick<Credential, 'createdAt' | 'lastUsedAt' | 'status' | 'attributes'>>,
  ): string {
    const nativeId = `${this.row.arn}#${slot}`;
    const id = stableId('aws', nativeId);
    this.b.addCredential({
      id,
      identityId: this.identityId,
      provider: 'aws',
      kind,
      nativeId,
      name,
      createdAt: fields.createdAt,
      lastUsedAt: fields.lastUsedAt,
      status: fields.status ?? 'active',
      attributes: fields.attributes ?? {},
    });
    return id;
  }

  private used(
    credentialId: string | undefined,
    via: string,
    at: string | undefined,
    extra: Record<string, string | undefined>,
  ) {
    if (!at) return;
    this.uses.push({ at, via });
    if (!credentialId) return;
    this.b.addActivity({
      id: `${this.identityId}#activity:${via}`,
      identityId: this.identityId,
      credentialId,
      provider: 'aws',
      source: 'credential-report',
      lastUsedAt: at,
      attributes: attrs({ via, ...extra }),
    });
  }

  password(): void {
    const row = this.row;
    const lastUsed = toIsoUtc(row.password_last_used);
    let credentialId: string | undefined;
    if (row.password_enabled === 'true') {
      credentialId = this.credential('password', 'password', 'console password', {
        createdAt: toIsoUtc(row.password_last_changed),
        lastUsedAt: lastUsed,
        attributes: attrs({ nextRotation: toIsoUtc(row.password_next_rotation) }),
      });
    }
    // The root row says not_supported for password_enabled yet reports password use: keep the use.
    this.used(credentialId, 'password', lastUsed, {});
  }

  accessKey(n: 1 | 2): void {
    const row = this.row;
    const active = row[`access_key_${n}_active`] === 'true';
    const rotated = toIsoUtc(row[`access_key_${n}_last_rotated`]);
    // An inactive slot that was never rotated holds no key.
    if (!active && !rotated) return;
    const lastUsed = toIsoUtc(row[`access_key_${n}_last_used_date`]);
    const region = present(row[`access_key_${n}_last_used_region`]);
    const service = present(row[`access_key_${n}_last_used_service`]);
    const id = this.credential('access-key', `access-key-${n}`, `access key ${n}`, {
      createdAt: rotated,
      lastUsedAt: lastUsed,
      status: active ? 'active' : 'inactive',
      attributes: attrs({ slot: n, lastUsedService: service, lastUsedRegion: region }),
    });
    this.used(id, `access-key-${n}`, lastUsed, { service, region });
  }

  certificate(n: 1 | 2): void {
    const row = this.row;
    const active = row[`cert_${n}_active`] === 'true';
    const rotated = toIsoUtc(row[`cert_${n}_last_rotated`]);
    if (!active && !rotated) return;
    this.credential('signing-certificate', `signing-certificate-${n}`, `signing certificate ${n}`, {
      createdAt: rotated,
      status: active ? 'active' : 'inactive',
      attributes: { slot: n },
    });
  }

  /** The identity's latest use across its credentials. */
  latest(): void {
    const last = this.uses.reduce<Use | undefined>((a, u) => (!a || u.at > a.at ? u : a), undefined);
    if (!last) return;
    this.b.addActivity({
      id: `${this.identityId}#activity:latest`,
      identityId: this.identityId,
      provider: 'aws',
      source: 'credential-report',
      lastUsedAt: last.at,
      attributes: { via: last.via },
    });
  }
}

export function addCredentialReport(b: InventoryBuilder, rows: readonly CredentialReportRow[]): void {
  for (const row of rows) {
    const identityId = stableId('aws', row.arn);
    let identity = b.identity(identityId);
    if (!identity) {
      identity = isRootRow(row) ? rootIdentity(row) : reportOnlyUser(row);
      b.addIdentity(identity);
    }
    const mfa = flag(row.mfa_active);
    if (mfa !== undefined) identity.attributes.mfaActive = mfa;
    const passwordEnabled = flag(row.password_enabled);
    if (passwordEnabled !== undefined) identity.attributes.passwordEnabled = passwordEnabled;

    const writer = new ReportRowWriter(b, row, identityId);
    writer.password();
    writer.accessKey(1);
    writer.accessKey(2);
    writer.certificate(1);
    writer.certificate(2);
    writer.latest();
  }
}

/**
 * Service-specific credentials name their user by UserName only; `userArns` maps names to ARNs
 * (from the authorization details and the credential report). Returns the credentials whose user
 * could not be found.
 */
export function addServiceSpecificCredentials(
  b: InventoryBuilder,
  credentials: readonly RawServiceSpecificCredential[],
  userArns: ReadonlyMap<string, string>,
  collectedAt: string,
): RawServiceSpecificCredential[] {
  const orphans: RawServiceSpecificCredential[] = [];
  for (const c of credentials) {
    const userArn = userArns.get(c.UserName);
    if (!userArn) {
      orphans.push(c);
      continue;
    }
    const expiresAt = toIsoUtc(c.ExpirationDate);
    const status =
      c.Status === 'Expired' || (expiresAt !== undefined && expiresAt <= collectedAt)
        ? 'expired'
        : c.Status === 'Active'
          ? 'active'
          : 'inactive';
    b.addCredential({
      id: stableId('aws', `${userArn}#service-specific:${c.ServiceSpecificCredentialId}`),
      identityId: stableId('aws', userArn),
      provider: 'aws',
      kind: 'service-specific',
      nativeId: c.ServiceSpecificCredentialId,
      name: c.ServiceCredentialAlias ?? c.ServiceUserName,
      createdAt: toIsoUtc(c.CreateDate),
      expiresAt,
      status,
      attributes: attrs({
        serviceName: c.ServiceName,
        serviceUserName: c.ServiceUserName,
        serviceCredentialAlias: c.ServiceCredentialAlias,
        userName: c.UserName,
      }),
    });
  }
  return orphans;
}
