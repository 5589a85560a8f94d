import { describe, expect, it } from 'vitest';
import { classifyIdentity } from '../../assess/classify';
import { indexInventory } from '../../assess/inventory-index';
import type { Inventory, Identity } from '../../model/inventory';
import {
  ACCOUNT,
  appRole,
  awsRole,
  awsTrust,
  awsUser,
  bedrockKey,
  entraApp,
  entraSp,
  inventory,
  statement,
  workload,
} from './fixtures';

function classify(inv: Inventory, identity: Identity) {
  return classifyIdentity(identity, indexInventory(inv));
}

describe('AWS agent classification', () => {
  it('a role trusted by bedrock.amazonaws.com is an agent (strong)', () => {
    const r = awsRole('kb-ingest');
    const c = classify(
      inventory({ identities: [r], trusts: [awsTrust(r, 'Service', 'bedrock.amazonaws.com')] }),
      r,
    );
    expect(c.agent).toBe('yes');
    expect(c.confidence).toBeGreaterThanOrEqual(0.9);
    expect(c.signals[0]).toMatchObject({ signal: 'aws-trust-bedrock', strength: 'strong' });
  });

  it('a role trusted by bedrock-agentcore and sagemaker is an agent', () => {
    const a = awsRole('runtime');
    const s = awsRole('notebook');
    const inv = inventory({
      identities: [a, s],
      trusts: [
        awsTrust(a, 'Service', 'bedrock-agentcore.amazonaws.com'),
        awsTrust(s, 'Service', 'sagemaker.amazonaws.com'),
      ],
    });
    expect(classify(inv, a).agent).toBe('yes');
    expect(classify(inv, s).agent).toBe('yes');
  });

  it('the execution role of an AgentCore runtime is an agent, found by roleArn too', () => {
    const r = awsRole('custom-name');
    const w = { ...workload(r, 'agentcore-runtime', 'orders'), identityId: undefined };
    const c = classify(inventory({ identities: [r], workloads: [w] }), r);
    expect(c.agent).toBe('yes');
    expect(c.signals.map((s) => s.ref)).toContain(w.id);
  });

  it('a Lambda role that invokes models is a likely agent; with agent orchestration actions it is an agent', () => {
    const plain = awsRole('summariser-lambda');
    const orchestrating = awsRole('router-lambda');
    const inv = inventory({
      identities: [plain, orchestrating],
      trusts: [
        awsTrust(plain, 'Service', 'lambda.amazonaws.com'),
        awsTrust(orchestrating, 'Service', 'lambda.amazonaws.com'),
      ],
      grants: [
        statement(plain, { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }),
        statement(orchestrating, {
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeAgent', 'bedrock:Retrieve'],
          Resource: '*',
        }),
      ],
    });
    const p = classify(inv, plain);
    expect(p.agent).toBe('likely');
    expect(p.signals.map((s) => s.signal)).toEqual(
      expect.arrayContaining(['aws-model-use', 'aws-trust-compute']),
    );
    expect(classify(inv, orchestrating).agent).toBe('yes');
  });

  it('wildcard actions count (bedrock:Invoke*), but "*" makes an admin, not an agent', () => {
    const wild = awsRole('genai-app');
    const admin = awsRole('legacy-admin');
    const inv = inventory({
      identities: [wild, admin],
      grants: [
        statement(wild, { Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: '*' }),
        statement(admin, { Effect: 'Allow', Action: '*', Resource: '*' }),
      ],
    });
    expect(classify(inv, wild).agent).toBe('yes'); // InvokeModel and InvokeAgent both match
    expect(classify(inv, admin).agent).toBe('no');
  });

  it('a user holding a Bedrock API key is an agent identity', () => {
    const u = awsUser('BedrockAPIKey-x7k2');
    const c = classify(inventory({ identities: [u], credentials: [bedrockKey(u)] }), u);
    expect(c.agent).toBe('yes');
    expect(c.signals.map((s) => s.signal)).toEqual(
      expect.arrayContaining(['aws-bedrock-api-key', 'aws-bedrock-api-key-user']),
    );
  });

  it('names and tags are weak: one alone is no, two are likely, never yes', () => {
    const named = awsRole('support-agent-role');
    const tagged = awsRole('support-agent-role-2', { tags: { workload: 'genai' } });
    const inv = inventory({ identities: [named, tagged] });
    const n = classify(inv, named);
    expect(n.agent).toBe('no');
    expect(n.signals).toEqual([expect.objectContaining({ signal: 'name-agent-word', strength: 'weak' })]);
    const t = classify(inv, tagged);
    expect(t.agent).toBe('likely');
    expect(t.confidence).toBeLessThan(0.5);
  });

  it('service-linked roles are recognised and say why', () => {
    const slr = awsRole('AWSServiceRoleForBedrockAgentCoreRuntimeIdentity', {
      nativeId: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/runtime-identity.bedrock-agentcore.amazonaws.com/AWSServiceRoleForBedrockAgentCoreRuntimeIdentity`,
      attributes: {
        path: '/aws-service-role/runtime-identity.bedrock-agentcore.amazonaws.com/',
        serviceLinked: true,
      },
    });
    const c = classify(
      inventory({ identities: [slr], trusts: [awsTrust(slr, 'Service', 'bedrock-agentcore.amazonaws.com')] }),
      slr,
    );
    expect(c).toMatchObject({ agent: 'no', providerManaged: 'aws' });
    expect(c.signals[0]?.strength).toBe('exclusion');
  });

  it('an ordinary workload role is not an agent', () => {
    const r = awsRole('orders-api');
    const inv = inventory({
      identities: [r],
      trusts: [awsTrust(r, 'Service', 'ecs-tasks.amazonaws.com')],
      grants: [
        statement(r, {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
        }),
      ],
    });
    const c = classify(inv, r);
    expect(c.agent).toBe('no');
    expect(c.confidence).toBeGreaterThan(0.8);
  });
});

describe('Entra agent classification', () => {
  it('agent identities, blueprints and blueprint principals are agents', () => {
    const kinds = [
      'entra-agent-identity',
      'entra-agent-blueprint',
      'entra-agent-blueprint-principal',
    ] as const;
    for (const kind of kinds) {
      const i = { ...entraSp('Agent', `obj-${kind}`), kind };
      const c = classify(inventory({ identities: [i] }), i);
      expect(c.agent, kind).toBe('yes');
      expect(c.signals[0]).toMatchObject({ signal: 'entra-agent-object', strength: 'strong' });
    }
  });

  it('an app with Copilot interaction permissions is a likely agent, and its app registration too', () => {
    const sp = entraSp('Meeting Notes Bot', 'sp-notes');
    const app = entraApp('Meeting Notes Bot', 'app-notes', sp);
    const inv = inventory({
      identities: [sp, app],
      grants: [appRole(sp, 'OnlineMeetingAiInsight.Read.All')],
    });
    // One medium signal (the permission) plus a weak one (the name) stays `likely`.
    const c = classify(inv, sp);
    expect(c.agent).toBe('likely');
    expect(c.signals.map((s) => s.signal)).toEqual(['entra-agent-permission', 'name-agent-word']);
    expect(classify(inv, app).agent).toBe('likely');
    expect(classify(inv, app).signals.map((s) => s.signal)).toContain('entra-agent-permission');
  });

  it('a permission on Azure OpenAI alone makes a likely agent', () => {
    const sp = entraSp('Claims Processor', 'sp-claims');
    const inv = inventory({ identities: [sp], grants: [appRole(sp, 'user_impersonation', 'Azure OpenAI')] });
    const c = classify(inv, sp);
    expect(c.agent).toBe('likely');
    expect(c.signals[0]?.summary).toContain('Azure OpenAI');
  });

  it("Microsoft first-party service principals are not the client's agents", () => {
    const copilot = entraSp(
      'Microsoft 365 Copilot',
      'sp-m365-copilot',
      {},
      {
        appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
        firstParty: true,
      },
    );
    const c = classify(
      inventory({ identities: [copilot], grants: [appRole(copilot, 'AiEnterpriseInteraction.Read.All')] }),
      copilot,
    );
    expect(c).toMatchObject({ agent: 'no', providerManaged: 'microsoft', confidence: 0.99 });
  });

  it('a plain line-of-business app is not an agent', () => {
    const sp = entraSp('Payroll Export', 'sp-payroll');
    const c = classify(inventory({ identities: [sp], grants: [appRole(sp, 'User.Read.All')] }), sp);
    expect(c.agent).toBe('no');
  });
});
