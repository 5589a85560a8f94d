/**
 * Engagement settings: the assessment thresholds and weights, suppressions (always listed, never
 * hidden), and the report branding. Changes to thresholds, weights and suppressions apply at the
 * next assessment; "Re-assess" runs it on the latest scan now.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Branding, SettingsView } from '../../../model/api';
import type { ScoreWeights, Thresholds } from '../../../model/assess';
import { useApp } from '../app-context';
import { Empty, ErrorBox, Loading, Section, Unavailable } from '../components/common';
import { OperationProgress } from '../components/operation-progress';
import { messageOf, useLoad, useOperation } from '../hooks';
import { formatDate } from '../labels';

const THRESHOLDS: { key: keyof Thresholds; label: string }[] = [
  { key: 'keyMaxAgeDays', label: 'Access key maximum age (days)' },
  { key: 'keyUnusedDays', label: 'Access key unused for (days)' },
  { key: 'neverUsedGraceDays', label: 'Grace before "never used" (days)' },
  { key: 'secretMaxLifetimeDays', label: 'Secret or certificate maximum lifetime (days)' },
  { key: 'expiringWithinDays', label: 'Report credentials expiring within (days)' },
  { key: 'dormantDays', label: 'Dormant after (days without use)' },
  { key: 'bedrockKeyMaxLifetimeDays', label: 'Bedrock API key maximum lifetime (days)' },
];

const WEIGHTS: { key: keyof ScoreWeights; label: string; step: number }[] = [
  { key: 'critical', label: 'Critical finding (points)', step: 1 },
  { key: 'high', label: 'High finding (points)', step: 1 },
  { key: 'medium', label: 'Medium finding (points)', step: 1 },
  { key: 'low', label: 'Low finding (points)', step: 1 },
  { key: 'info', label: 'Info finding (points)', step: 1 },
  { key: 'agentMultiplier', label: 'Multiplier for agents', step: 0.05 },
  { key: 'likelyAgentMultiplier', label: 'Multiplier for likely agents', step: 0.05 },
];

const LOGO_MAX_BYTES = 300 * 1024;

export function SettingsScreen() {
  const { api, session } = useApp();
  const loaded = useLoad(() => api.getSettings(), [api]);
  const [settings, setSettings] = useState<SettingsView>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [operationId, setOperationId] = useState<string>();
  const { state } = useOperation(api, operationId, () => loaded.reload());
  useEffect(() => {
    if (loaded.data) setSettings(loaded.data);
  }, [loaded.data]);

  const save = async (what: string, action: () => Promise<SettingsView>) => {
    setError(undefined);
    setSaved(undefined);
    try {
      setSettings(await action());
      setSaved(what);
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  if (!settings) return loaded.error ? <ErrorBox error={loaded.error} /> : <Loading />;
  return (
    <div className="screen settings">
      <h1>Settings</h1>
      <ErrorBox error={error} />
      {saved !== undefined && (
        <p className="ok" role="status">
          Saved: {saved}.
        </p>
      )}
      {session.features.assess ? (
        <>
          <Section
            title="Assessment"
            actions={
              <button
                type="button"
                disabled={state?.status === 'running'}
                onClick={() =>
                  void api.startAssessment({}).then(
                    (ref) => setOperationId(ref.operationId),
                    (reason: unknown) => setError(messageOf(reason)),
                  )
                }
              >
                Re-assess the latest scan
              </button>
            }
          >
            {state && <OperationProgress state={state} />}
            <NumberForm
              legend="Thresholds"
              fields={THRESHOLDS.map((t) => ({ ...t, step: 1, value: settings.thresholds[t.key] }))}
              onSave={(values) => save('thresholds', () => api.saveSettings({ thresholds: values }))}
            />
            <NumberForm
              legend="Score weights"
              fields={WEIGHTS.map((w) => ({ ...w, value: settings.weights[w.key] }))}
              onSave={(values) => save('weights', () => api.saveSettings({ weights: values }))}
            />
            <p className="muted">New thresholds and weights apply when a scan is (re-)assessed.</p>
          </Section>
          <Suppressions settings={settings} onChange={save} />
        </>
      ) : (
        <Unavailable what="The assessment" />
      )}
      <BrandingForm
        branding={settings.branding}
        onSave={(b) => save('report branding', () => api.saveSettings({ branding: b }))}
      />
    </div>
  );
}

function NumberForm<K extends string>({
  legend,
  fields,
  onSave,
}: {
  legend: string;
  fields: { key: K; label: string; step: number; value: number }[];
  onSave: (values: Record<K, number>) => Promise<void>;
}) {
  const [values, setValues] = useState(
    () => Object.fromEntries(fields.map((f) => [f.key, String(f.value)])) as Record<K, string>,
  );
  const invalid = fields.some(
    (f) => values[f.key] === '' || !Number.isFinite(Number(values[f.key])) || Number(values[f.key]) < 0,
  );
  return (
    <form
      className="number-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = Object.fromEntries(fields.map((f) => [f.key, Number(values[f.key])])) as Record<
          K,
          number
        >;
        void onSave(parsed);
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        {fields.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              min={0}
              step={f.step}
              value={values[f.key]}
              onChange={(event) => setValues({ ...values, [f.key]: event.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={invalid}>
        Save {legend.toLowerCase()}
      </button>
    </form>
  );
}

function Suppressions({
  settings,
  onChange,
}: {
  settings: SettingsView;
  onChange: (what: string, action: () => Promise<SettingsView>) => Promise<void>;
}) {
  const { api } = useApp();
  const [scope, setScope] = useState<'rule' | 'identity' | 'tag'>('rule');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  if (!settings.suppressionsAvailable) return <Unavailable what="Suppressions" />;
  return (
    <Section title={`Suppressions (${settings.suppressions.length})`}>
      {settings.suppressions.length === 0 ? (
        <Empty>No suppression: every finding counts.</Empty>
      ) : (
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Value</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.suppressions.map((s) => (
              <tr key={s.id} className={s.expired ? 'expired' : undefined}>
                <td>{s.scope}</td>
                <td className="mono small">{s.value}</td>
                <td>{s.reason}</td>
                <td>{s.author}</td>
                <td>
                  {s.expiresAt !== undefined ? formatDate(s.expiresAt) : 'never'}
                  {s.expired ? ' (expired)' : ''}
                </td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      void onChange('suppression removed', () => api.removeSuppression({ id: s.id }))
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          void onChange('suppression added', () =>
            api.addSuppression({
              scope,
              value: value.trim(),
              reason: reason.trim(),
              ...(expires !== '' ? { expiresAt: `${expires}T00:00:00.000Z` } : {}),
            }),
          ).then(() => {
            setValue('');
            setReason('');
          });
        }}
      >
        <label>
          Scope
          <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
            <option value="rule">Rule</option>
            <option value="identity">Identity</option>
            <option value="tag">Tag</option>
          </select>
        </label>
        <label>
          {scope === 'rule' ? 'Rule id' : scope === 'identity' ? 'Identity id' : 'Tag (key or key=value)'}
          <input required value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label>
          Reason
          <input required value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label>
          Expires (optional)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <button type="submit" disabled={value.trim() === '' || reason.trim() === ''}>
          Add suppression
        </button>
      </form>
    </Section>
  );
}

function BrandingForm({
  branding,
  onSave,
}: {
  branding: Branding;
  onSave: (b: Partial<Record<keyof Branding, string>>) => Promise<void>;
}) {
  const [consultancy, setConsultancy] = useState(branding.consultancy ?? '');
  const [clientName, setClientName] = useState(branding.clientName ?? '');
  const [logo, setLogo] = useState<string | undefined>(branding.logo);
  const [logoError, setLogoError] = useState<string>();
  return (
    <Section title="Report branding">
      <form
        className="number-form branding"
        onSubmit={(event) => {
          event.preventDefault();
          void onSave({ consultancy, clientName, logo: logo ?? '' });
        }}
      >
        <Field label="Consultancy (cover and running header)">
          <input value={consultancy} maxLength={200} onChange={(e) => setConsultancy(e.target.value)} />
        </Field>
        <Field label="Client name in the report (default: the engagement's)">
          <input value={clientName} maxLength={200} onChange={(e) => setClientName(e.target.value)} />
        </Field>
        <Field label="Cover logo (PNG, JPEG or SVG, at most 300 kB)">
          <input
            type="file"
            accept="image/png,image/jpeg,image/svg+xml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setLogoError(undefined);
              if (!file) return;
              if (file.size > LOGO_MAX_BYTES) {
                setLogoError('The logo is larger than 300 kB.');
                return;
              }
              const reader = new FileReader();
              reader.onload = () => setLogo(typeof reader.result === 'string' ? reader.result : undefined);
              reader.readAsDataURL(file);
            }}
          />
        </Field>
        <p className="muted small">
          {logo !== undefined ? `Logo set (${Math.round((logo.length * 3) / 4 / 1024)} kB).` : 'No logo.'}{' '}
          {logo !== undefined && (
            <button type="button" className="small" onClick={() => setLogo(undefined)}>
              Remove logo
            </button>
          )}
        </p>
        <ErrorBox error={logoError} />
        <button type="submit">Save branding</button>
      </form>
    </Section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label>
      {label}
      {children}
    </label>
  );
}
