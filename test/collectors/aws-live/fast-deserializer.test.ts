/**
 * The faster reading of IAM responses (xml-parser.ts, query-protocol.ts) must give what the SDK's
 * own XML deserializer gives: the same tree from the same document, the same output from the same
 * tree, on the emulator's responses and on odd documents alike. And the HTTP handler behind the
 * scan's limit never lets more requests out at once than the scan's concurrency.
 */
import { describe, expect, it } from 'vitest';
import * as iam from '@aws-sdk/client-iam';
import { AwsQueryProtocol, XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { collectAws } from '../../../collectors/aws/live';
import { FastAwsQueryProtocol } from '../../../collectors/aws/live/query-protocol';
import { parseXmlBody } from '../../../collectors/aws/live/xml-parser';
import { generateDemo } from '../../../collectors/demo';
import { emulatorSeedFromDemo, startAwsEmulator, type AwsEmulator } from '../../../collectors/emulators/aws';
import { bulkAccount, seedOf } from '../../emulators/helpers/seeds';
import { COLLECTED_AT, emulatorOptions } from './helpers';

const SETTINGS = {
  defaultNamespace: 'com.amazonaws.iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  version: '2010-05-08',
};

/** The deserializer a protocol holds (protected in the SDK's types; read here to compare them). */
function deserializerOf(protocol: AwsQueryProtocol): XmlShapeDeserializer {
  return (protocol as unknown as { deserializer: XmlShapeDeserializer }).deserializer;
}

/** Exposes the SDK's protected parseXml. */
class SdkParser extends XmlShapeDeserializer {
  parse(xml: string): unknown {
    return this.parseXml(xml);
  }
}

const sdk = deserializerOf(new AwsQueryProtocol(SETTINGS));
const fast = deserializerOf(new FastAwsQueryProtocol(SETTINGS));
const sdkParser = new SdkParser(sdk.settings);

/** Values with key order, prototypes, dates and function members spelled out. */
function canon(v: unknown): string {
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (typeof v === 'function') return `fn:${v.name}`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : '!proto';
    const keys = Object.keys(v).map(
      (k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`,
    );
    return `{${keys.join(',')}}${proto}`;
  }
  return `${typeof v}:${JSON.stringify(v) ?? String(v)}`;
}

function outcome(read: () => unknown): string {
  try {
    return canon(read());
  } catch (e) {
    return `throws ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** A deterministic generator (tests must not depend on Math.random). */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    // xorshift32: 32-bit integer steps, no floating point (a float LCG loses its low bits).
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

/** Raw response bodies of the emulator for a demo organization's management account. */
async function iamBodies(emulator: AwsEmulator): Promise<{ action: string; body: string }[]> {
  const post = async (params: Record<string, string>) => {
    const res = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: {
        // The emulator reads the access key and scope from the header; it does not check signatures.
        authorization: `AWS4-HMAC-SHA256 Credential=${emulator.credentials.accessKeyId}/20261101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
    });
    return { action: params.Action ?? '', body: await res.text() };
  };
  const out = [];
  let marker: string | undefined;
  do {
    const page = await post({
      Action: 'GetAccountAuthorizationDetails',
      MaxItems: '10',
      ...(marker ? { Marker: marker } : {}),
    });
    out.push(page);
    marker = /<Marker>([^<]*)<\/Marker>/.exec(page.body)?.[1];
  } while (marker);
  for (const Action of [
    'GenerateCredentialReport',
    'GetCredentialReport',
    'ListServiceSpecificCredentials',
  ]) {
    out.push(
      await post({ Action, ...(Action === 'ListServiceSpecificCredentials' ? { AllUsers: 'true' } : {}) }),
    );
  }
  out.push(await post({ Action: 'NoSuchAction' }));
  return out;
}

describe('parseXmlBody', () => {
  it('reads documents exactly as the SDK does, or leaves them to it', () => {
    const pieces = [
      '<a>',
      '</a>',
      '<b>',
      '</b>',
      '<a/>',
      '<b x="1">',
      "<a y='&amp;2'>",
      'text',
      ' ',
      '\n',
      '\r\n',
      '&lt;',
      '&#x41;',
      '&#65;',
      '&bogus;',
      '&',
      '<!-- c -->',
      '<![CDATA[ <x> ]]>',
      '<?pi x?>',
      '<!DOCTYPE a [<!ENTITY x "y">]>',
      '<__proto__>',
      '</__proto__>',
      '<constructor>',
      '</constructor>',
      '<toString>v</toString>',
      '<#text>',
      '<c __proto__="p">',
      '</c>',
      '<d a="1"/>',
      '<e a=b>',
      '</a >',
      '<\u00a0a>',
      '</\u00a0a>',
      '<m k="v">x</m>',
      '<m k="v">&bogus;</m>',
      '<n><m>1</m><m k="v">2</m></n>',
      '<g',
      '>',
      '"',
      'İ',
    ];
    const rnd = random(42);
    let same = 0;
    let read = 0;
    for (let t = 0; t < 20000; t++) {
      let s = '';
      for (let j = 1 + rnd(12); j > 0; j--) s += pieces[rnd(pieces.length)];
      for (const doc of [s, `<r>${s}</r>`, `<?xml version="1.0"?>\n<R xmlns="x">\n  <Res>${s}</Res>\n</R>`]) {
        const mine = parseXmlBody(doc);
        if (mine === undefined) continue;
        read += 1;
        if (canon(mine) === outcome(() => sdkParser.parse(doc))) same += 1;
      }
    }
    expect(read).toBeGreaterThan(1000);
    expect(same).toBe(read);
  });

  it('reads every response of the emulator as the SDK does, then the same output comes out', async () => {
    const emulator = await startAwsEmulator(
      emulatorSeedFromDemo(generateDemo({ seed: 5, size: 400, now: COLLECTED_AT })),
    );
    try {
      const bodies = await iamBodies(emulator);
      expect(bodies.filter((b) => b.action === 'GetAccountAuthorizationDetails').length).toBeGreaterThan(2);
      const rnd = random(7);
      for (const { action, body } of bodies) {
        const parsed = parseXmlBody(body);
        expect(parsed, action).toBeDefined();
        expect(canon(parsed), action).toBe(outcome(() => sdkParser.parse(body)));
        const schema = (iam as Record<string, unknown>)[`${action}Response$`];
        if (!schema) continue;
        const result = (parsed as Record<string, unknown>)[`${action}Result`];
        expect(
          outcome(() => fast.readSchema(schema as never, result)),
          action,
        ).toBe(outcome(() => sdk.readSchema(schema as never, result)));
        // The same after odd changes: lists of one, empty elements, text in place of structures.
        for (let r = 0; r < 40; r++) {
          const odd = mutate(result, rnd);
          expect(
            outcome(() => fast.readSchema(schema as never, odd)),
            action,
          ).toBe(outcome(() => sdk.readSchema(schema as never, odd)));
        }
      }
    } finally {
      await emulator.close();
    }
  });

  it('reads odd values of every IAM output as the SDK does', () => {
    for (const [name, schema] of Object.entries(iam)) {
      if (!name.endsWith('Response$')) continue;
      for (const value of [undefined, '', 'x', {}, [], [{}], { member: '' }]) {
        expect(
          outcome(() => fast.readSchema(schema as never, value)),
          name,
        ).toBe(outcome(() => sdk.readSchema(schema as never, value)));
      }
    }
  });
});

function mutate(value: unknown, rnd: (n: number) => number): unknown {
  if (rnd(100) < 3) {
    switch (rnd(6)) {
      case 0:
        return '';
      case 1:
        return 'x';
      case 2:
        return [value, value];
      case 3:
        return { member: value };
      case 4:
        return Array.isArray(value) ? value[0] : value;
      default:
        return '2024-01-02T03:04:05Z';
    }
  }
  if (Array.isArray(value)) return value.map((v) => mutate(v, rnd));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (rnd(100) > 1) out[k] = mutate(v, rnd);
    return out;
  }
  return value;
}

describe('the scan limit', () => {
  it('never has more requests in flight than the concurrency, and counts each one', async () => {
    const accounts = Array.from({ length: 6 }, (_, i) =>
      bulkAccount(String(700000000000 + i), { roles: 40, users: 3, functions: 120 }),
    );
    const emulator = await startAwsEmulator(seedOf(accounts), { latencyMs: 20 });
    try {
      const out = await collectAws(emulatorOptions(emulator, { org: true, concurrency: 3 }), {
        collectedAt: COLLECTED_AT,
      });
      expect(out.accounts.every((a) => a.status === 'complete')).toBe(true);
      // The emulator's own times are whole milliseconds: a request counts as in flight from the
      // millisecond after it arrived until the one before it was answered.
      const spans = emulator.requests.map((r) => [r.receivedAt + 1, r.receivedAt + r.ms - 1] as const);
      let peak = 0;
      for (const [start] of spans) {
        peak = Math.max(peak, spans.filter(([s, e]) => s <= start && start <= e).length);
      }
      expect(peak).toBeGreaterThan(1);
      expect(peak).toBeLessThanOrEqual(3);
      expect(out.requests).toBe(emulator.requests.length);
      expect(out.calls).toBe(emulator.requests.length);
    } finally {
      await emulator.close();
    }
  });
});
