import type { InvokeRemote } from './remote-call';

type Call = Parameters<InvokeRemote>[0];
type Answer = { status: number; body?: unknown } | Error;

/**
 * A stand-in for `@forge/bridge`'s `invokeRemote`: answers queued per `METHOD path`, records every
 * call, and fails loudly on a call nobody expected.
 */
export function createFakeBridge() {
  const calls: Call[] = [];
  const queues = new Map<string, Answer[]>();
  const invokeRemote: InvokeRemote = async (input) => {
    calls.push(structuredClone(input));
    const key = `${input.method} ${input.path}`;
    const answer = queues.get(key)?.shift();
    if (answer === undefined) throw new Error(`fake bridge: unexpected call ${key}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    invokeRemote,
    calls,
    /** Queues the next answer for `METHOD path` (an Error makes the bridge throw). */
    answer(method: Call['method'], path: string, answer: Answer) {
      const key = `${method} ${path}`;
      queues.set(key, [...(queues.get(key) ?? []), answer]);
    },
  };
}
