/**
 * `agent-anchor scan` and `agent-anchor permissions aws` as a consultant runs them: the real binary
 * in a child process, credentials from the environment or a named profile, Ctrl-C storing a partial
 * scan, and one-line reasons for options that do not fit together.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsScanPolicy } from '../../../collectors/aws/live';
import { startAwsEmulator, type AwsEmulator } from '../../../collectors/emulators/aws';
import { main } from '../../../cli/program';
import { openEngagement } from '../../../db';
import {
  bulkAccount,
  CALLER_KEY,
  FIXTURE_ACCOUNT,
  fixtureAccount,
  seedOf,
} from '../../emulators/helpers/seeds';

const BIN = fileURLToPath(new URL('../../../bin/agent-anchor.mjs', import.meta.url));
const TEMPLATE = fileURLToPath(
  new URL('../../../cloudformation/agent-anchor-audit-role.yaml', import.meta.url),
);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command line in this process (fast): exit code and what it wrote. */
async function inProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The real binary in a child process, without blocking this one (the emulator answers from here). */
function cli(
  args: string[],
  opts: { env?: Record<string, string>; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        NO_COLOR: '1',
        ...opts.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    opts.onSpawn?.(child);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let emulator: AwsEmulator | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-scan-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('agent-anchor permissions aws', () => {
  it('prints the minimal policy and the audit role template', async () => {
    const policy = await inProcess(['permissions', 'aws']);
    expect(policy.code).toBe(0);
    expect(JSON.parse(policy.stdout)).toEqual(awsScanPolicy());
    const caller = await inProcess(['permissions', 'aws', '--org-caller', '--org-role', 'Reader']);
    expect(JSON.parse(caller.stdout).Statement[1].Resource).toBe('arn:*:iam::*:role/Reader');
    const template = await inProcess(['permissions', 'aws', '--cloudformation']);
    expect(template.stdout).toBe(readFileSync(TEMPLATE, 'utf8'));
    const bad = await inProcess(['permissions', 'gcp']);
    expect(bad.code).toBe(2);
  });
});

describe('agent-anchor scan --aws', () => {
  it('scans with environment keys through the default credential chain', async () => {
    emulator = await startAwsEmulator(
      seedOf([fixtureAccount()], { regions: ['eu-central-1', 'eu-west-1', 'us-east-1'] }),
    );
    const file = join(dir, 'env.anchor');
    const r = await cli(
      [
        'scan',
        '--out',
        file,
        '--aws',
        '--aws-org',
        '--aws-endpoint',
        emulator.endpoint,
        '--aws-regions',
        'eu-central-1,eu-west-1,us-east-1',
        '--json',
      ],
      {
        env: {
          AWS_ACCESS_KEY_ID: CALLER_KEY,
          AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
          AWS_REGION: 'eu-west-1',
        },
      },
    );
    expect(r.stderr).not.toMatch(/agent-anchor:|Warning/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      scanId: number;
      status: string;
      counts: { identities: number };
      stats: { aws: { accounts: number } };
    };
    expect(result).toMatchObject({ scanId: 1, stats: { aws: { accounts: 1 } } });
    expect(result.counts.identities).toBe(10);
    // Every request carried the environment's key and the chosen home region for STS.
    expect(new Set(emulator.requests.filter((r) => r.service === 'sts').map((r) => r.region))).toEqual(
      new Set(['eu-west-1']),
    );
  });

  it('scans with a named profile that assumes a role, from the shared config files', async () => {
    emulator = await startAwsEmulator(
      seedOf([fixtureAccount(), bulkAccount('222233334444', { roles: 4, users: 1, functions: 0 })], {
        org: false,
      }),
    );
    writeFileSync(
      join(dir, 'credentials'),
      `[auditor]\naws_access_key_id = ${CALLER_KEY}\naws_secret_access_key = x\n`,
    );
    writeFileSync(join(dir, 'config'), '[profile auditor]\nregion = us-east-1\n');
    const r = await cli(
      [
        'scan',
        '--out',
        join(dir, 'profile.anchor'),
        '--aws',
        '--aws-profile',
        'auditor',
        '--aws-role-arn',
        'arn:aws:iam::222233334444:role/AgentAnchorAudit',
        '--aws-endpoint',
        emulator.endpoint,
        '--aws-regions',
        'us-east-1',
      ],
      {
        env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created .*profile\.anchor: scan 1 \(complete\) with 6 identities/);
    expect(r.stdout).toContain('aws: 1 account(s)');
    expect(
      emulator.requests.filter((x) => x.service === 'iam').every((x) => x.account === '222233334444'),
    ).toBe(true);
  });

  it('stops on Ctrl-C and stores what was read as a partial scan', async () => {
    emulator = await startAwsEmulator(
      seedOf([bulkAccount(FIXTURE_ACCOUNT, { roles: 150, users: 5, functions: 0 })], {
        org: false,
        regions: ['us-east-1'],
      }),
      {
        latencyMs: 40,
        tuning: { maxPageItems: 5 },
      },
    );
    const file = join(dir, 'cancel.anchor');
    let sent = false;
    let timer: NodeJS.Timeout | undefined;
    const r = await cli(
      ['scan', '--out', file, '--aws', '--aws-endpoint', emulator.endpoint, '--aws-regions', 'us-east-1'],
      {
        env: { AWS_ACCESS_KEY_ID: CALLER_KEY, AWS_SECRET_ACCESS_KEY: 'x' },
        // Ctrl-C once three pages of the authorization details have been asked for.
        onSpawn: (child) => {
          timer = setInterval(() => {
            if (
              !sent &&
              (emulator?.requests.filter((q) => q.action === 'GetAccountAuthorizationDetails').length ?? 0) >=
                3
            ) {
              sent = true;
              child.kill('SIGINT');
            }
          }, 10);
        },
      },
    );
    clearInterval(timer);
    expect(sent).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('agent-anchor: cancelling, storing what was read so far');
    expect(r.stderr).toMatch(/agent-anchor: scan cancelled: what was read is stored as partial scan 1\n$/);
    const db = openEngagement(file, { readonly: true });
    try {
      expect(db.getScan(1).status).toBe('partial');
      expect(db.getScan(1).counts.identities).toBeLessThan(156);
    } finally {
      db.close();
    }
  });

  it('refuses options that do not fit together, with the reason', async () => {
    const out = join(dir, 'never.anchor');
    const cases: [string[], string][] = [
      [['--aws-org'], '--aws-org needs --aws'],
      [['--aws', '--aws-org-role', 'X'], '--aws-org-role needs --aws-org'],
      [['--aws', '--aws-external-id', 'x'], '--aws-external-id needs --aws-role-arn or --aws-org'],
      [['--aws', '--aws-endpoint', 'ftp://example.com'], '--aws-endpoint must be an http(s) URL'],
      [['--aws', '--aws-role-arn', 'arn:aws:iam::1:user/x'], '--aws-role-arn must be a role ARN'],
      [['--aws', '--aws-region', 'mars-1'], '--aws-region: "mars-1" is not a region name'],
    ];
    for (const [args, reason] of cases) {
      const r = await inProcess(['scan', '--out', out, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`agent-anchor: ${reason}`);
    }
    expect(() => openEngagement(out, { readonly: true })).toThrow(/no such engagement file/);
  });
});
