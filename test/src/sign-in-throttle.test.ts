import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createUser, signIn, type SignInResult } from '@webriskops/server/commands';
import { auditEvents, signInThrottles, workspaces } from '@webriskops/server/schema';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';

let companion: Companion;
let workspaceId: string;

beforeEach(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
  workspaceId = (await companion.deps.store.db.select().from(workspaces).where(eq(workspaces.name, 'default')))[0]!.id;
  await createUser(companion.deps, { workspaceId, email: 'ops@example.com', password: 'the operator password' });
});
afterEach(() => companion.stop());

const kinds = (results: SignInResult[]) => results.map((result) => result.kind).sort();

describe('signIn throttling against the real SQLite store', () => {
  it('twelve parallel guesses from one address: five are checked, seven refused without a password check', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(companion.deps, 'ops@example.com', `wrong ${i}`, '203.0.113.9')));
    expect(kinds(results)).toEqual([...Array(7).fill('throttled'), ...Array(5).fill('wrong')]);
    const started = performance.now();
    const locked = await signIn(companion.deps, 'ops@example.com', 'the operator password', '203.0.113.9');
    expect(locked.kind).toBe('throttled');
    expect(locked.kind === 'throttled' && locked.retryAfterSeconds).toBeGreaterThan(30);
    expect(locked.kind === 'throttled' && locked.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(performance.now() - started, 'no PBKDF2 run (600,000 iterations) for a locked attempt').toBeLessThan(50);

    const other = await signIn(companion.deps, 'ops@example.com', 'the operator password', '198.51.100.7');
    expect(other.kind).toBe('signed-in');

    const audit = await companion.deps.store.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspaceId), isNull(auditEvents.targetId)));
    const actions = audit.map((row) => row.action);
    expect(actions.filter((action) => action === 'sign_in.failed')).toHaveLength(4);
    expect(actions.filter((action) => action === 'sign_in.locked')).toHaveLength(1);
    expect(actions.filter((action) => action === 'sign_in.succeeded')).toHaveLength(1);
    const lockedRow = audit.find((row) => row.action === 'sign_in.locked')!;
    expect(JSON.parse(lockedRow.detail!)).toMatchObject({ address: '203.0.113.9', failures: 5 });
    expect(JSON.stringify(audit)).not.toMatch(/wrong \d|operator password/);
  });

  it('unknown emails are throttled like known ones, and IPv6 clients by their /64', async () => {
    const ghost: string[] = [];
    for (let i = 0; i < 6; i += 1) ghost.push((await signIn(companion.deps, 'ghost@example.com', `guess ${i}`, '2001:db8:1:2::10')).kind);
    expect(ghost).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'throttled']);
    expect((await signIn(companion.deps, 'ghost@example.com', 'guess', '2001:db8:1:2::99')).kind, 'same /64').toBe('throttled');
    expect((await signIn(companion.deps, 'ghost@example.com', 'guess', '2001:db8:1:3::10')).kind, 'another /64').toBe('wrong');
    const buckets = (await companion.deps.store.db.select().from(signInThrottles)).map((row) => row.bucket);
    expect(buckets.join(' ')).not.toContain('ghost@example.com');
  });

  it('a correct password clears the account-and-address bucket, so a later typo is not punished for old ones', async () => {
    for (let i = 0; i < 4; i += 1) await signIn(companion.deps, 'ops@example.com', `typo ${i}`, '198.51.100.7');
    expect((await signIn(companion.deps, 'ops@example.com', 'the operator password', '198.51.100.7')).kind).toBe('signed-in');
    const again: string[] = [];
    for (let i = 0; i < 4; i += 1) again.push((await signIn(companion.deps, 'ops@example.com', `typo ${i}`, '198.51.100.7')).kind);
    expect(again).toEqual(['wrong', 'wrong', 'wrong', 'wrong']);
  });
});
