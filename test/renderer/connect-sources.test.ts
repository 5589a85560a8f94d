import { describe, expect, it } from 'vitest';
import { awsSourceSchema, entraSourceSchema } from '../../model/api';
import { awsSourceOf, entraSourceOf } from '../../renderer/src/screens/connect';

const awsForm = {
  enabled: true,
  mode: 'role' as const,
  profile: ' audit ',
  roleArn: 'arn:aws:iam::111122223333:role/AgentAnchorAudit',
  externalId: '',
  organization: true,
  orgRole: '',
  region: 'eu-west-1',
  regions: 'eu-west-1, us-east-1,, ',
  lastAccessed: false,
};

const entraForm = {
  enabled: true,
  tenant: ' contoso.onmicrosoft.com ',
  auth: 'client-secret' as const,
  clientId: '11111111-2222-4333-8444-555555555555',
  certificatePath: '/ignored/for/secrets.pem',
  cloud: 'global' as const,
  clientSecret: 'abc~secret',
  accessToken: 'ignored',
  rememberSecret: true,
};

describe('connect screen to API sources', () => {
  it('turns the AWS form into a source the contract accepts, leaving blanks out', () => {
    const source = awsSourceOf(awsForm);
    expect(source).toEqual({
      mode: 'role',
      profile: 'audit',
      roleArn: 'arn:aws:iam::111122223333:role/AgentAnchorAudit',
      organization: true,
      region: 'eu-west-1',
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(awsSourceSchema.safeParse(source).success).toBe(true);
    expect(awsSourceOf({ ...awsForm, mode: 'default-chain' })).not.toHaveProperty('profile');
  });

  it('sends only the secret the chosen sign-in uses', () => {
    const source = entraSourceOf(entraForm);
    expect(source).toEqual({
      tenant: 'contoso.onmicrosoft.com',
      auth: 'client-secret',
      clientId: '11111111-2222-4333-8444-555555555555',
      clientSecret: 'abc~secret',
      rememberSecret: true,
    });
    expect(entraSourceSchema.safeParse(source).success).toBe(true);
    const device = entraSourceOf({ ...entraForm, auth: 'device-code' });
    expect(device).not.toHaveProperty('clientSecret');
    expect(device).not.toHaveProperty('accessToken');
    expect(entraSourceOf({ ...entraForm, auth: 'token' })).toMatchObject({ accessToken: 'ignored' });
  });

  it('sends no client id with the Azure CLI or a token, whose app is not ours to name; the contract refuses one', () => {
    for (const auth of ['azure-cli', 'token'] as const) {
      const source = entraSourceOf({ ...entraForm, auth });
      expect(source, auth).not.toHaveProperty('clientId');
      expect(entraSourceSchema.safeParse(source).success, auth).toBe(true);
      const refused = entraSourceSchema.safeParse({ ...source, clientId: entraForm.clientId });
      expect(refused.success, auth).toBe(false);
      expect(refused.error?.issues[0]).toMatchObject({
        path: ['clientId'],
        message: expect.stringContaining('not used with this sign-in'),
      });
    }
    expect(entraSourceOf({ ...entraForm, auth: 'browser' })).toHaveProperty('clientId');
  });
});
