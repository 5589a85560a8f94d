/**
 * The published privilege-escalation methods, as data (assess/data/aws-escalation-methods.json,
 * attribution in its header). `kind` says how a method's target is found and checked:
 *
 * - self-modify: change the identity's own policies (user, role, its groups, or a customer
 *   managed policy attached to it); with `via: assume`, the same on a role it can assume.
 * - remove-boundary: delete or replace its own permissions boundary (only when one restricts it).
 * - join-group: add itself to a group whose policies grant more.
 * - user-credentials: create or reset credentials of another, more privileged user.
 * - modify-user-then-credentials: give another user any policy, then take its credentials.
 * - update-trust: make a more privileged role trust itself.
 * - modify-role-then-trust: give another role any policy and make it trust itself.
 * - create-principal: create a role or user it controls and give it any policy.
 * - assume-role: sts:AssumeRole on a more privileged role whose trust admits it.
 * - pass-role: iam:PassRole of a more privileged role, trusted by the service, to new compute.
 * - existing-workload: take over compute that already runs as a more privileged role.
 * - generic: no target in the inventory (IAM Identity Center); reported at medium confidence.
 */
import { z } from 'zod';
import raw from '../data/aws-escalation-methods.json';

export const methodKindSchema = z.enum([
  'self-modify',
  'remove-boundary',
  'join-group',
  'user-credentials',
  'modify-user-then-credentials',
  'update-trust',
  'modify-role-then-trust',
  'create-principal',
  'assume-role',
  'pass-role',
  'existing-workload',
  'generic',
]);
export type MethodKind = z.infer<typeof methodKindSchema>;

export const escalationMethodSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  kind: methodKindSchema,
  /** Every one must be allowed, without an unresolved condition, for the method to fire. */
  actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/)).min(1),
  /** For self-modify, remove-boundary, modify-role-then-trust, create-principal: what is changed. */
  targetType: z.enum(['user', 'role', 'group', 'policy']).optional(),
  /** The action whose Resource names the target (user, role, group or policy ARN). */
  targetAction: z.string().optional(),
  via: z.literal('assume').optional(),
  /** Trust principals (Service, or Federated for Cognito) a target role must trust. */
  servicePrincipals: z.array(z.string()).optional(),
  /** For existing-workload: the action whose Resource names the workload. */
  resourceAction: z.string().optional(),
  /** Workload kinds in the inventory that narrow existing-workload targets to real ones. */
  workloadKinds: z.array(z.enum(['bedrock-agent', 'agentcore-runtime', 'lambda-function'])).optional(),
  /** Highest confidence the method can reach (e.g. medium when it depends on facts not collected). */
  confidence: z.enum(['high', 'medium']).optional(),
  description: z.string(),
  references: z.array(z.string().url()).min(1),
  sources: z.array(z.string()),
});
export type EscalationMethod = z.infer<typeof escalationMethodSchema>;

const fileSchema = z.object({ _attribution: z.string(), methods: z.array(escalationMethodSchema) });

/** All methods, validated once at module load. */
export const ESCALATION_METHODS: readonly EscalationMethod[] = Object.freeze(fileSchema.parse(raw).methods);

export function escalationMethod(id: string): EscalationMethod | undefined {
  return ESCALATION_METHODS.find((m) => m.id === id);
}
