/** A request body that cannot be read as findings; `index` is the 1-based finding or line. */
export class FindingsInputError extends Error {
  constructor(
    message: string,
    readonly index: number,
    /** `too_large`: one finding passed MAX_FINDING_BYTES (answered 413, not 400). */
    readonly kind: 'invalid' | 'too_large' = 'invalid',
  ) {
    super(message);
    this.name = 'FindingsInputError';
  }
}

/** Bodies bigger than this per finding are refused (one line or array element). */
export const MAX_FINDING_BYTES = 1024 * 1024;

async function* decoded(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      let text: string;
      try {
        text = decoder.decode(value, { stream: true });
      } catch {
        throw new FindingsInputError('The body is not valid UTF-8.', 0);
      }
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    reader.releaseLock();
  }
}

function parse(text: string, index: number, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FindingsInputError(`${what} ${index} is not valid JSON.`, index);
  }
}

/**
 * NDJSON: one finding per line, blank lines skipped. Only the current line is held in memory,
 * and a line is refused once it passes MAX_FINDING_BYTES characters, before it is complete.
 */
export async function* ndjsonValues(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  let pending = '';
  let line = 0;
  for await (const chunk of decoded(body)) {
    pending += chunk;
    let from = 0;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      line += 1;
      const text = pending.slice(from, newline).trim();
      if (text) yield parse(text, line, 'Line');
      from = newline + 1;
      newline = pending.indexOf('\n', from);
    }
    pending = pending.slice(from);
    if (pending.length > MAX_FINDING_BYTES)
      throw new FindingsInputError(`Line ${line + 1} is longer than ${MAX_FINDING_BYTES} characters.`, line + 1, 'too_large');
  }
  const text = pending.trim();
  if (text) yield parse(text, line + 1, 'Line');
}

/**
 * A JSON array of objects read element by element: a small scanner tracks strings, escapes and
 * depth, cuts each top-level element out and parses only that, so the array never has to fit in
 * memory. Anything but `[ {…}, {…} ]` (with whitespace) is refused with the element's position.
 */
export async function* jsonArrayValues(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  type State = 'before-array' | 'before-first' | 'after-comma' | 'after-element' | 'in-element' | 'done';
  let state = 'before-array' as State;
  let element = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let index = 0;
  for await (const chunk of decoded(body)) {
    let start = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const char = chunk[i]!;
      if (state === 'in-element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (char === '\\') escaped = true;
          else if (char === '"') inString = false;
          continue;
        }
        if (char === '"') inString = true;
        else if (char === '{' || char === '[') depth += 1;
        else if (char === '}' || char === ']') {
          depth -= 1;
          if (depth === 0) {
            element += chunk.slice(start, i + 1);
            yield parse(element, index, 'Element');
            element = '';
            state = 'after-element';
          }
        }
        continue;
      }
      if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
      if (state === 'before-array' && char === '[') state = 'before-first';
      else if ((state === 'before-first' || state === 'after-element') && char === ']') state = 'done';
      else if (state === 'after-element' && char === ',') state = 'after-comma';
      else if ((state === 'before-first' || state === 'after-comma') && char === '{') {
        state = 'in-element';
        index += 1;
        depth = 1;
        start = i;
      } else if (state === 'done') throw new FindingsInputError('Nothing may follow the closing ] of the array.', index);
      else
        throw new FindingsInputError(
          state === 'before-array' ? 'The body must be a JSON array of findings.' : `Element ${index + 1} of the array must be a JSON object.`,
          index + 1,
        );
    }
    if (state === 'in-element') {
      element += chunk.slice(start);
      if (element.length > MAX_FINDING_BYTES)
        throw new FindingsInputError(`Element ${index} is larger than ${MAX_FINDING_BYTES} characters.`, index, 'too_large');
    }
  }
  if (state !== 'done')
    throw new FindingsInputError(
      state === 'before-array' ? 'The body must be a JSON array of findings.' : 'The JSON array is not closed: the body ended early.',
      index,
    );
}
