/**
 * Connect sources and start a scan: AWS (default credentials, a profile, an SSO profile or a role
 * to assume; one account or the whole organization), Entra ID (browser, device code, client secret,
 * certificate, Azure CLI or a supplied token) and the demo organization. Each shows the exact
 * read-only permissions it needs and can test its connection before the scan.
 */
import { useEffect, useState } from 'react';
import type {
  AwsAuthMode,
  AwsSource,
  ConnectionTest,
  EntraAuth,
  EntraSource,
  Permissions,
  ScanSources,
} from '../../../model/api';
import { DEMO_SIZE_MAX, DEMO_SIZE_MIN, ENTRA_OWN_APP_AUTHS } from '../../../model/api-limits';
import { useApp } from '../app-context';
import { CodeBlock, ErrorBox, Section } from '../components/common';
import { messageOf } from '../hooks';

const AWS_MODES: { value: AwsAuthMode; label: string; help: string }[] = [
  {
    value: 'default-chain',
    label: 'Default credentials',
    help: 'Environment variables, ~/.aws files, instance or container role.',
  },
  { value: 'profile', label: 'Named profile', help: 'A profile of ~/.aws/config or ~/.aws/credentials.' },
  {
    value: 'sso-profile',
    label: 'SSO profile',
    help: 'An IAM Identity Center profile: run `aws sso login --profile NAME` first.',
  },
  {
    value: 'role',
    label: 'Role to assume',
    help: 'Assume a read-only audit role (with the default credentials or a profile).',
  },
];

const ENTRA_AUTHS: { value: EntraAuth; label: string; help: string }[] = [
  {
    value: 'browser',
    label: 'Browser sign-in',
    help: 'Opens the system browser to sign in as a person (delegated permissions).',
  },
  {
    value: 'device-code',
    label: 'Device code',
    help: 'Shows a code to enter at microsoft.com/devicelogin, from any device.',
  },
  {
    value: 'client-secret',
    label: 'Client secret',
    help: 'An app registration with application permissions and a secret.',
  },
  {
    value: 'certificate',
    label: 'Certificate',
    help: 'An app registration with a certificate (PEM file with the private key).',
  },
  { value: 'azure-cli', label: 'Azure CLI', help: 'The account signed in with `az login`.' },
  { value: 'token', label: 'Access token', help: 'A Microsoft Graph access token the client handed over.' },
];

interface AwsForm {
  enabled: boolean;
  mode: AwsAuthMode;
  profile: string;
  roleArn: string;
  externalId: string;
  organization: boolean;
  orgRole: string;
  region: string;
  regions: string;
  lastAccessed: boolean;
}

interface EntraForm {
  enabled: boolean;
  tenant: string;
  auth: EntraAuth;
  clientId: string;
  certificatePath: string;
  cloud: 'global' | 'usgov' | 'usgov-dod' | 'china';
  clientSecret: string;
  accessToken: string;
  rememberSecret: boolean;
}

const INITIAL_AWS: AwsForm = {
  enabled: false,
  mode: 'default-chain',
  profile: '',
  roleArn: '',
  externalId: '',
  organization: false,
  orgRole: '',
  region: '',
  regions: '',
  lastAccessed: false,
};

const INITIAL_ENTRA: EntraForm = {
  enabled: false,
  tenant: '',
  auth: 'device-code',
  clientId: '',
  certificatePath: '',
  cloud: 'global',
  clientSecret: '',
  accessToken: '',
  rememberSecret: false,
};

const opt = (value: string) => (value.trim() === '' ? undefined : value.trim());

export function awsSourceOf(form: AwsForm): AwsSource {
  const regions = form.regions
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const source: AwsSource = { mode: form.mode };
  const profile = opt(form.profile);
  if (profile !== undefined && form.mode !== 'default-chain') source.profile = profile;
  const roleArn = opt(form.roleArn);
  if (form.mode === 'role' && roleArn !== undefined) source.roleArn = roleArn;
  const externalId = opt(form.externalId);
  if (externalId !== undefined) source.externalId = externalId;
  if (form.organization) {
    source.organization = true;
    const orgRole = opt(form.orgRole);
    if (orgRole !== undefined) source.orgRole = orgRole;
  }
  const region = opt(form.region);
  if (region !== undefined) source.region = region;
  if (regions.length > 0) source.regions = regions;
  if (form.lastAccessed) source.lastAccessed = true;
  return source;
}

export function entraSourceOf(form: EntraForm): EntraSource {
  const source: EntraSource = { tenant: form.tenant.trim(), auth: form.auth };
  const clientId = opt(form.clientId);
  if (clientId !== undefined && !ENTRA_OWN_APP_AUTHS.has(form.auth)) source.clientId = clientId;
  if (form.cloud !== 'global') source.cloud = form.cloud;
  if (form.auth === 'certificate') {
    const path = opt(form.certificatePath);
    if (path !== undefined) source.certificatePath = path;
  }
  if (form.auth === 'client-secret' && form.clientSecret !== '') {
    source.clientSecret = form.clientSecret;
    if (form.rememberSecret) source.rememberSecret = true;
  }
  if (form.auth === 'token' && form.accessToken !== '') source.accessToken = form.accessToken;
  return source;
}

export function ConnectScreen() {
  const { api, session, navigate } = useApp();
  const [aws, setAws] = useState<AwsForm>(INITIAL_AWS);
  const [entra, setEntra] = useState<EntraForm>(INITIAL_ENTRA);
  const [demo, setDemo] = useState({
    enabled: session.engagement?.scanCount === 0,
    size: 2000,
    latencyMs: 5,
  });
  const [remembered, setRemembered] = useState(false);
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let current = true;
    api.getSavedSources().then(
      (saved) => {
        if (!current) return;
        setRemembered(saved.rememberedSecret);
        if (saved.aws) {
          const a = saved.aws;
          setAws({
            ...INITIAL_AWS,
            mode: a.mode,
            profile: a.profile ?? '',
            roleArn: a.roleArn ?? '',
            externalId: a.externalId ?? '',
            organization: a.organization ?? false,
            orgRole: a.orgRole ?? '',
            region: a.region ?? '',
            regions: (a.regions ?? []).join(', '),
            lastAccessed: a.lastAccessed ?? false,
          });
        }
        if (saved.entra) {
          const e = saved.entra;
          setEntra({
            ...INITIAL_ENTRA,
            tenant: e.tenant,
            auth: e.auth,
            clientId: e.clientId ?? '',
            certificatePath: e.certificatePath ?? '',
            cloud: e.cloud ?? 'global',
          });
        }
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  const start = async () => {
    setError(undefined);
    const sources: ScanSources = {};
    if (aws.enabled) sources.aws = awsSourceOf(aws);
    if (entra.enabled) sources.entra = entraSourceOf(entra);
    if (demo.enabled) sources.demo = { size: demo.size, latencyMs: demo.latencyMs };
    setStarting(true);
    try {
      const { operationId } = await api.startScan({
        sources,
        ...(label.trim() !== '' ? { label: label.trim() } : {}),
      });
      navigate('scan', { operation: operationId });
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setStarting(false);
    }
  };

  const nothing = !aws.enabled && !entra.enabled && !demo.enabled;
  return (
    <div className="screen connect">
      <h1>Connect sources and scan</h1>
      <p className="muted">
        Every scan is read-only: the collectors can only send List, Get and Describe calls, and a test proves
        it.
      </p>
      <div className="source-grid">
        <Section
          title="AWS"
          actions={
            <Toggle
              label="Include AWS"
              checked={aws.enabled}
              onChange={(enabled) => setAws({ ...aws, enabled })}
            />
          }
        >
          <fieldset disabled={!aws.enabled}>
            <legend className="sr-only">AWS credentials</legend>
            {AWS_MODES.map((mode) => (
              <label key={mode.value} className="radio">
                <input
                  type="radio"
                  name="aws-mode"
                  value={mode.value}
                  checked={aws.mode === mode.value}
                  onChange={() => setAws({ ...aws, mode: mode.value })}
                />
                <span>
                  {mode.label} <span className="muted">{mode.help}</span>
                </span>
              </label>
            ))}
            {aws.mode !== 'default-chain' && (
              <label>
                Profile{aws.mode === 'role' ? ' (optional, for the first credentials)' : ''}
                <input
                  value={aws.profile}
                  onChange={(e) => setAws({ ...aws, profile: e.target.value })}
                  placeholder="audit"
                />
              </label>
            )}
            {aws.mode === 'role' && (
              <label>
                Role ARN
                <input
                  value={aws.roleArn}
                  onChange={(e) => setAws({ ...aws, roleArn: e.target.value })}
                  placeholder="arn:aws:iam::111122223333:role/AgentAnchorAudit"
                />
              </label>
            )}
            <label>
              External ID (optional)
              <input
                value={aws.externalId}
                onChange={(e) => setAws({ ...aws, externalId: e.target.value })}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={aws.organization}
                onChange={(e) => setAws({ ...aws, organization: e.target.checked })}
              />
              Scan the whole AWS Organization (from the management or delegated administrator account)
            </label>
            {aws.organization && (
              <label>
                Role in each account
                <input
                  value={aws.orgRole}
                  onChange={(e) => setAws({ ...aws, orgRole: e.target.value })}
                  placeholder="AgentAnchorAudit"
                />
              </label>
            )}
            <label>
              Home region (optional)
              <input
                value={aws.region}
                onChange={(e) => setAws({ ...aws, region: e.target.value })}
                placeholder="us-east-1"
              />
            </label>
            <label>
              Regions for Bedrock, AgentCore and Lambda (optional, comma-separated)
              <input
                value={aws.regions}
                onChange={(e) => setAws({ ...aws, regions: e.target.value })}
                placeholder="us-east-1, eu-west-1"
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={aws.lastAccessed}
                onChange={(e) => setAws({ ...aws, lastAccessed: e.target.checked })}
              />
              Read service last-accessed data (slower)
            </label>
          </fieldset>
          <ConnectionCheck
            test={() => api.testConnection({ source: { aws: awsSourceOf(aws) } })}
            disabled={!aws.enabled}
          />
          <PermissionsView provider="aws" orgCaller={aws.organization} />
        </Section>

        <Section
          title="Entra ID"
          actions={
            <Toggle
              label="Include Entra ID"
              checked={entra.enabled}
              onChange={(enabled) => setEntra({ ...entra, enabled })}
            />
          }
        >
          <fieldset disabled={!entra.enabled}>
            <legend className="sr-only">Entra ID sign-in</legend>
            <label>
              Tenant (id or domain)
              <input
                value={entra.tenant}
                onChange={(e) => setEntra({ ...entra, tenant: e.target.value })}
                placeholder="contoso.onmicrosoft.com"
              />
            </label>
            {ENTRA_AUTHS.map((auth) => (
              <label key={auth.value} className="radio">
                <input
                  type="radio"
                  name="entra-auth"
                  value={auth.value}
                  checked={entra.auth === auth.value}
                  onChange={() => setEntra({ ...entra, auth: auth.value })}
                />
                <span>
                  {auth.label} <span className="muted">{auth.help}</span>
                </span>
              </label>
            ))}
            {!ENTRA_OWN_APP_AUTHS.has(entra.auth) && (
              <label>
                Application (client) ID
                {entra.auth === 'client-secret' || entra.auth === 'certificate' ? '' : ' (optional)'}
                <input
                  value={entra.clientId}
                  onChange={(e) => setEntra({ ...entra, clientId: e.target.value })}
                />
              </label>
            )}
            {entra.auth === 'client-secret' && (
              <>
                <label>
                  Client secret
                  <input
                    type="password"
                    autoComplete="off"
                    value={entra.clientSecret}
                    onChange={(e) => setEntra({ ...entra, clientSecret: e.target.value })}
                    placeholder={remembered ? 'remembered on this computer' : ''}
                  />
                </label>
                {session.features.rememberSecrets ? (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={entra.rememberSecret}
                      onChange={(e) => setEntra({ ...entra, rememberSecret: e.target.checked })}
                    />
                    Remember the secret on this computer (encrypted by the OS keychain)
                  </label>
                ) : (
                  <p className="muted">The secret is used for this scan only and never stored.</p>
                )}
              </>
            )}
            {entra.auth === 'certificate' && (
              <label>
                Certificate file (PEM with the private key)
                <input
                  value={entra.certificatePath}
                  onChange={(e) => setEntra({ ...entra, certificatePath: e.target.value })}
                  placeholder="/path/to/agent-anchor.pem"
                />
              </label>
            )}
            {entra.auth === 'token' && (
              <label>
                Access token
                <input
                  type="password"
                  autoComplete="off"
                  value={entra.accessToken}
                  onChange={(e) => setEntra({ ...entra, accessToken: e.target.value })}
                />
              </label>
            )}
            <label>
              Cloud
              <select
                value={entra.cloud}
                onChange={(e) => setEntra({ ...entra, cloud: e.target.value as EntraForm['cloud'] })}
              >
                <option value="global">Global</option>
                <option value="usgov">US Government (GCC High)</option>
                <option value="usgov-dod">US Government (DoD)</option>
                <option value="china">China (21Vianet)</option>
              </select>
            </label>
          </fieldset>
          <ConnectionCheck
            test={() => api.testConnection({ source: { entra: entraSourceOf(entra) } })}
            disabled={!entra.enabled}
          />
          <PermissionsView provider="entra" orgCaller={false} />
        </Section>

        <Section
          title="Demo organization"
          actions={
            <Toggle
              label="Include the demo"
              checked={demo.enabled}
              onChange={(enabled) => setDemo({ ...demo, enabled })}
            />
          }
        >
          <p>
            Northwind Robotics, served by in-process emulators of AWS and Microsoft Graph and scanned with the
            real collector code: a way to see a scan without a client account.
          </p>
          <fieldset disabled={!demo.enabled}>
            <legend className="sr-only">Demo organization</legend>
            <label>
              Identities
              <input
                type="number"
                min={DEMO_SIZE_MIN}
                max={DEMO_SIZE_MAX}
                step={50}
                value={demo.size}
                onChange={(e) => setDemo({ ...demo, size: Number(e.target.value) })}
              />
            </label>
            <label>
              Emulated latency per call (ms)
              <input
                type="number"
                min={0}
                max={2000}
                value={demo.latencyMs}
                onChange={(e) => setDemo({ ...demo, latencyMs: Number(e.target.value) })}
              />
            </label>
          </fieldset>
        </Section>
      </div>
      <div className="start-scan card">
        <label>
          Scan label (optional)
          <input
            value={label}
            maxLength={200}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="Quarterly review"
          />
        </label>
        <button type="button" className="primary" disabled={nothing || starting} onClick={() => void start()}>
          Start scan
        </button>
        <ErrorBox error={error} />
      </div>
    </div>
  );
}

function Toggle({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function ConnectionCheck({ test, disabled }: { test: () => Promise<ConnectionTest>; disabled: boolean }) {
  const [result, setResult] = useState<ConnectionTest>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="connection-check">
      <button
        type="button"
        disabled={disabled || busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          setResult(undefined);
          test()
            .then(setResult, (reason: unknown) => setError(messageOf(reason)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Testing…' : 'Test connection'}
      </button>
      <div aria-live="polite">
        {result && (
          <div className={result.ok ? 'ok' : 'error'} role={result.ok ? 'status' : 'alert'}>
            {result.message}
            {result.details.length > 0 && (
              <ul>
                {result.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <ErrorBox error={error} />
      </div>
    </div>
  );
}

function PermissionsView({ provider, orgCaller }: { provider: 'aws' | 'entra'; orgCaller: boolean }) {
  const { api } = useApp();
  const [scan, setScan] = useState<Permissions>();
  const [caller, setCaller] = useState<Permissions>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let current = true;
    api.getPermissions({ provider }).then(
      (p) => current && setScan(p),
      (reason: unknown) => current && setError(messageOf(reason)),
    );
    if (orgCaller) {
      api.getPermissions({ provider, orgCaller: true }).then(
        (p) => current && setCaller(p),
        (reason: unknown) => current && setError(messageOf(reason)),
      );
    }
    return () => {
      current = false;
    };
  }, [api, provider, orgCaller]);
  return (
    <details className="permissions">
      <summary>Read-only permissions this needs</summary>
      <ErrorBox error={error} />
      {[scan, orgCaller ? caller : undefined].map(
        (p) =>
          p && (
            <div key={p.title}>
              <h3>{p.title}</h3>
              <CodeBlock text={p.text} label={p.format === 'json' ? 'policy' : 'permission list'} />
              <ul className="muted">
                {p.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          ),
      )}
    </details>
  );
}
