import { describe, expect, it } from 'vitest';
import { FindingsInputError, jsonArrayValues, MAX_FINDING_BYTES, ndjsonValues } from './findings-input';

/** A body delivered in the given pieces (split anywhere, even inside a UTF-8 character). */
function body(...pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = pieces.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : piece));
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function collect(values: AsyncGenerator<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of values) out.push(value);
  return out;
}

describe('ndjsonValues', () => {
  it('reads lines split across chunks, skips blank lines, reads a last line without newline', async () => {
    expect(await collect(ndjsonValues(body('{"a":1}\n\n{"b', '":"x\\n"}\r\n', '  \n{"c":3}')))).toEqual([{ a: 1 }, { b: 'x\n' }, { c: 3 }]);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const bytes = new TextEncoder().encode('{"t":"é"}\n');
    expect(await collect(ndjsonValues(body(bytes.slice(0, 7), bytes.slice(7))))).toEqual([{ t: 'é' }]);
  });

  it('names the bad line and refuses an endless one', async () => {
    await expect(collect(ndjsonValues(body('{"a":1}\n{oops}\n')))).rejects.toThrow('Line 2 is not valid JSON.');
    await expect(collect(ndjsonValues(body('x'.repeat(MAX_FINDING_BYTES + 1))))).rejects.toThrow(FindingsInputError);
    await expect(collect(ndjsonValues(body(new Uint8Array([0xff, 0xfe]))))).rejects.toThrow('not valid UTF-8');
  });
});

describe('jsonArrayValues', () => {
  it('cuts elements out of an array split anywhere, strings with brackets and escapes included', async () => {
    const text = ' [ {"a":"]}\\"{["}, {"b":[1,{"c":2}]} ,{"d":"\\\\"}] \n';
    for (let cut = 1; cut < text.length; cut += 3) {
      expect(await collect(jsonArrayValues(body(text.slice(0, cut), text.slice(cut))))).toEqual([{ a: ']}"{[' }, { b: [1, { c: 2 }] }, { d: '\\' }]);
    }
  });

  it('reads an empty array', async () => expect(await collect(jsonArrayValues(body('[]')))).toEqual([]));

  it.each([
    ['{"a":1}', 'must be a JSON array'],
    ['[1, 2]', 'Element 1 of the array must be a JSON object'],
    ['[{"a":1},]', 'Element 2 of the array must be a JSON object'],
    ['[{"a":1}', 'not closed'],
    ['[{"a":1}] x', 'Nothing may follow'],
    ['[{"a":}]', 'Element 1 is not valid JSON'],
    ['', 'must be a JSON array'],
  ])('refuses %j', async (text, message) => {
    await expect(collect(jsonArrayValues(body(text)))).rejects.toThrow(message);
  });
});
