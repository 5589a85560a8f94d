/**
 * API shapes of connecting sources: how to reach the client's AWS and Entra ID, the read-only
 * permissions each needs, a connection test, and starting a scan.
 *
 * Secrets (an Entra client secret or access token) travel only in `startScan`/`testConnection`
 * args, are handed to the sign-in code in memory, and are never echoed back in any result.
 */
import { z } from 'zod';
import { ENTRA_OWN_APP_AUTHS } from './api-limits';

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const PROFILE = /^[\w+=,.@/-]{1,128}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9][a-z0-9.-]{0,252}\.[a-z]{2,}$/i;

/** How the AWS SDK finds its credentials; the UI explains each. */
export const awsAuthModeSchema = z.enum(['default-chain', 'profile', 'sso-profile', 'role']);
export type AwsAuthMode = z.infer<typeof awsAuthModeSchema>;

export const awsSourceSchema = z
  .strictObject({
    mode: awsAuthModeSchema,
    profile: z.string().regex(PROFILE, 'not a profile name').optional(),
    roleArn: z.string().regex(ROLE_ARN, 'not an IAM role ARN').optional(),
    externalId: z.string().min(2).max(1224).optional(),
    /** Scan every active account of the AWS Organization. */
    organization: z.boolean().optional(),
    orgRole: z.string().regex(ROLE_NAME, 'not a role name').optional(),
    region: z.string().regex(AWS_REGION, 'not a region name').optional(),
    regions: z.array(z.string().regex(AWS_REGION, 'not a region name')).max(40).optional(),
    lastAccessed: z.boolean().optional(),
  })
  .refine((s) => (s.mode === 'profile' || s.mode === 'sso-profile' ? s.profile !== undefined : true), {
    message: 'a profile name is needed',
    path: ['profile'],
  })
  .refine((s) => (s.mode === 'role' ? s.roleArn !== undefined : true), {
    message: 'a role ARN is needed',
    path: ['roleArn'],
  });
export type AwsSource = z.infer<typeof awsSourceSchema>;

export const entraAuthSchema = z.enum([
  'browser',
  'device-code',
  'client-secret',
  'certificate',
  'azure-cli',
  'token',
]);
export type EntraAuth = z.infer<typeof entraAuthSchema>;

export const entraCloudSchema = z.enum(['global', 'usgov', 'usgov-dod', 'china']);

const entraSourceFields = z.strictObject({
  tenant: z.string().refine((t) => GUID.test(t) || DOMAIN.test(t), 'a tenant id (GUID) or domain'),
  auth: entraAuthSchema,
  clientId: z.string().regex(GUID, 'an application (client) id is a GUID').optional(),
  /** PEM file with the certificate and its private key (auth `certificate`). */
  certificatePath: z.string().min(1).max(4096).optional(),
  cloud: entraCloudSchema.optional(),
  /** Auth `client-secret`: the secret, or absent to use one remembered earlier. */
  clientSecret: z.string().min(1).max(1024).optional(),
  /** Auth `token`: a Graph access token the client handed over. */
  accessToken: z.string().min(1).max(16_384).optional(),
  /** Keep the client secret encrypted on this computer for the next scan (desktop only). */
  rememberSecret: z.boolean().optional(),
});

export const entraSourceSchema = entraSourceFields
  .refine((s) => (s.auth === 'certificate' ? s.certificatePath !== undefined : true), {
    message: 'a certificate file is needed',
    path: ['certificatePath'],
  })
  .refine((s) => (s.auth === 'client-secret' || s.auth === 'certificate' ? s.clientId !== undefined : true), {
    message: 'the application (client) id is needed',
    path: ['clientId'],
  })
  .refine((s) => (s.auth === 'token' ? s.accessToken !== undefined : true), {
    message: 'an access token is needed',
    path: ['accessToken'],
  })
  .refine((s) => (ENTRA_OWN_APP_AUTHS.has(s.auth) ? s.clientId === undefined : true), {
    message: 'not used with this sign-in: the Azure CLI and a handed-over token come with their own app',
    path: ['clientId'],
  });
export type EntraSource = z.infer<typeof entraSourceSchema>;

export const demoSourceSchema = z.strictObject({
  size: z.number().int().min(50).max(20_000).optional(),
  /** Latency the emulators add per response, so progress is visible (ms). */
  latencyMs: z.number().int().min(0).max(2000).optional(),
});
export type DemoSource = z.infer<typeof demoSourceSchema>;

export const scanSourcesSchema = z
  .strictObject({
    aws: awsSourceSchema.optional(),
    entra: entraSourceSchema.optional(),
    demo: demoSourceSchema.optional(),
  })
  .refine((s) => s.aws !== undefined || s.entra !== undefined || s.demo !== undefined, {
    message: 'choose at least one source',
  });
export type ScanSources = z.infer<typeof scanSourcesSchema>;

export const startScanArgsSchema = z.strictObject({
  sources: scanSourcesSchema,
  label: z.string().trim().min(1).max(200).optional(),
});
export type StartScanArgs = z.infer<typeof startScanArgsSchema>;

export const testConnectionArgsSchema = z.strictObject({
  source: z.union([z.strictObject({ aws: awsSourceSchema }), z.strictObject({ entra: entraSourceSchema })]),
});
export type TestConnectionArgs = z.infer<typeof testConnectionArgsSchema>;

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** One line: who we are signed in as, or why it failed. */
  message: z.string(),
  details: z.array(z.string()),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const permissionsArgsSchema = z.strictObject({
  provider: z.enum(['aws', 'entra']),
  /** AWS: the policy of the identity that starts an organization scan. */
  orgCaller: z.boolean().optional(),
});
export type PermissionsArgs = z.infer<typeof permissionsArgsSchema>;

export const permissionsSchema = z.object({
  title: z.string(),
  /** `json`: an IAM policy document; `text`: a list to read. */
  format: z.enum(['json', 'text']),
  text: z.string(),
  notes: z.array(z.string()),
});
export type Permissions = z.infer<typeof permissionsSchema>;

/**
 * The non-secret source settings the connect screen saved for this engagement, so the next scan
 * starts from them. Secrets are never part of it.
 */
export const savedSourcesSchema = z.object({
  aws: awsSourceSchema.optional(),
  entra: entraSourceFields.omit({ clientSecret: true, accessToken: true, rememberSecret: true }).optional(),
  /** Desktop: a client secret is remembered for this tenant and client id. */
  rememberedSecret: z.boolean(),
});
export type SavedSources = z.infer<typeof savedSourcesSchema>;
