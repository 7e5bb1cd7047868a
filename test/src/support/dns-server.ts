import { isIPv4, isIPv6 } from 'node:net';
import dns2, { type Resource } from 'dns2';
import ipaddr from 'ipaddr.js';

const { Packet } = dns2;

/** How the test DNS server answers one name. */
type Behaviour =
  | { kind: 'answers'; addresses: string[]; ttl: number }
  | { kind: 'sequence'; steps: string[][]; ttl: number; served: { A: number; AAAA: number } }
  | { kind: 'silent' };

/** One query the server received. */
export interface SeenQuery {
  name: string;
  type: string;
}

/** A real DNS server on 127.0.0.1 (UDP) whose answers tests change between steps. */
export interface TestDnsServer {
  readonly port: number;
  /** The `host:port` to hand to a resolver's servers. */
  readonly server: string;
  readonly queries: readonly SeenQuery[];
  /** Answers A/AAAA for `name` from `addresses` (split by family); `[]` is a name without records. */
  setAnswers(name: string, addresses: readonly string[], ttl?: number): void;
  /**
   * Answers the n-th A query and the n-th AAAA query from `steps[n]` (the last step repeats), so one
   * step is one lookup even though a resolver asks A and AAAA separately: DNS rebinding on demand.
   */
  setSequence(name: string, steps: readonly (readonly string[])[], ttl?: number): void;
  setTxt(name: string, records: readonly (readonly string[])[], ttl?: number): void;
  /** Never answers `name` (a resolver times out). */
  setSilent(name: string): void;
  /** Answers SERVFAIL for `name` (only for the given query types, e.g. ['AAAA'], when listed). */
  setServerFailure(name: string, types?: readonly string[]): void;
  /** Forgets every name (all NXDOMAIN again) and the query log. */
  reset(): void;
  queryCount(name: string, type?: string): number;
  close(): Promise<void>;
}

function key(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Starts the server on a random loopback port. */
export async function startDnsServer(options: { defaultTtl?: number } = {}): Promise<TestDnsServer> {
  const defaultTtl = options.defaultTtl ?? 0;
  const names = new Map<string, Behaviour>();
  const txt = new Map<string, { records: string[][]; ttl: number }>();
  const queries: SeenQuery[] = [];
  const failures = new Map<string, ReadonlySet<string> | 'all'>();

  const udp = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const question = request.questions[0];
    if (!question) return void send(response);
    const name = key(question.name);
    const typeName = Packet.typeName(question.type) ?? String(question.type);
    queries.push({ name, type: typeName });
    const behaviour = names.get(name);
    const records = txt.get(name);
    if (behaviour?.kind === 'silent') return;
    const failing = failures.get(name);
    if (failing === 'all' || failing?.has(typeName)) {
      response.header.rcode = 2;
      return void send(response);
    }
    if (!behaviour && !records && !failing) {
      response.header.rcode = 3;
      return void send(response);
    }
    const base = { name: question.name, class: Packet.CLASS.IN };
    if (question.type === Packet.TYPE.TXT && records) {
      for (const data of records.records) {
        response.answers.push({ ...base, type: Packet.TYPE.TXT, ttl: records.ttl, data } as Resource);
      }
    }
    const family = question.type === Packet.TYPE.A ? 'A' : question.type === Packet.TYPE.AAAA ? 'AAAA' : null;
    if (family && behaviour) {
      let addresses: string[];
      if (behaviour.kind === 'sequence') {
        const index = Math.min(behaviour.served[family], behaviour.steps.length - 1);
        behaviour.served[family] += 1;
        addresses = behaviour.steps[index] ?? [];
      } else addresses = behaviour.addresses;
      for (const address of addresses) {
        if (family === 'A' && isIPv4(address)) {
          response.answers.push({ ...base, type: Packet.TYPE.A, ttl: behaviour.ttl, address } as Resource);
        }
        if (family === 'AAAA' && isIPv6(address)) {
          // dns2 cannot encode dotted IPv4 tails (::ffff:1.2.3.4): hand it all-hex groups.
          const hex = ipaddr.IPv6.parse(address).toNormalizedString();
          response.answers.push({ ...base, type: Packet.TYPE.AAAA, ttl: behaviour.ttl, address: hex } as Resource);
        }
      }
    }
    send(response);
  });
  await udp.listen(0, '127.0.0.1');
  const port = udp.address().port;

  return {
    port,
    server: `127.0.0.1:${port}`,
    queries,
    setAnswers(name, addresses, ttl = defaultTtl) {
      names.set(key(name), { kind: 'answers', addresses: [...addresses], ttl });
    },
    setSequence(name, steps, ttl = defaultTtl) {
      if (steps.length === 0) throw new Error('a sequence needs at least one step');
      names.set(key(name), { kind: 'sequence', steps: steps.map((step) => [...step]), ttl, served: { A: 0, AAAA: 0 } });
    },
    setTxt(name, records, ttl = defaultTtl) {
      txt.set(key(name), { records: records.map((record) => [...record]), ttl });
    },
    setSilent(name) {
      names.set(key(name), { kind: 'silent' });
    },
    setServerFailure(name, types) {
      failures.set(key(name), types ? new Set(types) : 'all');
    },
    reset() {
      names.clear();
      txt.clear();
      failures.clear();
      queries.length = 0;
    },
    queryCount(name, type) {
      return queries.filter((query) => query.name === key(name) && (type === undefined || query.type === type)).length;
    },
    close() {
      return new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
