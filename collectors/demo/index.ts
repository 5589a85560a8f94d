/**
 * The demo tenant generator: Northwind Robotics as raw AWS and Microsoft Graph export files,
 * exactly what the offline import reads (docs/import-formats.md).
 */
export { generateDemo, DEFAULT_DEMO_SIZE, DEFAULT_DEMO_SEED } from './generate';
export {
  writeDemoFiles,
  pageAuthorizationDetails,
  pageGraphCollection,
  GRAPH_PAGE_SIZE,
  AUTH_DETAILS_PAGE_SIZE,
} from './write';
export { CREDENTIAL_REPORT_COLUMNS } from './aws/credential-report';
export type {
  AuthorizationDetails,
  AwsAccountFiles,
  DemoAccountInfo,
  DemoOptions,
  DemoTenant,
  GraphCollection,
  JsonObject,
} from './types';
