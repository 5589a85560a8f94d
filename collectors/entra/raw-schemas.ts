/**
 * Zod schemas for the Microsoft Graph objects the Entra import reads, field names as in the Graph
 * reference (v1.0 and beta). Lenient where Graph is: unknown fields are stripped (never an error),
 * most fields may be absent or null. Strict where we depend on a field: its type must match.
 *
 * Stripping is also how secret material is kept out: `secretText` and `hint` of password
 * credentials and `key` of key credentials are not declared, so parsing drops them.
 */
import { z } from 'zod';

const text = z.string().nullable().optional();
const flag = z.boolean().nullable().optional();
const texts = z.array(z.string()).nullable().optional();
/** `@odata.type`, e.g. `#microsoft.graph.user`. */
const odataType = z.string().optional();

export const passwordCredentialSchema = z.object({
  keyId: z.string(),
  displayName: text,
  startDateTime: text,
  endDateTime: text,
  customKeyIdentifier: text,
});
export type RawPasswordCredential = z.infer<typeof passwordCredentialSchema>;

export const keyCredentialSchema = z.object({
  keyId: z.string(),
  displayName: text,
  startDateTime: text,
  endDateTime: text,
  /** AsymmetricX509Cert, X509CertAndPassword, Symmetric. */
  type: text,
  /** Verify (authenticates the app) or Sign (token signing). */
  usage: text,
  /** Base64 of the certificate thumbprint: public, identifies the certificate. */
  customKeyIdentifier: text,
});
export type RawKeyCredential = z.infer<typeof keyCredentialSchema>;

export const federatedIdentityCredentialSchema = z.object({
  id: z.string(),
  name: text,
  issuer: z.string(),
  /** Null for flexible credentials, which match on `claimsMatchingExpression` instead. */
  subject: text,
  audiences: z.array(z.string()),
  description: text,
  claimsMatchingExpression: z
    .object({ value: text, languageVersion: z.number().nullable().optional() })
    .nullable()
    .optional(),
});
export type RawFederatedIdentityCredential = z.infer<typeof federatedIdentityCredentialSchema>;

/** An owner or sponsor: any directory object (user, group, servicePrincipal, ...). */
export const directoryObjectSchema = z.object({
  '@odata.type': odataType,
  id: z.string(),
  displayName: text,
  userPrincipalName: text,
  mail: text,
  accountEnabled: flag,
  appId: text,
  servicePrincipalType: text,
});
export type RawDirectoryObject = z.infer<typeof directoryObjectSchema>;

export const appRoleSchema = z.object({
  id: z.string(),
  value: text,
  displayName: text,
  allowedMemberTypes: texts,
  isEnabled: flag,
});

const verifiedPublisherSchema = z
  .object({ displayName: text, verifiedPublisherId: text, addedDateTime: text })
  .nullable()
  .optional();

/** servicePrincipal, and its derived types agentIdentity and agentIdentityBlueprintPrincipal. */
export const servicePrincipalSchema = z.object({
  '@odata.type': odataType,
  id: z.string(),
  appId: text,
  displayName: text,
  appDisplayName: text,
  appDescription: text,
  description: text,
  notes: text,
  servicePrincipalType: text,
  appOwnerOrganizationId: text,
  accountEnabled: flag,
  signInAudience: text,
  publisherName: text,
  verifiedPublisher: verifiedPublisherSchema,
  alternativeNames: texts,
  servicePrincipalNames: texts,
  tags: texts,
  createdDateTime: text,
  createdByAppId: text,
  agentIdentityBlueprintId: text,
  disabledByMicrosoftStatus: text,
  appRoles: z.array(appRoleSchema).nullable().optional(),
  passwordCredentials: z.array(passwordCredentialSchema).nullable().optional(),
  keyCredentials: z.array(keyCredentialSchema).nullable().optional(),
  /** Present when the list was requested with `$expand=sponsors` (agent identities). */
  sponsors: z.array(directoryObjectSchema).nullable().optional(),
  lifecycle: z.object({ expirationDateTime: text }).nullable().optional(),
});
export type RawServicePrincipal = z.infer<typeof servicePrincipalSchema>;

/** application, and its derived type agentIdentityBlueprint. */
export const applicationSchema = z.object({
  '@odata.type': odataType,
  id: z.string(),
  appId: text,
  displayName: text,
  description: text,
  notes: text,
  signInAudience: text,
  publisherDomain: text,
  createdDateTime: text,
  tags: texts,
  verifiedPublisher: verifiedPublisherSchema,
  disabledByMicrosoftStatus: text,
  passwordCredentials: z.array(passwordCredentialSchema).nullable().optional(),
  keyCredentials: z.array(keyCredentialSchema).nullable().optional(),
  sponsors: z.array(directoryObjectSchema).nullable().optional(),
});
export type RawApplication = z.infer<typeof applicationSchema>;

export const appRoleAssignmentSchema = z.object({
  id: z.string(),
  appRoleId: z.string(),
  principalId: z.string(),
  /** User, Group or ServicePrincipal. */
  principalType: text,
  principalDisplayName: text,
  resourceId: z.string(),
  resourceDisplayName: text,
  createdDateTime: text,
  deletedDateTime: text,
});
export type RawAppRoleAssignment = z.infer<typeof appRoleAssignmentSchema>;

export const oauth2PermissionGrantSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  /** AllPrincipals or Principal. */
  consentType: text,
  principalId: text,
  resourceId: z.string(),
  /** Space-separated delegated permission values. */
  scope: text,
});
export type RawOAuth2PermissionGrant = z.infer<typeof oauth2PermissionGrantSchema>;

export const roleDefinitionSchema = z.object({
  id: z.string(),
  displayName: text,
  description: text,
  isBuiltIn: flag,
  isEnabled: flag,
  /** Microsoft's own "privileged role" flag; beta, and v1.0 in newer tenants. */
  isPrivileged: flag,
  templateId: text,
});
export type RawRoleDefinition = z.infer<typeof roleDefinitionSchema>;

export const roleAssignmentSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: text,
  appScopeId: text,
});
export type RawRoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const roleEligibilityScheduleSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: text,
  appScopeId: text,
  memberType: text,
  status: text,
  scheduleInfo: z
    .object({
      startDateTime: text,
      expiration: z.object({ type: text, endDateTime: text, duration: text }).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type RawRoleEligibilitySchedule = z.infer<typeof roleEligibilityScheduleSchema>;

const signInActivitySchema = z
  .object({ lastSignInDateTime: text, lastSignInRequestId: text })
  .nullable()
  .optional();

export const servicePrincipalSignInActivitySchema = z.object({
  id: text,
  appId: z.string(),
  lastSignInActivity: signInActivitySchema,
  applicationAuthenticationClientSignInActivity: signInActivitySchema,
  applicationAuthenticationResourceSignInActivity: signInActivitySchema,
  delegatedClientSignInActivity: signInActivitySchema,
  delegatedResourceSignInActivity: signInActivitySchema,
});
export type RawServicePrincipalSignInActivity = z.infer<typeof servicePrincipalSignInActivitySchema>;

export const appCredentialSignInActivitySchema = z.object({
  id: text,
  appId: text,
  appObjectId: text,
  servicePrincipalObjectId: text,
  keyId: z.string(),
  /** secret, certificate, clientAssertion. */
  keyType: text,
  keyUsage: text,
  /** application or servicePrincipal: where the credential lives. */
  credentialOrigin: text,
  expirationDate: text,
  resourceId: text,
  signInActivity: signInActivitySchema,
});
export type RawAppCredentialSignInActivity = z.infer<typeof appCredentialSignInActivitySchema>;

export const organizationSchema = z.object({
  id: z.string(),
  displayName: text,
  verifiedDomains: z
    .array(z.object({ name: text, isDefault: flag, isInitial: flag }))
    .nullable()
    .optional(),
});
export type RawOrganization = z.infer<typeof organizationSchema>;

/** One restriction of an app management policy, e.g. `passwordLifetime` with `maxLifetime` P90D. */
const credentialRestrictionSchema = z.object({
  /** passwordAddition, passwordLifetime, symmetricKeyAddition, symmetricKeyLifetime, customPasswordAddition, asymmetricKeyLifetime, trustedCertificateAuthority. */
  restrictionType: text,
  /** enabled or disabled. */
  state: text,
  /** ISO 8601 duration, e.g. P90D. */
  maxLifetime: text,
  restrictForAppsCreatedAfterDateTime: text,
});
export type RawCredentialRestriction = z.infer<typeof credentialRestrictionSchema>;

const appManagementRestrictionsSchema = z
  .object({
    passwordCredentials: z.array(credentialRestrictionSchema).nullable().optional(),
    keyCredentials: z.array(credentialRestrictionSchema).nullable().optional(),
  })
  .nullable()
  .optional();

/** The tenant's default app management policy (`GET /policies/defaultAppManagementPolicy`, one object). */
export const appManagementPolicySchema = z.object({
  id: z.string(),
  displayName: text,
  description: text,
  isEnabled: flag,
  applicationRestrictions: appManagementRestrictionsSchema,
  servicePrincipalRestrictions: appManagementRestrictionsSchema,
});
export type RawAppManagementPolicy = z.infer<typeof appManagementPolicySchema>;

const conditionalAccessFilterSchema = z.object({ mode: text, rule: text }).nullable().optional();

/** A conditional access policy; only its workload and agent identity parts are read. */
export const conditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: text,
  /** enabled, disabled or enabledForReportingButNotEnforced. */
  state: text,
  conditions: z
    .object({
      clientApplications: z
        .object({
          includeServicePrincipals: texts,
          excludeServicePrincipals: texts,
          servicePrincipalFilter: conditionalAccessFilterSchema,
          /** beta: agent identities by object id, or `All`. */
          includeAgentIdServicePrincipals: texts,
          excludeAgentIdServicePrincipals: texts,
          agentIdServicePrincipalFilter: conditionalAccessFilterSchema,
        })
        .nullable()
        .optional(),
      servicePrincipalRiskLevels: texts,
      locations: z.object({ includeLocations: texts, excludeLocations: texts }).nullable().optional(),
    })
    .nullable()
    .optional(),
  grantControls: z.object({ operator: text, builtInControls: texts }).nullable().optional(),
});
export type RawConditionalAccessPolicy = z.infer<typeof conditionalAccessPolicySchema>;
