/**
 * Maps the AWS effective-privilege engine's result (assess/aws) onto the view the AWS privilege rules
 * read. Alarm fatigue decides the cut: admin-equivalent identities get one finding (no escalation or
 * exposure findings on top); the engine's `chain-to-admin` result and assume-role escalations that
 * already reach an admin become the "can become an administrator role" finding, not an escalation.
 */
import type { EvidenceItem } from '../model/findings';
import type { Inventory } from '../model/inventory';
import {
  analyzeAwsPrivilege,
  type AnalyzeAwsOptions,
  type AwsIdentityPrivilege as EngineResult,
} from './aws';
import type { ActionEvidence, AdminEvidence, ExposureReport, StatementEvidence } from './aws/types';
import type { AwsCapability, AwsEscalation, AwsIdentityPrivilege, AwsPrivilegeView } from './aws-view';
import { toAttributes } from './util/json';

function statementEvidence(s: StatementEvidence): EvidenceItem {
  const where = s.attachedVia ? ` via ${s.attachedVia}` : '';
  const index = s.statementIndex === undefined ? '' : ` statement ${s.statementIndex}`;
  return {
    type: 'policy-statement',
    summary: `${s.layer === 'identity' ? '' : `${s.layer} `}${s.policyName}${index}${where}`.trim(),
    ...(s.grantId ? { ref: s.grantId } : {}),
    data: toAttributes({
      layer: s.layer,
      policyName: s.policyName,
      policyArn: s.policyArn,
      attachedVia: s.attachedVia,
      statementIndex: s.statementIndex,
      statement: s.statement,
    }),
  };
}

/** Each statement once, in first-seen order. */
function statementsOf(actions: readonly ActionEvidence[]): EvidenceItem[] {
  const seen = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const a of actions) {
    for (const s of a.statements) {
      const key = `${s.layer}|${s.grantId}|${s.statementIndex ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(statementEvidence(s));
    }
  }
  return out;
}

function adminCapability(admin: AdminEvidence, conditional: boolean): AwsCapability {
  return {
    summary: admin.summary,
    actions: [],
    conditional,
    evidence: [
      ...admin.statements.map(statementEvidence),
      ...admin.notes.map((n): EvidenceItem => ({ type: 'note', summary: n })),
    ],
  };
}

function exposure(report: ExposureReport, noun: string): AwsCapability | undefined {
  if (report.total === 0) return undefined;
  const actions = report.items.map((i) => i.action).sort();
  const unconstrained = report.items.filter((i) => i.unconstrained).length;
  return {
    summary: `${report.total} ${noun} action(s) granted broadly${unconstrained > 0 ? `, ${unconstrained} on "*" without conditions` : ''}`,
    actions,
    total: report.total,
    evidence: statementsOf(report.items),
  };
}

export function toView(r: EngineResult): AwsIdentityPrivilege {
  const admin = r.admin ?? r.constrainedAdmin;
  const reachesAdmin = admin ? null : r.reachesAdmin;
  const escalations: AwsEscalation[] = r.escalations
    .filter(
      (f) =>
        f.methodId !== 'chain-to-admin' &&
        !(f.methodId === 'sts-assume-role' && reachesAdmin && f.reachesAdmin),
    )
    .map((f) => {
      const targets = f.targets.map((t) => t.name).slice(0, 3);
      const more = f.targetCount > targets.length ? ` and ${f.targetCount - targets.length} more` : '';
      return {
        method: f.methodId,
        summary: `${f.title}${targets.length > 0 ? ` (${targets.join(', ')}${more})` : ''}${f.confidence === 'medium' ? ' [medium confidence]' : ''}`,
        reachesAdmin: f.reachesAdmin,
        ...(f.references[0] ? { reference: f.references[0] } : {}),
        evidence: statementsOf(f.actions),
      };
    });
  const view: AwsIdentityPrivilege = {
    escalations,
    adminReach: reachesAdmin
      ? [
          {
            targetId: reachesAdmin.target.id,
            targetName: reachesAdmin.target.name,
            hops: reachesAdmin.hops.map((h) => ({
              fromId: h.from.id,
              toId: h.to.id,
              via: `${h.kind} (${h.methodId})`,
            })),
            evidence: reachesAdmin.hops.flatMap((h) =>
              h.evidence.map((ref): EvidenceItem => ({
                type: 'path',
                summary: `${h.from.name} -[${h.kind}]-> ${h.to.name}`,
                ref,
              })),
            ),
          },
        ]
      : [],
  };
  if (admin) view.adminEquivalent = adminCapability(admin, r.admin === null);
  else {
    const credentialExposure = exposure(r.credentialExposure, 'credential-returning');
    const dataExfiltration = exposure(r.dataExfiltration, 'data-reading');
    const resourceExposure = exposure(r.resourceExposure, 'resource-policy');
    if (credentialExposure) view.credentialExposure = credentialExposure;
    if (dataExfiltration) view.dataExfiltration = dataExfiltration;
    if (resourceExposure) view.resourceExposure = resourceExposure;
  }
  return view;
}

/** Runs the engine on the inventory; its action catalogue must be loaded (`loadAwsCatalog()`). */
export function awsPrivilegeView(inventory: Inventory, options: AnalyzeAwsOptions = {}): AwsPrivilegeView {
  if (!inventory.identities.some((i) => i.provider === 'aws')) return { byIdentity: new Map() };
  const analysis = analyzeAwsPrivilege(inventory, options);
  const byIdentity = new Map<string, AwsIdentityPrivilege>();
  for (const [id, r] of analysis.byIdentity) byIdentity.set(id, toView(r));
  return { byIdentity };
}
