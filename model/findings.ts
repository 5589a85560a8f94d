/**
 * Findings, scores and KPIs: what assess/ produces from a stored inventory.
 * A finding's `key` is stable across scans (rule id + identity id + discriminator), so
 * triage decisions made on one scan carry over to the next.
 */
import { z } from 'zod';
import { attributesSchema, providerSchema, identityKindSchema } from './inventory';

export const severitySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const frameworkSchema = z.enum([
  'owasp-nhi',
  'owasp-agentic',
  'cis-aws-v5',
  'cis-aws-v7',
  'cis-m365',
  'nist-ai-rmf',
  'eu-ai-act',
  'iso-42001',
  'nist-800-207',
]);
export type Framework = z.infer<typeof frameworkSchema>;

export const frameworkRefSchema = z.object({
  framework: frameworkSchema,
  /** e.g. `NHI5`, `ASI03`, `1.14`, `GOVERN 1.6`, `Art. 14`, `A.6.2.6`, `Tenet 6`. */
  control: z.string(),
});
export type FrameworkRef = z.infer<typeof frameworkRefSchema>;

export const evidenceItemSchema = z.object({
  /** What kind of thing this is: policy-statement, credential, grant, trust, activity, path, note. */
  type: z.string(),
  /** One line a reader understands without the raw data. */
  summary: z.string(),
  /** Stable id of the inventory row it points to, when there is one. */
  ref: z.string().optional(),
  /** The raw evidence: statement JSON, credential dates, grant detail. */
  data: attributesSchema.optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const triageStatusSchema = z.enum(['open', 'accepted-risk', 'false-positive', 'fixed']);
export type TriageStatus = z.infer<typeof triageStatusSchema>;

export const findingSchema = z.object({
  key: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: severitySchema,
  identityId: z.string(),
  identity: z.object({
    provider: providerSchema,
    kind: identityKindSchema,
    nativeId: z.string(),
    name: z.string(),
    account: z.string(),
  }),
  /** The finding-specific sentence, e.g. "Access key 1 is 412 days old (threshold 90)". */
  message: z.string(),
  evidence: z.array(evidenceItemSchema),
  remediation: z.string(),
  frameworks: z.array(frameworkRefSchema),
  /** Points this finding adds to the identity's risk score. */
  scoreContribution: z.number(),
  suppressedBy: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
