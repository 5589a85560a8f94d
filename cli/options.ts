import { InvalidArgumentError, Option } from 'commander';
import { identityKindSchema, providerSchema } from '../model/inventory';

export function parseIntOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}`);
    return n;
  };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function providerOption(): Option {
  return new Option('--provider <provider>', 'only this provider').choices(providerSchema.options);
}

export function kindOption(): Option {
  return new Option('--kind <kind>', 'only this kind of identity').choices(identityKindSchema.options);
}

export function parseDateOption(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new InvalidArgumentError('must be an ISO date such as 2026-11-26T00:00:00Z');
  return d;
}
