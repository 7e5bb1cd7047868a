import { describe, expect, it } from 'vitest';
import { challengeRecordFor, verifyDnsTxtChallenge } from './dns-txt-challenge';
import { ResolveError, type HostResolver } from './resolver';

function txtResolver(records: Record<string, string[][] | ResolveError>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: () => Promise.reject(new Error('not used')),
    async resolveTxt(name) {
      asked.push(name);
      const found = records[name];
      if (found instanceof ResolveError) throw found;
      return found ?? [];
    },
  };
}

describe('challengeRecordFor', () => {
  it('names the record under the punycode host', () => {
    expect(challengeRecordFor('Jira.Bücher.de.', 'tok123')).toEqual({
      name: '_webriskops-challenge.jira.xn--bcher-kva.de',
      value: 'webriskops-verification=tok123',
    });
  });
});

describe('verifyDnsTxtChallenge', () => {
  const name = '_webriskops-challenge.jira.example.com';

  it('finds the token among other records, with chunks joined', async () => {
    const resolver = txtResolver({ [name]: [['v=spf1 -all'], ['webriskops-verifi', 'cation=tok', '123']] });
    expect(await verifyDnsTxtChallenge(resolver, 'jira.example.com', 'tok123')).toMatchObject({ verified: true });
    expect(resolver.asked).toEqual([name]);
  });

  it.each([
    ['another token', { [name]: [['webriskops-verification=tok999']] }, /different token/],
    ['a longer token', { [name]: [['webriskops-verification=tok1234']] }, /different token/],
    ['a prefix of the token', { [name]: [['webriskops-verification=tok12']] }, /different token/],
    ['no record', {}, /No TXT record/],
    ['the record on the host itself', { 'jira.example.com': [['webriskops-verification=tok123']] }, /No TXT record/],
  ])('refuses %s', async (_label, records, reason) => {
    const result = await verifyDnsTxtChallenge(txtResolver(records), 'jira.example.com', 'tok123');
    expect(result.verified).toBe(false);
    expect(result.reason).toMatch(reason);
  });

  it('reports a failed lookup without verifying', async () => {
    const resolver = txtResolver({ [name]: new ResolveError('timeout', name, `${name} did not answer in time`) });
    expect(await verifyDnsTxtChallenge(resolver, 'jira.example.com', 'tok123')).toMatchObject({ verified: false, reason: expect.stringMatching(/failed/) });
  });

  it('refuses an empty token and an invalid host', async () => {
    const resolver = txtResolver({ [name]: [['webriskops-verification=']] });
    expect((await verifyDnsTxtChallenge(resolver, 'jira.example.com', '')).verified).toBe(false);
    expect((await verifyDnsTxtChallenge(resolver, 'not a host', 'x')).verified).toBe(false);
  });
});
