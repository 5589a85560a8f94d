/** The identity list. Every value is rendered as text by React: names from tenants may be hostile. */
import type { IdentityRow } from '../../model/api';
import { formatCount, formatDate, KIND_LABELS, PROVIDER_LABELS } from './labels';

export function IdentityTable({ rows }: { rows: readonly IdentityRow[] }) {
  return (
    <table className="identities">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Provider</th>
          <th scope="col">Kind</th>
          <th scope="col">Account / tenant</th>
          <th scope="col" className="num">
            Credentials
          </th>
          <th scope="col" className="num">
            Grants
          </th>
          <th scope="col" className="num">
            Owners
          </th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="name" title={row.id}>
              {row.name}
            </td>
            <td>{PROVIDER_LABELS[row.provider]}</td>
            <td>{KIND_LABELS[row.kind]}</td>
            <td className="mono">{row.account}</td>
            <td className="num">{formatCount(row.credentialCount)}</td>
            <td className="num">{formatCount(row.grantCount)}</td>
            <td className="num">{formatCount(row.ownerCount)}</td>
            <td className="mono">{formatDate(row.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
