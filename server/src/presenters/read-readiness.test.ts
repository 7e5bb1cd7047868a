import { describe, expect, it } from 'vitest';
import { readinessView } from './read-readiness';
import { HOUR, depsAt, readyTarget as ready } from './readiness-test-support';

describe('readinessView of a shared (frozen) record', () => {
  it('answers from memory only while time cannot change the answer: a check ageing out or a credential expiring is seen at the millisecond', () => {
    const record = Object.freeze(structuredClone(ready));
    const clock = { now: new Date('2026-11-30T10:00:00.000Z') };
    const deps = depsAt(clock);
    expect(readinessView(deps, record)).toMatchObject({ ready: true, evaluated_at: '2026-11-30T10:00:00.000Z' });
    clock.now = new Date('2026-11-30T10:59:59.999Z');
    expect(readinessView(deps, record)).toMatchObject({ ready: true, evaluated_at: '2026-11-30T10:59:59.999Z' });
    // Checked at 09:00 with a 2-hour maximum age: counts through 11:00:00.000, not a millisecond later.
    clock.now = new Date('2026-11-30T11:00:00.000Z');
    expect(readinessView(deps, record).ready).toBe(true);
    clock.now = new Date('2026-11-30T11:00:00.001Z');
    expect(readinessView(deps, record)).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED', check: 'url' });
    // A longer maximum age (another config) is not answered from the first one's memory.
    const longer = depsAt(clock, 24 * HOUR);
    expect(readinessView(longer, record).ready).toBe(true);
    clock.now = new Date('2026-11-30T12:00:00.000Z');
    expect(readinessView(longer, record)).toMatchObject({ ready: false, code: 'PROVIDER_AUTH_REQUIRED', check: 'auth' });
  });

  it('recomputes when the clock goes back, and hands out copies a caller cannot use to change the next answer', () => {
    const record = Object.freeze(structuredClone(ready));
    const clock = { now: new Date('2026-11-30T11:30:00.000Z') };
    const deps = depsAt(clock);
    expect(readinessView(deps, record).ready).toBe(false);
    clock.now = new Date('2026-11-30T10:30:00.000Z');
    const view = readinessView(deps, record);
    expect(view.ready).toBe(true);
    (view as { ready: boolean }).ready = false;
    expect(readinessView(deps, record).ready).toBe(true);
  });
});
