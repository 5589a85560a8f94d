/**
 * How much a broadly granted credential-returning action exposes, per action. The engine reports
 * every action of cloudsplaining's credentials-exposure list (assess/data/aws-sensitive-actions.json)
 * granted on `*`; on its own that list cannot tell `iam:CreateAccessKey` (keys for any user) from
 * `ecr:GetAuthorizationToken` (a registry token every image-pulling workload needs, usable only
 * with the caller's own ECR permissions). Without the distinction AA-AWS-PRIV-003 fired on nearly
 * every ECS, Lambda and CodeBuild role of the demo.
 *
 * Impact levels:
 *   high    credentials of another principal, a database, an instance or a third-party service,
 *           or stored secrets: reach beyond the caller's own permissions.
 *   medium  credentials scoped to one service or session that still widen what a hijacked
 *           workload can do (API keys, tokens that can be exchanged, persistence after revocation).
 *   low     the caller's own permissions again (registry and session tokens), public material,
 *           or actions identity policies do not govern (AssumeRoleWithSAML/WebIdentity are called
 *           without AWS credentials). Never enough for a finding on their own.
 * An action not listed counts as high: a new credential action is reported until classified.
 * Names are lower-case, as IAM compares them.
 */
import { iamGlobMatch } from '../../util/aws-policy';
import type { EvidenceItem } from '../../../model/findings';
import type { JsonValue } from '../../../model/inventory';

export type CredentialImpact = 'high' | 'medium' | 'low';

export const CREDENTIAL_ACTION_IMPACT: Readonly<Record<string, CredentialImpact>> = {
  // Minted for other principals or for the account itself.
  'iam:createaccesskey': 'high',
  'iam:createloginprofile': 'high',
  'iam:createservicespecificcredential': 'high',
  'iam:resetservicespecificcredential': 'high',
  'sts:assumerole': 'high',
  'sts:assumeroot': 'high',
  'sso:getrolecredentials': 'high',
  'cognito-identity:getcredentialsforidentity': 'high',
  'cognito-identity:getopenidtokenfordeveloperidentity': 'high',
  'emr-containers:getmanagedendpointsessioncredentials': 'high',
  'airflow:createclitoken': 'high',
  'airflow:createweblogintoken': 'high',
  // Database, instance and third-party credentials.
  'rds-db:connect': 'high',
  'redshift:getclustercredentials': 'high',
  'redshift:getclustercredentialswithiam': 'high',
  'redshift-serverless:getcredentials': 'high',
  'lightsail:downloaddefaultkeypair': 'high',
  'lightsail:getinstanceaccessdetails': 'high',
  'lightsail:getrelationaldatabasemasteruserpassword': 'high',
  'bedrock-agentcore:getresourceapikey': 'high',
  'bedrock-agentcore:getresourceoauth2token': 'high',
  // Stored secrets (read actions from the data-exfiltration list; reported here, not as data reads).
  'secretsmanager:getsecretvalue': 'high',
  'secretsmanager:batchgetsecretvalue': 'high',
  'ssm:getparameter': 'medium',
  'ssm:getparameters': 'medium',
  'ssm:getparametersbypath': 'medium',
  'ssm:getparameterhistory': 'medium',
  // Service-scoped keys and tokens.
  'iam:updateaccesskey': 'medium',
  'sts:getfederationtoken': 'medium',
  'ec2:getpassworddata': 'medium',
  'appsync:createapikey': 'medium',
  'chime:createapikey': 'medium',
  'grafana:createworkspaceapikey': 'medium',
  'cloud9:createenvironmenttoken': 'medium',
  'codepipeline:pollforjobs': 'medium',
  'cognito-identity:getopenidtoken': 'medium',
  'connect:getfederationtoken': 'medium',
  'finspace-api:getprogrammaticaccesscredentials': 'medium',
  'gamelift:getcomputeaccess': 'medium',
  'gamelift:getcomputeauthtoken': 'medium',
  'gamelift:getinstanceaccess': 'medium',
  'lightsail:createbucketaccesskey': 'medium',
  'bedrock-agentcore:getworkloadaccesstoken': 'medium',
  'bedrock-agentcore:getworkloadaccesstokenforjwt': 'medium',
  'bedrock-agentcore:getworkloadaccesstokenforuserid': 'medium',
  // The caller's own permissions, public material, or not governed by identity policies.
  'ecr:getauthorizationtoken': 'low',
  'ecr-public:getauthorizationtoken': 'low',
  'codeartifact:getauthorizationtoken': 'low',
  'sts:getsessiontoken': 'low',
  'sts:getservicebearertoken': 'low',
  'sts:assumerolewithsaml': 'low',
  'sts:assumerolewithwebidentity': 'low',
  'cognito-idp:getsigningcertificate': 'low',
  'license-manager:getaccesstoken': 'low',
  'gamelift:requestuploadcredentials': 'low',
  'mediapackage:rotatechannelcredentials': 'low',
  'mediapackage:rotateingestendpointcredentials': 'low',
};

/** Secret-store reads: in the engine's data-exfiltration result, reported by AA-AWS-PRIV-003. */
export const SECRET_READ_ACTIONS: ReadonlySet<string> = new Set([
  'secretsmanager:getsecretvalue',
  'secretsmanager:batchgetsecretvalue',
  'ssm:getparameter',
  'ssm:getparameters',
  'ssm:getparametersbypath',
  'ssm:getparameterhistory',
]);

export function credentialImpact(action: string): CredentialImpact {
  return CREDENTIAL_ACTION_IMPACT[action.toLowerCase()] ?? 'high';
}

export function isSecretRead(action: string): boolean {
  return SECRET_READ_ACTIONS.has(action.toLowerCase());
}

/** Credential-returning actions that reach beyond the caller's own permissions (impact above low). */
export function credentialReach(actions: readonly string[]): string[] {
  return actions.filter((a) => credentialImpact(a) !== 'low');
}

function strings(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The evidence items that grant at least one of `actions`: policy statements whose Action matches
 * one (or whose NotAction leaves one out); other evidence is kept. A capability's evidence covers
 * all its actions, and a finding about some of them should cite only their statements.
 */
export function evidenceFor(evidence: readonly EvidenceItem[], actions: readonly string[]): EvidenceItem[] {
  return evidence.filter((item) => {
    const statement = item.type === 'policy-statement' ? item.data?.['statement'] : undefined;
    if (!statement || typeof statement !== 'object' || Array.isArray(statement)) return true;
    const allowed = strings(statement['Action']);
    const excluded = strings(statement['NotAction']);
    if (allowed.length > 0) return actions.some((a) => allowed.some((p) => iamGlobMatch(p, a)));
    if (excluded.length > 0) return actions.some((a) => !excluded.some((p) => iamGlobMatch(p, a)));
    return true;
  });
}
