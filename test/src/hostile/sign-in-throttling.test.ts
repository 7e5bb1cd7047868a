import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAttempt, startAccessCompanion, tempDataDir, type RunningAccessCompanion, type TimedAnswer } from './support/access-world';

const EMAIL = 'ops@example.com';
const PASSWORD = 'the operator password';
const dirs: Array<{ remove(): void }> = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

async function companionWithAdmin(env: Record<string, string> = {}): Promise<{ companion: RunningAccessCompanion; dataDir: string }> {
  const dir = tempDataDir();
  dirs.push(dir);
  const companion = await startAccessCompanion(dir.path, env);
  const created = await companion.cli(['user', 'create', '--workspace', 'default', '--email', EMAIL], `${PASSWORD}\n`);
  expect(created.code).toBe(0);
  return { companion, dataDir: dir.path };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Guesses from `workers` parallel loops for `durationMs`; every answer kept. */
async function attack(durationMs: number, workers: number, guess: (i: number) => Promise<TimedAnswer>): Promise<TimedAnswer[]> {
  const answers: TimedAnswer[] = [];
  const until = Date.now() + durationMs;
  let i = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < until) answers.push(await guess((i += 1)));
    }),
  );
  return answers;
}

describe('hostile: sign-in throttling (npm start, real process, attacks over loopback HTTP)', () => {
  let companion: RunningAccessCompanion;
  beforeAll(async () => {
    ({ companion } = await companionWithAdmin());
  }, 60_000);
  afterAll(async () => {
    await companion?.stop();
  });

  it('many wrong passwords from one address: a handful are checked, the rest answer 429 at once with Retry-After; the admin at another address still signs in', async () => {
    const durationMs = 8_000;
    // The script also claims a new X-Forwarded-For each time: without TRUST_PROXY that changes nothing.
    const attackRun = attack(durationMs, 4, (i) => signInAttempt(companion.base, EMAIL, `wrong password ${i}`, { forwardedFor: `198.51.100.${i % 250}` }));
    await new Promise((r) => setTimeout(r, 4_000));
    const genuine = await signInAttempt(companion.base, EMAIL, PASSWORD, { localAddress: '127.0.0.2' });
    const answers = await attackRun;

    expect(genuine.status, 'the genuine admin from 127.0.0.2 is not locked out').toBe(303);
    expect(String(genuine.headers['set-cookie'])).toMatch(/wro_session=/);

    const checked = answers.filter((answer) => answer.status === 401);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(checked.length + refused.length).toBe(answers.length);
    process.stdout.write(
      `sign-in attack from one address: ${answers.length} requests in ${durationMs / 1000} s, ${checked.length} passwords checked, ${refused.length} refused with 429; median 401 ${median(checked.map((a) => a.ms)).toFixed(0)} ms, median 429 ${median(refused.map((a) => a.ms)).toFixed(0)} ms\n`,
    );
    // 5 free attempts, then a minute's lock (doubling up to 15 minutes): on main every guess was checked.
    expect(checked.length).toBe(5);
    expect(refused.length).toBeGreaterThan(checked.length);
    for (const answer of refused) {
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(answer.text).toMatch(/Too many sign-in attempts\. Try again in \d+ seconds\./);
    }
    expect(median(refused.map((a) => a.ms)), 'a refused attempt runs no PBKDF2').toBeLessThan(median(checked.map((a) => a.ms)) / 2);

    const correctFromAttacker = await signInAttempt(companion.base, EMAIL, PASSWORD);
    expect(correctFromAttacker.status, 'while locked, even the right password from the attacking address is not checked').toBe(429);
    expect(companion.output()).toMatch(/"message":"sign-in throttled".*"address":"127\.0\.0\.1"/);
    expect(companion.output()).not.toMatch(/wrong password \d/);
  }, 60_000);

  it('spraying many accounts (known or not) from one address hits the per-address limit; the lock survives a restart', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `nobody${i}@example.com`);
    const answers: TimedAnswer[] = [];
    for (const email of emails) {
      const answer = await signInAttempt(companion.base, email, 'a guessed password', { localAddress: '127.0.0.3' });
      answers.push(answer);
      if (answer.status === 429) break;
    }
    const checked = answers.filter((answer) => answer.status === 401).length;
    expect(checked, 'the address gets 20 guesses across accounts, then waits').toBe(20);
    expect(answers.at(-1)!.status).toBe(429);

    // Unknown emails are throttled exactly like known ones (nothing tells which accounts exist).
    const unknown: number[] = [];
    for (let i = 0; i < 6; i += 1) unknown.push((await signInAttempt(companion.base, 'ghost@example.com', `guess ${i}`, { localAddress: '127.0.0.4' })).status);
    expect(unknown).toEqual([401, 401, 401, 401, 401, 429]);

    const before = companion.env;
    await companion.stop();
    companion = await startAccessCompanion(before.DATA_DIR!, { PORT: before.PORT! });
    const afterRestart = await signInAttempt(companion.base, 'nobody29@example.com', 'a guessed password', { localAddress: '127.0.0.3' });
    expect(afterRestart.status, 'the throttle lives in the database, not in the process').toBe(429);
  }, 90_000);
});

describe('hostile: TRUST_PROXY (a proxy on loopback forwards two clients)', () => {
  it('limits by the right-most untrusted X-Forwarded-For hop: the attacker is locked, the admin behind the same proxy is not', async () => {
    const { companion } = await companionWithAdmin({ TRUST_PROXY: '127.0.0.1' });
    try {
      const attacker = '203.0.113.9';
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await signInAttempt(companion.base, EMAIL, `wrong ${i}`, { forwardedFor: attacker })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // A client-written left part cannot move the attacker to the admin's address.
      expect((await signInAttempt(companion.base, EMAIL, 'wrong again', { forwardedFor: `198.51.100.7, ${attacker}` })).status).toBe(429);
      const admin = await signInAttempt(companion.base, EMAIL, PASSWORD, { forwardedFor: '198.51.100.7' });
      expect(admin.status).toBe(303);
      expect(companion.output()).toMatch(/"message":"sign-in throttled".*"address":"203\.0\.113\.9"/);
    } finally {
      await companion.stop();
    }
  }, 60_000);
});
