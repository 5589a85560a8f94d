/** Set the triage status and note of one finding (or of many: the findings screen's bulk bar). */
import { useState } from 'react';
import type { Triage } from '../../../model/api';
import type { TriageStatus } from '../../../model/findings';
import { formatDateTime, TRIAGE_LABELS } from '../labels';

export const TRIAGE_STATUSES: readonly TriageStatus[] = ['open', 'accepted-risk', 'false-positive', 'fixed'];

export function TriageControl({
  findingKey,
  triage,
  onSave,
  disabled,
}: {
  findingKey: string;
  triage: Triage | undefined;
  onSave: (status: TriageStatus, note: string) => Promise<void>;
  disabled?: boolean;
}) {
  const [status, setStatus] = useState<TriageStatus>(triage?.status ?? 'open');
  const [note, setNote] = useState(triage?.note ?? '');
  const [saving, setSaving] = useState(false);
  const changed = status !== (triage?.status ?? 'open') || note !== (triage?.note ?? '');
  const idBase = `triage-${hash(findingKey)}`;
  return (
    <form
      className="triage"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void onSave(status, note).finally(() => setSaving(false));
      }}
    >
      <label htmlFor={`${idBase}-status`}>Triage</label>
      <select
        id={`${idBase}-status`}
        value={status}
        disabled={disabled}
        onChange={(event) => setStatus(event.target.value as TriageStatus)}
      >
        {TRIAGE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {TRIAGE_LABELS[s]}
          </option>
        ))}
      </select>
      <label htmlFor={`${idBase}-note`} className="sr-only">
        Note
      </label>
      <input
        id={`${idBase}-note`}
        value={note}
        maxLength={4000}
        disabled={disabled}
        placeholder="Note (why, who agreed, ticket)"
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="submit" className="small" disabled={disabled || saving || !changed}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      {triage && (
        <span className="muted small">
          {TRIAGE_LABELS[triage.status]} by {triage.author}, {formatDateTime(triage.updatedAt)}
        </span>
      )}
    </form>
  );
}

/** A short stable id fragment for a finding key (keys hold characters ids cannot). */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i += 1) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
