import type { AppDeps } from '../../deps';
import { AppError, payloadTooLarge, unsupportedMediaType, validationFailed } from '../../errors';
import { FindingsInputError, jsonArrayValues, ndjsonValues } from './findings-input';
import { csvHeader, csvRecord, portableFindingSchema, portableIssue, MAX_FINDING_LABELS, type PortableFinding, type PortableMapping } from './portable-rows';

/** What `POST /exports/portable` was asked for. */
export interface PortableRequest {
  body: ReadableStream<Uint8Array> | null;
  contentType: string;
  format: 'csv' | 'json';
  mapping: PortableMapping;
  /**
   * Ends the connection after what was written is flushed, without the response's final chunk;
   * false where the runtime has no such control (Workers reset the connection on a failed stream).
   */
  abort: () => boolean;
}

/** The download: headers to send and a body produced as the reader pulls it. */
export interface PortableExport {
  contentType: string;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

/** One request exports at most this many findings. */
export const MAX_PORTABLE_FINDINGS = 1_000_000;
/** Rows are handed to the socket in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

function valuesOf(request: PortableRequest): AsyncGenerator<unknown> {
  const mediaType = request.contentType.split(';')[0]!.trim().toLowerCase();
  if (!request.body) throw validationFailed('The body is empty.', 'Send findings as NDJSON (one per line) or as a JSON array.');
  if (NDJSON_TYPES.includes(mediaType)) return ndjsonValues(request.body);
  if (mediaType === 'application/json') return jsonArrayValues(request.body);
  throw unsupportedMediaType(
    `Content-Type ${mediaType || '(none)'} is not accepted here.`,
    'Send Content-Type: application/x-ndjson (one finding per line) or application/json (an array of findings).',
  );
}

/** Each value checked as a finding; the first bad one ends the export with its position. */
async function* findingsOf(values: AsyncGenerator<unknown>): AsyncGenerator<PortableFinding> {
  let index = 0;
  for await (const value of values) {
    index += 1;
    if (index > MAX_PORTABLE_FINDINGS) throw new FindingsInputError(`More than ${MAX_PORTABLE_FINDINGS} findings in one request.`, index);
    const parsed = portableFindingSchema.safeParse(value);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(finding)'}: ${issue.message}`).join('; ');
      throw new FindingsInputError(`Finding ${index} is invalid: ${detail}.`, index);
    }
    yield parsed.data;
  }
}

/**
 * The text of the download, in chunks: header, rows, footer. When the findings fail after a chunk
 * went out, the rows already made are handed over before the error, so nothing is silently lost.
 */
async function* documentOf(findings: AsyncGenerator<PortableFinding>, request: PortableRequest, generatedAt: string): AsyncGenerator<string> {
  const labelColumns = request.mapping.labels.length + MAX_FINDING_LABELS + 1;
  const csv = request.format === 'csv';
  let buffer = csv
    ? csvHeader(labelColumns)
    : `{"format":"webriskops.portable.v1","generated_at":${JSON.stringify(generatedAt)},"columns":["Summary","Issue Type","Priority","Description","Labels","External ID"],"issues":[`;
  let count = 0;
  let handedOver = false;
  try {
    for await (const finding of findings) {
      const issue = portableIssue(finding, request.mapping);
      buffer += csv ? csvRecord(issue, labelColumns) : `${count > 0 ? ',' : ''}\n${JSON.stringify({ ...issue, severity: finding.severity, url: finding.url })}`;
      count += 1;
      if (buffer.length >= CHUNK_CHARS) {
        handedOver = true;
        yield buffer;
        buffer = '';
      }
    }
  } catch (error) {
    if (handedOver && buffer) yield buffer;
    throw error;
  }
  if (!csv) buffer += `\n],"count":${count}}\n`;
  yield buffer;
}

/** A failure before anything was sent, as the answer the job gets instead of a download. */
function refusalOf(error: unknown): unknown {
  if (error instanceof FindingsInputError && error.kind === 'too_large') {
    return payloadTooLarge(error.message, 'Keep each finding under 1 MB: cut its evidence.');
  }
  if (error instanceof FindingsInputError) {
    return validationFailed(
      error.message,
      'Send findings as NDJSON (one JSON object per line) or as a JSON array of objects with fingerprint, title, description, severity, url and optional evidence and labels.',
    );
  }
  return error;
}

/**
 * The portable fallback: findings in, a Jira CSV import file or a JSON document out, both streamed.
 * Input is read incrementally (NDJSON line by line, or a JSON array element by element) and each
 * row is written as the client reads, so memory stays flat whatever the count. The first chunk
 * (about 64 KB) is made before answering, so a bad finding or body in it gets a 4xx envelope; a
 * failure later ends the connection without the response's final chunk, so a client sees a broken
 * transfer, never a complete file.
 */
export async function startPortableExport(deps: AppDeps, request: PortableRequest): Promise<PortableExport> {
  const now = deps.clock.now();
  const chunks = documentOf(findingsOf(valuesOf(request)), request, now.toISOString());
  let first: IteratorResult<string>;
  try {
    first = await chunks.next();
  } catch (error) {
    throw refusalOf(error);
  }
  const encoder = new TextEncoder();
  let waiting: string | null = first.done ? null : first.value;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (waiting !== null) {
          controller.enqueue(encoder.encode(waiting));
          waiting = null;
          return;
        }
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          const known = error instanceof FindingsInputError || error instanceof AppError;
          deps.logger.warn('portable export aborted', { error_name: (error as Error).name, reason: known ? (error as Error).message : 'internal' });
          // Node: the socket ends without the final chunk and the stream is cancelled when it closes.
          if (!request.abort()) controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
      // Pulled only when the socket wants more: nothing waits in a queue when the stream is aborted.
    },
    { highWaterMark: 0 },
  );
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return {
    contentType: request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    filename: `webriskops-findings-${stamp}.${request.format}`,
    stream,
  };
}
