/**
 * The Microsoft Graph permissions the live collector needs, one source of truth for
 * `agent-anchor permissions entra`, the app's connect screen and the 403 messages (which name the
 * permission that was missing for the request that failed).
 */

export type GraphPermission =
  | 'Application.Read.All'
  | 'Directory.Read.All'
  | 'RoleManagement.Read.Directory'
  | 'AuditLog.Read.All'
  | 'Policy.Read.All'
  | 'AgentIdentity.Read.All';

export interface PermissionInfo {
  permission: GraphPermission;
  /** What the scan reads with it. */
  reads: string;
  /** Needed for a complete scan; optional ones only add detail. */
  required: boolean;
  /** A licence the tenant needs on top of the permission. */
  licence?: string;
}

export const GRAPH_PERMISSIONS: readonly PermissionInfo[] = [
  {
    permission: 'Application.Read.All',
    reads:
      'service principals, applications, their credentials (metadata only), owners, federated credentials, app role assignments, agent identities, blueprints and their sponsors',
    required: true,
  },
  {
    permission: 'Directory.Read.All',
    reads: 'the organization (tenant id and name) and delegated permission grants (oauth2PermissionGrants)',
    required: true,
  },
  {
    permission: 'RoleManagement.Read.Directory',
    reads: 'directory role definitions and assignments, active and PIM eligible',
    required: true,
  },
  {
    permission: 'AuditLog.Read.All',
    reads: 'last sign-in of each service principal and last use of each credential (beta reports)',
    required: false,
    licence: 'Microsoft Entra ID P1',
  },
  {
    permission: 'Policy.Read.All',
    reads: 'the default app management policy and conditional access policies for workload identities',
    required: false,
  },
  {
    permission: 'AgentIdentity.Read.All',
    reads: 'sponsors of agent identities (beta); without it they are reported as not read',
    required: false,
  },
];

/** Delegated sign-in: a directory role that may read all of the above. */
export const DELEGATED_ROLE_NOTE =
  'With a delegated sign-in (browser, device code, Azure CLI) the signed-in user also needs a directory role that may read these, such as Global Reader; the sign-in activity reports need Global Reader, Reports Reader or Security Reader.';

/** Printable list for `agent-anchor permissions entra`. */
export function describeGraphPermissions(): string {
  const lines = [
    'Microsoft Graph permissions for `agent-anchor scan --entra` (all read-only; grant as application or delegated permissions):',
    '',
  ];
  for (const p of GRAPH_PERMISSIONS) {
    lines.push(
      `  ${p.permission.padEnd(30)} ${p.required ? 'required' : 'optional'}${p.licence ? ` (needs ${p.licence})` : ''}`,
    );
    lines.push(`      ${p.reads}`);
  }
  lines.push('', DELEGATED_ROLE_NOTE);
  lines.push(
    'Nothing that writes is requested: the collector sends only GET requests (and $batch bodies holding only GETs).',
  );
  return `${lines.join('\n')}\n`;
}
