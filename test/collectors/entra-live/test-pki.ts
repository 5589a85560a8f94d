/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1, made with the openssl
 * CLI, so the emulator can serve HTTPS (MSAL refuses an http authority) and the CLI child process
 * can trust it through NODE_EXTRA_CA_CERTS without any client being told to skip certificate checks.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

/** A self-signed certificate valid two days: `<name>.key` and `<name>.pem` in `dir`. */
export async function selfSigned(dir: string, name: string, commonName: string): Promise<void> {
  await openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
  ]);
}

export interface TestPki {
  /** PEM key and certificate for the emulator's `tls` option. */
  tls: { key: string; cert: string };
  /** The CA certificate file, for NODE_EXTRA_CA_CERTS. */
  caPath: string;
}

/** Writes ca.pem, server.key and server.pem into `dir` (valid two days). */
export async function makeTestPki(dir: string): Promise<TestPki> {
  await writeFile(
    join(dir, 'server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n',
  );
  await selfSigned(dir, 'ca', 'Agent Anchor Test CA');
  await openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  ]);
  return {
    tls: {
      key: await readFile(join(dir, 'server.key'), 'utf8'),
      cert: await readFile(join(dir, 'server.pem'), 'utf8'),
    },
    caPath: join(dir, 'ca.pem'),
  };
}
