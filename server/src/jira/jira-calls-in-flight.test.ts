import { describe, expect, it } from 'vitest';
import { createJiraCallsInFlight } from './jira-calls-in-flight';

describe('JiraCallsInFlight', () => {
  it('drains at once when nothing is in flight, and waits for the calls of that target only', async () => {
    const inFlight = createJiraCallsInFlight();
    expect(await inFlight.drain('w:t', 1000)).toEqual([]);
    const endA = inFlight.start('w:t', 'POST /issue');
    const endOther = inFlight.start('w:other', 'GET /search');
    setTimeout(endA, 50);
    const started = Date.now();
    expect(await inFlight.drain('w:t', 1000)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(Date.now() - started).toBeLessThan(900);
    endOther();
  });

  it('gives up after the timeout and names what is still on the wire', async () => {
    const inFlight = createJiraCallsInFlight();
    const end = inFlight.start('w:t', 'PUT /issue/SEC-1');
    expect(await inFlight.drain('w:t', 60)).toEqual(['PUT /issue/SEC-1']);
    end();
    expect(await inFlight.drain('w:t', 60)).toEqual([]);
  });
});
