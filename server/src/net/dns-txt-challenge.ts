import { constantTimeEqual } from '../crypto/tokens';
import { domainKey, toAsciiDomain } from './domain-name';
import { ResolveError, type HostResolver } from './resolver';

const LABEL = '_webriskops-challenge';
const PREFIX = 'webriskops-verification=';

/** The TXT record a user publishes to prove they control `host`. */
export interface ChallengeRecord {
  name: string;
  value: string;
}

/** The outcome of a TXT ownership check, with a reason a person understands. */
export interface ChallengeResult {
  verified: boolean;
  reason: string;
}

/** Names the record to create, so the page and the check agree on one spelling. */
export function challengeRecordFor(host: string, token: string): ChallengeRecord {
  const ascii = toAsciiDomain(host) ?? host.toLowerCase();
  return { name: `${LABEL}.${domainKey(ascii)}`, value: `${PREFIX}${token}` };
}

/**
 * Proves control of `host` by finding `webriskops-verification=<token>` in the TXT records of
 * `_webriskops-challenge.<host>` (chunks of one record joined), through the injected resolver.
 */
export async function verifyDnsTxtChallenge(resolver: HostResolver, host: string, token: string): Promise<ChallengeResult> {
  if (token.length === 0) return { verified: false, reason: 'No verification token was issued.' };
  if (toAsciiDomain(host) === null) return { verified: false, reason: `"${host}" is not a valid host name.` };
  const { name, value } = challengeRecordFor(host, token);
  let records: string[][];
  try {
    records = await resolver.resolveTxt(name);
  } catch (error) {
    const detail = error instanceof ResolveError ? error.message : `${name} could not be resolved`;
    return { verified: false, reason: `The TXT lookup failed: ${detail}. Try again shortly.` };
  }
  const texts = records.map((chunks) => chunks.join(''));
  let found = false;
  for (const text of texts) if (constantTimeEqual(value, text)) found = true;
  if (found) return { verified: true, reason: `Found the TXT record ${name}.` };
  const ours = texts.filter((text) => text.startsWith(PREFIX)).length;
  return {
    verified: false,
    reason:
      ours > 0
        ? `${name} has a ${PREFIX}... TXT record, but with a different token; publish the current one.`
        : `No TXT record "${PREFIX}<token>" was found at ${name}.`,
  };
}
