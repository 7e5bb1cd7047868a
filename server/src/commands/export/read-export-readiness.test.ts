import { describe, expect, it } from 'vitest';
import type { TargetRecord } from '@webriskops/shared';
import { deepFreeze } from '../../db/cached-reads';
import { depsAt, readyTarget } from '../../presenters/readiness-test-support';
import { exportReadinessOf, exportReadinessText } from './read-export-readiness';

/** A cached read as the readiness cache hands it out: frozen, shared by every poll. */
const cachedRead = (record: TargetRecord, problems: unknown = null) => deepFreeze({ record: structuredClone(record), problems: structuredClone(problems) });

const times = [
  '2026-11-30T08:59:59.999Z', // before the checks ran: clock skew, answered all the same
  '2026-11-30T09:00:00.000Z',
  '2026-11-30T10:59:59.999Z',
  '2026-11-30T11:00:00.000Z', // the last millisecond the checks count (2-hour maximum age)
  '2026-11-30T11:00:00.001Z',
  '2026-11-30T12:30:00.000Z',
  '2026-11-30T10:00:00.000Z', // the clock going back
];

describe('the readiness poll text from memory', () => {
  it('is, byte for byte, the JSON of the answer the full path builds, in every state and as time passes', () => {
    const tricky = 'A reason with "quotes", a \\ backslash and the text "evaluated_at":"1970-01-01T00:00:00.000Z" in it.';
    const reads = [
      cachedRead(readyTarget),
      cachedRead(readyTarget, [{ code: 'MAPPING_FIELD_GONE', field: 'customfield_10010', message: tricky }]),
      cachedRead({ ...readyTarget, state: 'draft' }),
      cachedRead({
        ...readyTarget,
        base_url: null,
        checks: { ...readyTarget.checks, url: { status: 'failed', checked_at: readyTarget.created_at, reason: tricky } },
      }),
      cachedRead({ ...readyTarget, state: 'revoked', credential: null }),
    ];
    const clock = { now: new Date(times[0]!) };
    const deps = depsAt(clock);
    const seen = new Set<string>();
    for (const time of times) {
      clock.now = new Date(time);
      for (const read of reads) {
        const text = exportReadinessText(deps, read, clock.now);
        expect(text).toBe(JSON.stringify(exportReadinessOf(deps, read)));
        expect(JSON.parse(text)).toMatchObject({ evaluated_at: time });
        seen.add(`${String((JSON.parse(text) as { ready: boolean }).ready)}:${(JSON.parse(text) as { state: string }).state}`);
      }
    }
    // The cases above reach ready and not ready, saved and not.
    expect([...seen].sort()).toEqual(['false:blocked', 'false:draft', 'false:revoked', 'true:ready']);
  });

  it('keeps no text for a record that is not frozen: an edit to it shows in the next answer', () => {
    const clock = { now: new Date('2026-11-30T10:00:00.000Z') };
    const deps = depsAt(clock);
    const record = structuredClone(readyTarget);
    const read = { record, problems: null };
    expect(JSON.parse(exportReadinessText(deps, read, clock.now))).toMatchObject({ ready: true, state: 'ready' });
    record.state = 'revoked';
    expect(exportReadinessText(deps, read, clock.now)).toBe(JSON.stringify(exportReadinessOf(deps, read)));
    expect(JSON.parse(exportReadinessText(deps, read, clock.now))).toMatchObject({ ready: false });
  });

  it('answers a new text when the record read changes, never the text of another read', () => {
    const clock = { now: new Date('2026-11-30T10:00:00.000Z') };
    const deps = depsAt(clock);
    const first = cachedRead(readyTarget);
    const second = cachedRead({ ...readyTarget, id: 'tgt_other', state: 'draft' });
    expect(JSON.parse(exportReadinessText(deps, first, clock.now))).toMatchObject({ target_id: 'tgt_ready', ready: true });
    expect(JSON.parse(exportReadinessText(deps, second, clock.now))).toMatchObject({ target_id: 'tgt_other', ready: false, state: 'draft' });
    expect(JSON.parse(exportReadinessText(deps, first, clock.now))).toMatchObject({ target_id: 'tgt_ready', ready: true });
  });
});
