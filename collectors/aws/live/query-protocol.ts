/**
 * IAM's AWS Query protocol, reading responses faster. The SDK clients take a `protocol` in their
 * configuration, and its XML deserializer is the SDK's extension point for this: serialization,
 * signing, the read-only guard, retries and error handling stay the SDK's own. A large
 * organization's GetAccountAuthorizationDetails pages are tens of MB of XML; reading them was the
 * largest share of a scan's CPU:
 * - `parseXml` (a protected hook): xml-parser.ts returns the SDK parser's tree several times
 *   faster (the SDK's builds every text one character at a time);
 * - `readSchema`: the SDK works out, for every value, how its schema is read (traits, member
 *   names, list member names, how a string is deserialized); here that is worked out once per
 *   schema and reused. Structures, lists and plain strings are read as the SDK reads them; every
 *   other shape (timestamps, numbers, maps, unions, documents) is still read by the SDK;
 * - large bodies are parsed and read on two turns of the event loop (see `read`).
 */
import { AwsQueryProtocol, XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import { parseXmlBody } from './xml-parser';

type SchemaRef = Parameters<XmlShapeDeserializer['readSchema']>[0];

/** How values of one schema are read, worked out once. */
type Plan =
  | { kind: 'struct'; members: { name: string; key: string; schema: NormalizedSchema }[] }
  | { kind: 'list'; flat: boolean; itemKey: string; item: NormalizedSchema }
  /** A string the SDK returns as it is (no media type to decode). */
  | { kind: 'text' }
  | { kind: 'sdk' };

const plans = new WeakMap<NormalizedSchema, Plan>();

/** `value[key]`, as the SDK's `value[key]` (strings index to undefined). */
function member(value: unknown, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

/** Bodies at least this large are parsed, then read into the output shape, in two turns. */
const TWO_TURNS_BYTES = 64 * 1024;

class FastXmlShapeDeserializer extends XmlShapeDeserializer {
  /** A document parsed ahead of `super.read`, which then asks parseXml for it. */
  private parsed: unknown;

  /**
   * Large bodies are parsed first and read into the output shape on a later turn of the event
   * loop (the SDK awaits this method), so that responses of other calls are taken in between:
   * each half of a large page is a stretch of CPU of its own.
   */
  override read(...args: Parameters<XmlShapeDeserializer['read']>): unknown {
    const [schema, bytes, key] = args;
    if (typeof bytes === 'string' || bytes.byteLength < TWO_TURNS_BYTES) return super.read(...args);
    return (async () => {
      const xml = (this.serdeContext?.utf8Encoder ?? decodeUtf8)(bytes);
      const parsed = parseXmlBody(xml);
      // The SDK's own path, for its error.
      if (parsed === undefined) return super.read(schema, xml, key);
      await new Promise((resolve) => setImmediate(resolve));
      this.parsed = parsed;
      try {
        return super.read(schema, xml, key);
      } finally {
        this.parsed = undefined;
      }
    })();
  }

  override readSchema(schema: SchemaRef, value: unknown): unknown {
    return this.readNormalized(NormalizedSchema.of(schema), value);
  }

  /** The SDK's readSchema for structures, lists and plain strings, with the plan of `ns`. */
  private readNormalized(ns: NormalizedSchema, value: unknown): unknown {
    const plan = this.planOf(ns);
    switch (plan.kind) {
      case 'list': {
        // As the SDK: a single value is a list of one; its items sit under the member name.
        const values: unknown[] = Array.isArray(value) ? value : [value];
        const source = plan.flat ? values : member(values[0] ?? values, plan.itemKey);
        if (source === null || source === undefined) return [];
        const items: unknown[] = Array.isArray(source) ? source : [source];
        return items.map((item) => this.readNormalized(plan.item, item));
      }
      case 'struct': {
        if (value === null || value === undefined) return value;
        if (typeof value !== 'object') return {};
        const out: Record<string, unknown> = {};
        for (const m of plan.members) {
          const v = member(value, m.key);
          if (v !== null && v !== undefined) out[m.name] = this.readNormalized(m.schema, v);
        }
        return out;
      }
      case 'text':
        if (typeof value === 'string') return value;
        return super.readSchema(ns, value);
      default:
        return super.readSchema(ns, value);
    }
  }

  private planOf(ns: NormalizedSchema): Plan {
    let plan = plans.get(ns);
    if (!plan) {
      plan = this.makePlan(ns);
      plans.set(ns, plan);
    }
    return plan;
  }

  /** What the SDK's readSchema looks up for each value of `ns`, looked up once. */
  private makePlan(ns: NormalizedSchema): Plan {
    if (ns.isUnitSchema()) return { kind: 'sdk' };
    if (ns.isListSchema()) {
      const item = ns.getValueSchema();
      return {
        kind: 'list',
        flat: Boolean(ns.getMergedTraits().xmlFlattened),
        itemKey: item.getMergedTraits().xmlName ?? 'member',
        item,
      };
    }
    if (ns.isStructSchema() && !ns.isUnionSchema()) {
      const members: { name: string; key: string; schema: NormalizedSchema }[] = [];
      for (const [name, schema] of ns.structIterator()) {
        const traits = schema.getMergedTraits();
        const key = !traits.httpPayload
          ? (schema.getMemberTraits().xmlName ?? name)
          : (traits.xmlName ?? schema.getName());
        members.push({ name, key: String(key), schema });
      }
      return { kind: 'struct', members };
    }
    if (ns.isStringSchema()) {
      // Whether the SDK hands a string of this schema back unchanged, asked of the SDK itself.
      const probe = '\u0000agent-anchor-probe';
      try {
        if (super.readSchema(ns, probe) === probe) return { kind: 'text' };
      } catch {
        // Read by the SDK then.
      }
    }
    return { kind: 'sdk' };
  }

  protected override parseXml(xml: string): unknown {
    const ahead = this.parsed;
    if (ahead !== undefined) {
      this.parsed = undefined;
      return ahead;
    }
    // A document the fast parser would not read the way the SDK does goes to the SDK, which then
    // throws its own error (with the body attached, as callers of the SDK expect).
    return parseXmlBody(xml) ?? super.parseXml(xml);
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

export class FastAwsQueryProtocol extends AwsQueryProtocol {
  constructor(options: ConstructorParameters<typeof AwsQueryProtocol>[0]) {
    super(options);
    // Same settings; the client hands its serde context to this deserializer after construction.
    this.deserializer = new FastXmlShapeDeserializer(this.deserializer.settings);
  }
}
