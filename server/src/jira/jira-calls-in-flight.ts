/**
 * The Jira calls this process has on the wire, per target, so that a disconnect can wait for
 * them before it answers. In-process only: on Workers each isolate has its own, so there a
 * disconnect waits for the calls of its own isolate; the database re-read before every call
 * (see `guardTargetTurn`) is what stops the others.
 */
export interface JiraCallsInFlight {
  /** Registers a call (synchronously, before anything is awaited); returns the function that ends it. */
  start(targetKey: string, label: string): () => void;
  /** Resolves once no call is in flight on the target, or after `timeoutMs` with the labels of those still on the wire. */
  drain(targetKey: string, timeoutMs: number): Promise<string[]>;
}

interface Call {
  label: string;
  finished: Promise<void>;
}

export function createJiraCallsInFlight(): JiraCallsInFlight {
  const calls = new Map<string, Set<Call>>();
  return {
    start(targetKey, label) {
      let end = () => {};
      const call: Call = { label, finished: new Promise<void>((resolve) => (end = resolve)) };
      const set = calls.get(targetKey) ?? new Set<Call>();
      set.add(call);
      calls.set(targetKey, set);
      return () => {
        set.delete(call);
        if (set.size === 0 && calls.get(targetKey) === set) calls.delete(targetKey);
        end();
      };
    },
    async drain(targetKey, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const pending = [...(calls.get(targetKey) ?? [])];
        if (pending.length === 0) return [];
        const left = deadline - Date.now();
        if (left <= 0) return pending.map((call) => call.label);
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([Promise.all(pending.map((call) => call.finished)), new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
        clearTimeout(timer);
      }
    },
  };
}

/** The key a target's calls are registered under: the same for exports and for the disconnect that waits on them. */
export const inFlightKey = (workspaceId: string, targetId: string) => `${workspaceId}:${targetId}`;
