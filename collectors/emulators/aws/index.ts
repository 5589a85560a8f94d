/**
 * An AWS emulator speaking the real wire protocols (Query, JSON 1.1, REST-JSON) on 127.0.0.1, for
 * tests, the bench and the app's "demo organization" scan. Not a test-only module: the app uses it.
 */
export {
  startAwsEmulator,
  parseAuthorization,
  EMULATOR_SECRET_ACCESS_KEY,
  type AwsEmulator,
  type AwsEmulatorOptions,
} from './server';
export {
  emulatorSeedFromDemo,
  emulatedAccountFromFiles,
  regionsOf,
  DEMO_AUDIT_ROLE,
  DEMO_ACCESS_KEY_ID,
} from './seed-demo';
export { derivedAccessKeyId } from './state';
export { FaultInjector } from './faults';
export type * from './types';
