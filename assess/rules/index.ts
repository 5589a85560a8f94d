/**
 * The rule registry: every rule, in a stable order. Adding a rule = adding its file and one line
 * here; test/assess/rules.test.ts checks every rule has all fields and a firing and non-firing case.
 */
import type { Rule } from './types';
import { rule as awsKey001 } from './aws-credentials/aa-aws-key-001';
import { rule as awsKey002 } from './aws-credentials/aa-aws-key-002';
import { rule as awsKey003 } from './aws-credentials/aa-aws-key-003';
import { rule as awsKey004 } from './aws-credentials/aa-aws-key-004';
import { rule as awsKey005 } from './aws-credentials/aa-aws-key-005';
import { rule as awsUser001 } from './aws-credentials/aa-aws-user-001';
import { rule as awsUser002 } from './aws-credentials/aa-aws-user-002';
import { rule as awsBrk001 } from './aws-credentials/aa-aws-brk-001';
import { rule as awsBrk002 } from './aws-credentials/aa-aws-brk-002';
import { rule as awsOidc001 } from './aws-trust/aa-aws-oidc-001';
import { rule as awsOidc002 } from './aws-trust/aa-aws-oidc-002';
import { rule as awsOidc003 } from './aws-trust/aa-aws-oidc-003';
import { rule as awsTrust001 } from './aws-trust/aa-aws-trust-001';
import { rule as awsTrust002 } from './aws-trust/aa-aws-trust-002';
import { rule as awsTrust003 } from './aws-trust/aa-aws-trust-003';
import { rule as awsPriv001 } from './aws-privilege/aa-aws-priv-001';
import { rule as awsPriv002 } from './aws-privilege/aa-aws-priv-002';
import { rule as awsPriv003 } from './aws-privilege/aa-aws-priv-003';
import { rule as awsPriv004 } from './aws-privilege/aa-aws-priv-004';
import { rule as awsPriv005 } from './aws-privilege/aa-aws-priv-005';
import { rule as awsPriv006 } from './aws-privilege/aa-aws-priv-006';
import { rule as awsPol001 } from './aws-privilege/aa-aws-pol-001';
import { rule as entSecret001 } from './entra-credentials/aa-ent-secret-001';
import { rule as entSecret002 } from './entra-credentials/aa-ent-secret-002';
import { rule as entCred001 } from './entra-credentials/aa-ent-cred-001';
import { rule as entCred002 } from './entra-credentials/aa-ent-cred-002';
import { rule as entCred003 } from './entra-credentials/aa-ent-cred-003';
import { rule as entCred004 } from './entra-credentials/aa-ent-cred-004';
import { rule as entFic001 } from './entra-credentials/aa-ent-fic-001';
import { rule as entPath001 } from './entra-privilege/aa-ent-path-001';
import { rule as entPath002 } from './entra-privilege/aa-ent-path-002';
import { rule as entPath003 } from './entra-privilege/aa-ent-path-003';
import { rule as entPath004 } from './entra-privilege/aa-ent-path-004';
import { rule as entPriv001 } from './entra-privilege/aa-ent-priv-001';
import { rule as entPriv002 } from './entra-privilege/aa-ent-priv-002';
import { rule as entConsent001 } from './entra-privilege/aa-ent-consent-001';
import { rule as ent3p001 } from './entra-privilege/aa-ent-3p-001';
import { rule as lifeDormant001 } from './lifecycle/aa-life-dormant-001';
import { rule as lifeOwner001 } from './lifecycle/aa-life-owner-001';
import { rule as lifeOwner002 } from './lifecycle/aa-life-owner-002';
import { rule as agtShared001 } from './agents/aa-agt-shared-001';
import { rule as agtShared002 } from './agents/aa-agt-shared-002';
import { rule as agtModel001 } from './agents/aa-agt-model-001';
import { rule as agtHuman001 } from './agents/aa-agt-human-001';
import { rule as agtPriv001 } from './agents/aa-agt-priv-001';

export const RULES: readonly Rule[] = Object.freeze([
  awsKey001,
  awsKey002,
  awsKey003,
  awsKey004,
  awsKey005,
  awsUser001,
  awsUser002,
  awsBrk001,
  awsBrk002,
  awsOidc001,
  awsOidc002,
  awsOidc003,
  awsTrust001,
  awsTrust002,
  awsTrust003,
  awsPriv001,
  awsPriv002,
  awsPriv003,
  awsPriv004,
  awsPriv005,
  awsPriv006,
  awsPol001,
  entSecret001,
  entSecret002,
  entCred001,
  entCred002,
  entCred003,
  entCred004,
  entFic001,
  entPath001,
  entPath002,
  entPath003,
  entPath004,
  entPriv001,
  entPriv002,
  entConsent001,
  ent3p001,
  lifeDormant001,
  lifeOwner001,
  lifeOwner002,
  agtShared001,
  agtShared002,
  agtModel001,
  agtHuman001,
  agtPriv001,
]);

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export type { Rule, RuleHit, AssessContext, RuleArea } from './types';
