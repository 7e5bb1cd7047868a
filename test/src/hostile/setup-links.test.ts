import { afterAll, describe, expect, it } from 'vitest';
import { formBody, startAccessCompanion, tempDataDir } from './support/access-world';

const dirs: Array<{ remove(): void }> = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

async function useLink(link: string, email: string) {
  const url = new URL(link);
  const token = url.searchParams.get('token')!;
  const { body, headers } = formBody({ token, email, password: 'a long enough password' });
  return fetch(`${url.origin}/setup`, { method: 'POST', body, headers, redirect: 'manual' });
}

describe('hostile: one-time setup links stay one-time (npm start, real process)', () => {
  it('link A dies when a restart prints link B, and B dies once it made the first admin', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const first = await startAccessCompanion(dir.path);
    const linkA = await first.setupLink();
    expect(linkA).toBeTruthy();
    await first.stop();

    const second = await startAccessCompanion(dir.path);
    try {
      const linkB = (await second.setupLink())!;
      expect(linkB).toBeTruthy();
      expect(linkB).not.toBe(linkA);
      const rebased = linkA!.replace(/^http:\/\/[^/]+/, second.base);
      const formA = await (await fetch(rebased)).text();
      expect(formA, 'the form for the superseded link says it is dead').toMatch(/invalid, used or expired|no longer|expired/i);

      const withA = await useLink(rebased, 'attacker@example.com');
      expect(withA.status).toBe(401);
      const withB = await useLink(linkB, 'admin@example.com');
      expect(withB.status).toBe(303);
      const againB = await useLink(linkB, 'second@example.com');
      expect(againB.status).toBe(401);
      const lateA = await useLink(rebased, 'late@example.com');
      expect(lateA.status, 'A is dead after the admin exists, too').toBe(401);
    } finally {
      await second.stop();
    }

    const third = await startAccessCompanion(dir.path);
    try {
      expect(await third.setupLink(), 'a workspace with an admin prints no link').toBeNull();
    } finally {
      await third.stop();
    }
  }, 90_000);

  it('a link printed before an admin was created with the CLI cannot create a second admin', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const companion = await startAccessCompanion(dir.path);
    try {
      const link = (await companion.setupLink())!;
      const created = await companion.cli(['user', 'create', '--workspace', 'default', '--email', 'ops@example.com'], 'the operator password\n');
      expect(created.code).toBe(0);
      const late = await useLink(link, 'attacker@example.com');
      expect(late.status).toBe(401);
      expect(await late.text()).toMatch(/no longer works|has an admin now/);
      const form = await (await fetch(link)).text();
      expect(form).not.toContain('name="password"');
    } finally {
      await companion.stop();
    }
  }, 60_000);
});
