import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IdentityRow } from '../../model/api';
import { IdentityTable } from '../../renderer/src/identity-table';

const rows: IdentityRow[] = [
  {
    id: 'entra:a1b2c3d4-1111-4222-8333-944455566677',
    provider: 'entra',
    kind: 'entra-agent-identity',
    name: '<img src=x onerror=alert(1)><script>alert(2)</script>',
    account: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    credentialCount: 1234,
    grantCount: 3,
    ownerCount: 0,
  },
  {
    id: 'aws:arn:aws:iam::123456789012:user/ci-deployer',
    provider: 'aws',
    kind: 'aws-user',
    name: 'ci-deployer',
    account: '123456789012',
    createdAt: '2021-06-01T12:00:00.000Z',
    credentialCount: 2,
    grantCount: 1,
    ownerCount: 0,
  },
];

describe('IdentityTable', () => {
  const html = renderToStaticMarkup(createElement(IdentityTable, { rows }));

  it('renders hostile identity names as text, never as markup', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('shows one row per identity with readable provider, kind, counts and date', () => {
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('<td>Entra ID</td><td>Agent identity</td>');
    expect(html).toContain('<td>AWS</td><td>IAM user</td>');
    expect(html).toContain('1,234');
    expect(html).toContain('2021-06-01');
  });
});
