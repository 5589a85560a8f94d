import { asi, nhi, zeroTrust } from '../../frameworks';
import type { Rule } from '../types';
import { capabilityHit } from './shared';

/**
 * Resource-policy actions whose resource is a catalogue entry, a shared configuration or an artefact
 * description rather than data or compute: sharing it tells another account what exists, and the
 * data behind it stays guarded by its own policies (S3, KMS, Lake Formation). AWS managed service
 * policies grant some of them to every role of the service (AWSGlueServiceRole: glue:*,
 * AmazonSageMakerFullAccess: sagemaker:*), so they are worth a medium finding, not a high one.
 */
const METADATA_ONLY: ReadonlySet<string> = new Set([
  'glue:putresourcepolicy',
  'sagemaker:putmodelpackagegrouppolicy',
  'serverlessrepo:putapplicationpolicy',
  'servicecatalog:createportfolioshare',
  'imagebuilder:putcomponentpolicy',
  'imagebuilder:putimagerecipepolicy',
  'imagebuilder:putcontainerrecipepolicy',
  'datazone:putdomainsharingpolicy',
  'resource-explorer-2:putresourcepolicy',
  'networkmanager:putresourcepolicy',
  'route53resolver:putresolverrulepolicy',
  'route53resolver:putfirewallrulegrouppolicy',
  'codeguru-profiler:putpermission',
  'mediatailor:putchannelpolicy',
  'workspaces:updateconnectionaliaspermission',
]);

export const rule: Rule = {
  id: 'AA-AWS-PRIV-005',
  title: 'Can expose resources by changing their policies',
  severity: 'high',
  area: 'aws-privilege',
  rationale:
    "Actions that write resource policies, ACLs, grants or shares (s3:PutBucketPolicy, s3:PutBucketAcl, kms:PutKeyPolicy, kms:CreateGrant, lambda:AddPermission, sns/sqs AddPermission and Set*Attributes, ecr:SetRepositoryPolicy, secretsmanager:PutResourcePolicy, ram:CreateResourceShare, snapshot and AMI attributes, iam:UpdateAssumeRolePolicy, ...) or lift block-public-access guards let the identity open a resource to another account or to the public, bypassing every identity-based control. The list (resourceExposure in assess/data/aws-sensitive-actions.json) follows cloudsplaining's resource exposure without its noise: 'Permissions management' actions that expose nothing to other principals, such as cloudformation:SetStackPolicy, and IAM writes on the identity's own permissions (reported as escalation) are not counted. Where only catalogue or configuration entries can be shared (Glue Data Catalog, SageMaker model package groups, ...), the finding is medium.",
  remediation:
    'Remove resource-policy write actions from the workload, or scope them to its own resources and guard with `aws:ResourceAccount`/`aws:PrincipalOrgID` conditions; apply with `aws iam put-role-policy ...`. Add an SCP or RCP that blocks public and cross-organisation resource policies.',
  references: ['https://github.com/salesforce/cloudsplaining#resource-exposure'],
  frameworks: [nhi(5), nhi(6), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent || !p.resourceExposure) return [];
    const exposure = p.resourceExposure;
    const complete = (exposure.total ?? exposure.actions.length) <= exposure.actions.length;
    const metadataOnly = complete && exposure.actions.every((a) => METADATA_ONLY.has(a.toLowerCase()));
    return capabilityHit(
      ctx,
      identity,
      exposure,
      'resource-exposure',
      metadataOnly
        ? 'can share catalogue or configuration entries with other principals'
        : 'can open resources to other principals',
    ).map((h) => (metadataOnly ? { ...h, severity: 'medium' as const } : h));
  },
};
