/** The impact list behind AA-AWS-PRIV-003 and the secret-read KPI goal. */
import { describe, expect, it } from 'vitest';
import sensitive from '../../assess/data/aws-sensitive-actions.json';
import {
  CREDENTIAL_ACTION_IMPACT,
  credentialImpact,
  credentialReach,
  evidenceFor,
  SECRET_READ_ACTIONS,
} from '../../assess/rules/aws-privilege/credential-actions';

describe('credential action impact', () => {
  it('classifies every credential-returning and secret-reading action the engine reports', () => {
    const unclassified = [
      ...sensitive.credentialExposure,
      ...sensitive.dataExfiltration.filter((a) => SECRET_READ_ACTIONS.has(a.toLowerCase())),
    ].filter((a) => CREDENTIAL_ACTION_IMPACT[a.toLowerCase()] === undefined);
    expect(unclassified).toEqual([]);
  });

  it('counts registry and own-session tokens as low, minted keys and secret reads as high', () => {
    expect(credentialImpact('ecr:GetAuthorizationToken')).toBe('low');
    expect(credentialImpact('sts:GetSessionToken')).toBe('low');
    expect(credentialImpact('iam:CreateAccessKey')).toBe('high');
    expect(credentialImpact('sts:AssumeRole')).toBe('high');
    expect(credentialImpact('secretsmanager:GetSecretValue')).toBe('high');
    expect(credentialImpact('ssm:GetParameter')).toBe('medium');
    // Not yet classified: reported until someone decides.
    expect(credentialImpact('newservice:GetApiKey')).toBe('high');
    expect(credentialReach(['ecr:GetAuthorizationToken', 'redshift:GetClusterCredentials'])).toEqual([
      'redshift:GetClusterCredentials',
    ]);
  });

  it('cites only the statements that grant the named actions', () => {
    const statement = (ref: string, s: Record<string, string | string[]>) => ({
      type: 'policy-statement',
      summary: ref,
      ref,
      data: { statement: { Effect: 'Allow', Resource: '*', ...s } },
    });
    const evidence = [
      statement('ecr', { Action: 'ecr:GetAuthorizationToken' }),
      statement('secrets', { Action: ['secretsmanager:Get*'] }),
      statement('all-but-iam', { NotAction: 'iam:*' }),
      { type: 'note', summary: 'kept' },
    ];
    expect(evidenceFor(evidence, ['secretsmanager:GetSecretValue']).map((e) => e.summary)).toEqual([
      'secrets',
      'all-but-iam',
      'kept',
    ]);
    expect(evidenceFor(evidence, ['iam:CreateAccessKey']).map((e) => e.summary)).toEqual(['kept']);
  });
});
