/** IAM policy and trust policy documents as people and AWS services write them. */
import type { JsonObject } from '../types';
import type { JsonValue } from '../../../model/inventory';

export function policy(...statements: JsonObject[]): JsonObject {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(
  action: JsonValue,
  resource: JsonValue,
  condition?: JsonObject,
  sid?: string,
): JsonObject {
  const s: JsonObject = {};
  if (sid !== undefined) s.Sid = sid;
  s.Effect = 'Allow';
  s.Action = action;
  s.Resource = resource;
  if (condition) s.Condition = condition;
  return s;
}

export function deny(
  action: JsonValue,
  resource: JsonValue,
  condition?: JsonObject,
  sid?: string,
): JsonObject {
  const s = allow(action, resource, condition, sid);
  s.Effect = 'Deny';
  return s;
}

/** Trust for an AWS service principal, optionally with confused-deputy conditions. */
export function serviceTrust(service: string | string[], condition?: JsonObject): JsonObject {
  const s: JsonObject = { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' };
  if (condition) s.Condition = condition;
  return policy(s);
}

/** Trust for AWS principals (account roots or role ARNs). */
export function awsTrust(principal: string | string[], condition?: JsonObject): JsonObject {
  const s: JsonObject = { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' };
  if (condition) s.Condition = condition;
  return policy(s);
}

export function oidcTrust(providerArn: string, condition?: JsonObject): JsonObject {
  const s: JsonObject = {
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
  };
  if (condition) s.Condition = condition;
  return policy(s);
}

/** IAM Identity Center permission-set roles trust the account's SSO SAML provider. */
export function samlTrust(providerArn: string): JsonObject {
  return policy({
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
    Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  });
}

/**
 * URL-encode a policy document as IAM's API does (RFC 3986: encodeURIComponent leaves `!'()*`
 * alone, IAM does not).
 */
export function awsUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
