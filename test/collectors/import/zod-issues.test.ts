import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, formatJsonPath } from '../../../collectors/import/zod-issues';

function issuesOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to fail');
  return result.error.issues;
}

describe('formatJsonPath', () => {
  it('writes identifiers with dots, indexes in brackets and other keys quoted', () => {
    expect(formatJsonPath(['value', 12, 'appRoles', 0, 'id'])).toBe('value[12].appRoles[0].id');
    expect(formatJsonPath(['RoleDetailList', 3, 'Arn'])).toBe('RoleDetailList[3].Arn');
    expect(formatJsonPath(['value', 0, '@odata.type'])).toBe('value[0]["@odata.type"]');
    expect(formatJsonPath(['Tags', 'a "quoted"\nkey'])).toBe('Tags["a \\"quoted\\"\\nkey"]');
    expect(formatJsonPath([0, 'x'])).toBe('[0].x');
    expect(formatJsonPath([])).toBe('');
  });

  it('shortens a huge key instead of quoting it whole', () => {
    const where = formatJsonPath(['Tags', 'k'.repeat(10_000)]);
    expect(where).toBe(`Tags["${'k'.repeat(80)}…"]`);
  });
});

describe('describeIssues', () => {
  const role = z.object({ RoleName: z.string(), Arn: z.string() });

  it('names the path and the problem, never the value', () => {
    const issues = issuesOf(z.object({ RoleDetailList: z.array(role) }), {
      RoleDetailList: [
        { RoleName: 'a', Arn: 'x' },
        { RoleName: 'b', Arn: 42 },
      ],
    });
    expect(describeIssues(issues)).toEqual({
      where: 'RoleDetailList[1].Arn',
      problem: 'expected string, received number',
    });
  });

  it('puts the path of the checked value in the file first', () => {
    const issues = issuesOf(role, { RoleName: 'a', Arn: 42 });
    expect(describeIssues(issues, ['value', 12])).toEqual({
      where: 'value[12].Arn',
      problem: 'expected string, received number',
    });
    expect(describeIssues([], ['value', 3])).toEqual({ where: 'value[3]', problem: 'invalid content' });
  });

  it('says missing for an absent field and counts the other problems', () => {
    expect(describeIssues(issuesOf(role, { RoleName: 'a' }))).toEqual({
      where: 'Arn',
      problem: 'missing (expected string)',
    });
    expect(describeIssues(issuesOf(role, {})).problem).toBe('missing (expected string) (and 1 more problem)');
    const three = z.object({ a: z.string(), b: z.string(), c: z.string() });
    expect(describeIssues(issuesOf(three, {})).problem).toBe(
      'missing (expected string) (and 2 more problems)',
    );
  });

  it('explains a failed union by the branch that got furthest, without zod prefixes', () => {
    const effect = z.object({ Effect: z.enum(['Allow', 'Deny']) });
    const statement = z.union([effect, z.array(effect)]);
    const issues = issuesOf(z.object({ Statement: statement }), {
      Statement: [{ Effect: 'Allow' }, { Effect: 'Perhaps' }],
    });
    expect(describeIssues(issues)).toEqual({
      where: 'Statement[1].Effect',
      problem: 'expected one of "Allow"|"Deny"',
    });
  });
});
