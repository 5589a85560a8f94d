import { aiRmf, asi, euAiAct, nhi } from '../../frameworks';
import { matchedActions, MODEL_USE_ACTIONS } from '../../classify/aws-signals';
import { rowsOf } from '../../inventory-index';
import { asList } from '../../util/aws-policy';
import type { AwsPolicyGrant } from '../../../model/inventory';
import { grantEvidence, isAgent } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-AGT-MODEL-001',
  title: 'Agent may invoke any model',
  severity: 'low',
  area: 'agents',
  rationale:
    'An agent that may call every foundation model, inference profile and endpoint in the account can switch to models that were never evaluated for its task (or that cost far more), and a hijacked agent can use the account as a free model gateway. Scoping model access to the approved model ARNs is cheap.',
  remediation:
    'Replace `Resource: "*"` on the model actions with the approved model or inference profile ARNs, e.g. `arn:aws:bedrock:<region>::foundation-model/<model-id>`, and apply with `aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://policy.json`.',
  references: [
    'https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html',
  ],
  frameworks: [asi(2), asi(3), nhi(5), aiRmf('MEASURE 2.7'), euAiAct(15)],
  appliesTo: { providers: ['aws'] },
  evaluate(ctx, identity) {
    if (!isAgent(ctx, identity)) return [];
    const grants = rowsOf(ctx.index.grants, identity.id).filter(
      (g): g is AwsPolicyGrant => g.kind === 'aws-policy-statement',
    );
    const hits = matchedActions(grants, MODEL_USE_ACTIONS).filter((h) =>
      asList(h.grant.statement.Resource).includes('*'),
    );
    if (hits.length === 0) return [];
    const actions = [...new Set(hits.flatMap((h) => h.actions))].sort();
    return [
      {
        discriminator: 'any-model',
        message: `${identity.name} may call ${actions.join(', ')} on every model (Resource "*")`,
        evidence: hits.map((h) =>
          grantEvidence(
            h.grant,
            `${h.grant.policyName} statement ${h.grant.statementIndex} allows ${h.actions.join(', ')} on *`,
          ),
        ),
      },
    ];
  },
};
