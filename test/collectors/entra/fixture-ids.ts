/** Object ids of the Contoso Research fixture (test/fixtures/entra/contoso). */
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/entra/contoso', import.meta.url));

export const IDS = {
  tenant: 'e9a283cd-7fd4-4754-8730-223dc9c04d27',
  vendorTenant: '06b7f05f-442c-4892-b98f-ec8df291762d',
  graphSp: '1c873272-f34f-42de-b9db-7122fdc97a9d',
  teamsSp: '155a076d-39a9-4eae-a086-cdd146c02665',
  ciApp: '46dbbfe2-a753-4c2b-b264-c7d22be41419',
  ciAppId: '33e0e2a0-c793-4687-ad9f-dcb753f7bbcd',
  ciSp: '68abfc58-af2f-4c8c-b91a-002ed87e4f80',
  miSp: '350c2427-e9bd-4f84-bacd-2aa6fa2cfeb7',
  miAppId: '6ee6d118-48f6-4368-8b89-1bee930952af',
  agentSp: '2abb42c4-ea59-4b27-a74f-53e4a109ba2c',
  blueprintApp: '212bec9f-0987-44c5-8a82-f412c3d35a75',
  blueprintAppId: 'd206a545-c47c-4aba-a4ea-d5df7fcc798a',
  blueprintSp: 'b4b0f06d-da9f-4d18-8ff9-a5587c058f90',
  acmeSp: '2fbcdd76-b53e-4a7f-b32f-b63fa7c778ea',
  acmeAppId: 'b46a9ae2-e76d-480a-8979-a131d5c6ef69',
  acmeRole: 'c5de051b-44ac-4376-b7b3-3f35cd0108ff',
  legacySp: 'd69d4ce1-abe9-4281-b79a-f5167038e392',
  hrApp: 'd787ce8d-881e-4c30-92e8-b73a69a354de',
  hrAppId: '252e8618-7062-47e8-892c-88104f52286f',
  alice: '3461f777-d36e-4326-bd43-3d2d32c81faa',
  bob: 'bc370702-7d8d-4a30-be15-ead81c3b2a99',
  carol: '7e78acf4-cca4-471d-a399-e77c83dafe3f',
  dave: '73fe019f-283e-4bb9-95bc-be797ba4eff7',
  eve: '156f093a-3047-44e7-b05e-0f6a0eb37289',
  ciSecretNoExpiry: '0497f151-b6e7-4671-a3fb-3a2f1c5e5f89',
  ciSecretExpired: '59a89cca-adb6-4e7b-ba66-0378c6f1a1e4',
  ciCert: 'e9b20217-a8e3-4a52-8cef-02edb8cb8a0b',
  hrSecret: '62de3074-695c-4e0e-84c1-ff3db25ccd1e',
  blueprintSecret: 'd4a546e1-ffc6-4409-9885-69709b329762',
  legacySigningKey: 'f7524c06-01f7-4597-a759-2814566817c4',
  ciFic: '4034e9bc-857a-45ec-be43-730b8aa10e13',
  blueprintFic: '63cdbd63-1da8-4855-a4b9-d10960ea3f96',
  unknownAppId: '0483df57-aa4a-4dc5-bb2b-f9cce74450e4',
} as const;

/** Microsoft Graph application permission ids (real, from the Graph service principal). */
export const GRAPH_ROLES = {
  'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
  'RoleManagement.ReadWrite.Directory': '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Mail.Send': 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
} as const;

export const GROUP_READ_ALL = '5b567255-7703-4780-807c-7be8301ae99b';
export const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
export const APPLICATION_ADMINISTRATOR = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
