/**
 * `generateDemo`: the Northwind Robotics demo tenant as raw provider files, in memory. Pure and
 * deterministic: the same seed, size and reference time give the same files, byte for byte.
 */
import { Clock } from './clock';
import { COMPANY, TENANT_DOMAIN } from './company';
import { generateAws } from './aws/generate-aws';
import { generateEntra } from './entra/generate-entra';
import { Rng } from './random';
import type { DemoOptions, DemoTenant } from './types';

/** Share of identities on the AWS side (roles, users, root users); the rest is Entra. */
const AWS_SHARE = 0.55;

/** What `agent-anchor demo` uses unless told otherwise. */
export const DEFAULT_DEMO_SIZE = 2000;
export const DEFAULT_DEMO_SEED = 20_251_120;

export function generateDemo(opts: DemoOptions): DemoTenant {
  if (!Number.isInteger(opts.seed)) throw new Error(`demo: seed must be an integer, got ${opts.seed}`);
  if (!Number.isInteger(opts.size) || opts.size < 1)
    throw new Error(`demo: size must be a positive integer, got ${opts.size}`);
  const clock = new Clock(opts.now);
  const rng = new Rng(opts.seed);
  const awsTarget = Math.round(opts.size * AWS_SHARE);
  const aws = generateAws(rng.fork('aws'), clock, awsTarget);
  const entra = generateEntra(rng.fork('entra'), clock, opts.size - awsTarget);
  return {
    aws: aws.files,
    entra: entra.files,
    info: { company: COMPANY, accounts: aws.accounts, tenantId: entra.tenantId, tenantDomain: TENANT_DOMAIN },
  };
}
