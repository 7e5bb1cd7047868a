import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { checkUrl, classifyAddress, parseTargetUrl, ResolveError, type HostResolver } from '@webriskops/server/net';
import { oracleCoveredBy, oracleIsGlobalUnicast } from './support/address-oracle';

// --- generators -----------------------------------------------------------------------------

const byte = fc.integer({ min: 0, max: 255 });
/** IPv4 bytes biased towards the interesting ranges. */
const v4Bytes = fc.oneof(
  fc.tuple(byte, byte, byte, byte),
  fc.tuple(fc.constantFrom(0, 10, 100, 127, 169, 172, 192, 198, 224, 240, 255), byte, byte, byte),
  fc.constantFrom<[number, number, number, number]>(
    [127, 0, 0, 1],
    [169, 254, 169, 254],
    [100, 100, 100, 200],
    [192, 0, 0, 192],
    [0, 0, 0, 0],
    [255, 255, 255, 255],
    [8, 8, 8, 8],
  ),
);

const toDword = (b: number[]) => (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
const radix = (n: number, kind: 'dec' | 'oct' | 'hex') => (kind === 'dec' ? String(n) : kind === 'oct' ? `0${n.toString(8)}` : `0x${n.toString(16)}`);
const kindArb = fc.constantFrom('dec', 'oct', 'hex') as fc.Arbitrary<'dec' | 'oct' | 'hex'>;

/** One IPv4 address in any notation a URL parser or inet_aton accepts (and some it does not). */
const v4Notation = fc
  .tuple(
    v4Bytes,
    fc.constantFrom('quad', 'short3', 'short2', 'dword'),
    fc.array(kindArb, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('', '.'),
    fc.constantFrom('.', '\uff0e', '\u3002', '%2e'),
  )
  .map(([b, form, kinds, trailing, dot]) => {
    const [a = 0, c = 0, d = 0, e = 0] = b;
    const k = (i: number) => kinds[i] ?? 'dec';
    let parts: string[];
    if (form === 'quad') parts = b.map((n, i) => radix(n, k(i)));
    else if (form === 'short3') parts = [radix(a, k(0)), radix(c, k(1)), radix((d << 8) + e, k(2))];
    else if (form === 'short2') parts = [radix(a, k(0)), radix((c << 16) + (d << 8) + e, k(1))];
    else parts = [radix(toDword(b), k(0))];
    return parts.join(dot) + trailing;
  });

const hex16 = fc.integer({ min: 0, max: 0xffff });
/** IPv6 prefixes that embed, translate or scope IPv4 or are otherwise special. */
const v6Prefix = fc.constantFrom(
  [0, 0, 0, 0, 0, 0xffff],
  [0, 0, 0, 0, 0, 0],
  [0x64, 0xff9b, 0, 0, 0, 0],
  [0x64, 0xff9b, 1, 0, 0, 0],
  [0, 0, 0, 0, 0xffff, 0],
  [0x2002, 0x0a00, 0x0001, 0, 0, 0],
  [0x2001, 0, 0x4136, 0xe378, 0x8000, 0x63bf],
  [0xfe80, 0, 0, 0, 0, 0],
  [0xfc00, 1, 2, 3, 4, 5],
  [0xfec0, 0, 0, 0, 0, 0],
  [0xff02, 0, 0, 0, 0, 0],
  [0x2606, 0x4700, 0x4700, 0, 0, 0],
  [0x2001, 0xdb8, 0, 0, 0, 0],
  [0xfd00, 0xec2, 0, 0, 0, 0],
);
const v6Parts = fc.oneof(
  fc.array(hex16, { minLength: 8, maxLength: 8 }),
  fc.tuple(v6Prefix, v4Bytes).map(([prefix, b]) => [...prefix, ((b[0] ?? 0) << 8) + (b[1] ?? 0), ((b[2] ?? 0) << 8) + (b[3] ?? 0)]),
);
/** One IPv6 address in a canonical-ish spelling: compressed, full, upper case, padded, dotted tail. */
const v6Notation = fc.tuple(v6Parts, fc.constantFrom('rfc5952', 'full', 'padded', 'upper', 'dotted')).map(([parts, form]) => {
  const address = new ipaddr.IPv6(parts);
  if (form === 'rfc5952') return address.toRFC5952String();
  if (form === 'full') return address.toNormalizedString();
  if (form === 'padded') return parts.map((p) => p.toString(16).padStart(4, '0')).join(':');
  if (form === 'upper') return address.toRFC5952String().toUpperCase();
  const tail = [(parts[6] ?? 0) >> 8, (parts[6] ?? 0) & 0xff, (parts[7] ?? 0) >> 8, (parts[7] ?? 0) & 0xff].join('.');
  const head = parts.slice(0, 6);
  if (head.every((p) => p === 0)) return `::${tail}`;
  if (head.slice(0, 5).every((p) => p === 0)) return `::${(head[5] ?? 0).toString(16)}:${tail}`;
  return `${head.map((p) => p.toString(16)).join(':')}:${tail}`;
});

const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.webUrl());
const anyAddressText = fc.oneof(v4Notation, v6Notation, anyString, fc.ipV4(), fc.ipV6(), fc.ipV4Extended());

/** A URL whose host is an address in any notation, bracketed or not. */
const literalUrl = fc
  .tuple(
    fc.constantFrom('https://', 'http://', 'HTTPS://'),
    fc.oneof(
      v4Notation,
      v6Notation.map((v6) => `[${v6}]`),
      v6Notation,
    ),
    fc.constantFrom('', ':443', ':8443', ':80', ':0'),
    fc.constantFrom('', '/', '/jira', '/jira/'),
  )
  .map((parts) => parts.join(''));

const entriesArb = fc.subarray(['10.0.0.0/8', '127.0.0.1', '::1', '169.254.0.0/16', '0.0.0.0/0', 'fd00::/8', '100.64.0.0/10', '::/0', 'jira.corp.example'], {
  maxLength: 3,
});

// --- independent oracles --------------------------------------------------------------------

const HARD_DENY: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['169.254.0.0', 16],
  ['224.0.0.0', 4],
  ['255.255.255.255', 32],
  ['192.0.0.192', 32],
  ['::', 128],
  ['fe80::', 10],
  ['ff00::', 8],
];
function oracleHardDenied(text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  let address = ipaddr.parse(text);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  return HARD_DENY.some(([base, bits]) => {
    const network = ipaddr.parse(base);
    return network.kind() === address.kind() && address.match(network, bits);
  });
}

const CANONICAL_V4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function fixedResolver(addresses: string[]): HostResolver {
  return {
    async resolve(host) {
      if (addresses.length === 0) throw new ResolveError('no-records', host, `${host} has no records`);
      return { addresses: [...addresses] };
    },
    resolveTxt: async () => [],
  };
}

// --- properties -----------------------------------------------------------------------------

describe('properties of the egress checker', () => {
  it('parseTargetUrl never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyString, literalUrl),
        fc.boolean(),
        fc.constantFrom('base', 'request') as fc.Arbitrary<'base' | 'request'>,
        (raw, allowHttp, purpose) => {
          const result = parseTargetUrl(raw, { allowHttp, purpose });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('classifyAddress never throws and allows only what the oracle calls global unicast', () => {
    fc.assert(
      fc.property(anyAddressText, (text) => {
        const verdict = classifyAddress(text);
        if (verdict.allowed) {
          expect(CANONICAL_V4.test(text) || text.includes(':')).toBe(true);
          expect(oracleIsGlobalUnicast(text)).toBe(true);
          expect(oracleHardDenied(text)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('classifyAddress agrees with the oracle on canonical IPv4 and hex IPv6 (no over-blocking either)', () => {
    const canonical = fc.oneof(
      v4Bytes.map((b) => b.join('.')),
      v6Parts.map((parts) => new ipaddr.IPv6(parts).toRFC5952String()),
    );
    fc.assert(
      fc.property(canonical, (text) => {
        expect(classifyAddress(text).allowed).toBe(oracleIsGlobalUnicast(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('checkUrl on IP-literal URLs in any notation allows only canonical, global or approved hosts', async () => {
    let allowed = 0;
    await fc.assert(
      fc.asyncProperty(literalUrl, entriesArb, fc.boolean(), async (url, approvedEntries, allowHttpForApproved) => {
        const verdict = await checkUrl(url, { resolver: fixedResolver([]), approvedEntries, allowHttpForApproved, ownAddresses: [] });
        if (!verdict.allowed) return;
        allowed += 1;
        const rawHost = url.replace(/^https?:\/\//i, '').replace(/(:\d+)?(\/.*)?$/, '');
        const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
        if (!host.includes(':')) expect(rawHost).toBe(host);
        expect(oracleHardDenied(host)).toBe(false);
        expect(oracleIsGlobalUnicast(host) || oracleCoveredBy(approvedEntries, host)).toBe(true);
        if (url.toLowerCase().startsWith('http:')) expect(oracleCoveredBy(approvedEntries, host)).toBe(true);
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: a good share of the generated URLs pass.
    expect(allowed).toBeGreaterThan(50);
  });

  it('checkUrl allows a name only when every answer is global unicast or approved, and never a hard-denied one', async () => {
    const host = fc.constantFrom('jira.example.com', 'jira.corp.example', 'JIRA.corp.example.');
    let allowed = 0;
    await fc.assert(
      fc.asyncProperty(host, fc.array(anyAddressText, { maxLength: 4 }), entriesArb, async (name, answers, approvedEntries) => {
        const verdict = await checkUrl(`https://${name}/jira`, {
          resolver: fixedResolver(answers),
          approvedEntries,
          allowHttpForApproved: false,
          ownAddresses: [],
        });
        if (!verdict.allowed) return;
        allowed += 1;
        expect(answers.length).toBeGreaterThan(0);
        const byName = approvedEntries.includes('jira.corp.example') && name.toLowerCase().startsWith('jira.corp.example');
        for (const answer of answers) {
          expect(oracleHardDenied(answer)).toBe(false);
          expect(oracleIsGlobalUnicast(answer) || oracleCoveredBy(approvedEntries, answer) || byName).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    expect(allowed).toBeGreaterThan(50);
  });

  it('checkUrl never throws on arbitrary strings, with any resolver answers', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, fc.array(anyAddressText, { maxLength: 3 }), async (raw, answers) => {
        const verdict = await checkUrl(raw, { resolver: fixedResolver(answers), approvedEntries: [], allowHttpForApproved: false, ownAddresses: [] });
        expect(verdict.allowed ? verdict.code : verdict.code).toBe(verdict.allowed ? null : 'PROVIDER_BASE_URL_BLOCKED');
      }),
      { numRuns: 1500 },
    );
  });
});
