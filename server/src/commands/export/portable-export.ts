import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { findingSchema, type Finding } from './export-input';
import { FindingsInputError, jsonArrayValues, ndjsonValues } from './findings-input';
import { csvHeader, csvRecord, portableIssue, type PortableMapping } from './portable-rows';

/** What `POST /exports/portable` was asked for. */
export interface PortableRequest {
  body: ReadableStream<Uint8Array> | null;
  contentType: string;
  format: 'csv' | 'json';
  mapping: PortableMapping;
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
  if (!request.body) throw new AppError('VALIDATION_FAILED', 400, 'The body is empty.', 'Send findings as NDJSON (one per line) or as a JSON array.');
  if (NDJSON_TYPES.includes(mediaType)) return ndjsonValues(request.body);
  if (mediaType === 'application/json') return jsonArrayValues(request.body);
  throw new AppError('BAD_REQUEST', 415, `Content-Type ${mediaType || '(none)'} is not accepted here.`, 'Send Content-Type: application/x-ndjson (one finding per line) or application/json (an array of findings).');
}

/** Each value checked as a finding; the first bad one ends the export with its position. */
async function* findingsOf(values: AsyncGenerator<unknown>): AsyncGenerator<Finding> {
  let index = 0;
  for await (const value of values) {
    index += 1;
    if (index > MAX_PORTABLE_FINDINGS) throw new FindingsInputError(`More than ${MAX_PORTABLE_FINDINGS} findings in one request.`, index);
    const parsed = findingSchema.safeParse(value);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(finding)'}: ${issue.message}`).join('; ');
      throw new FindingsInputError(`Finding ${index} is invalid: ${detail}.`, index);
    }
    yield parsed.data;
  }
}

/** The text of the download, in chunks: header, rows, footer. */
async function* documentOf(first: Finding | null, rest: AsyncGenerator<Finding>, request: PortableRequest, generatedAt: string): AsyncGenerator<string> {
  const labelColumns = request.mapping.labels.length + 1;
  const csv = request.format === 'csv';
  let buffer = csv
    ? csvHeader(labelColumns)
    : `{"format":"webriskops.portable.v1","generated_at":${JSON.stringify(generatedAt)},"columns":["Summary","Issue Type","Priority","Description","Labels","External ID"],"issues":[`;
  let count = 0;
  const write = (finding: Finding) => {
    const issue = portableIssue(finding, request.mapping);
    buffer += csv ? csvRecord(issue, labelColumns) : `${count > 0 ? ',' : ''}\n${JSON.stringify({ ...issue, severity: finding.severity, url: finding.url })}`;
    count += 1;
  };
  if (first) write(first);
  for await (const finding of rest) {
    write(finding);
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (!csv) buffer += `\n],"count":${count}}\n`;
  yield buffer;
}

/**
 * The portable fallback: findings in, a Jira CSV import file or a JSON document out, both streamed.
 * Input is read incrementally (NDJSON line by line, or a JSON array element by element) and each
 * row is written as the client reads, so memory stays flat whatever the count. The first finding
 * is read before answering, so an unreadable body gets a 400; a bad finding later aborts the
 * stream (the response ends without its final chunk, so a client never takes it for complete).
 */
export async function startPortableExport(deps: AppDeps, request: PortableRequest): Promise<PortableExport> {
  const findings = findingsOf(valuesOf(request));
  let first: IteratorResult<Finding>;
  try {
    first = await findings.next();
  } catch (error) {
    if (error instanceof FindingsInputError) throw new AppError('VALIDATION_FAILED', 400, error.message, 'Send findings as NDJSON (one JSON object per line) or as a JSON array of objects with fingerprint, title, description, severity, url and optional evidence.');
    throw error;
  }
  const now = deps.clock.now();
  const chunks = documentOf(first.done ? null : first.value, findings, request, now.toISOString());
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        deps.logger.warn('portable export aborted', { error_name: (error as Error).name, reason: error instanceof FindingsInputError ? error.message : 'internal' });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    contentType: request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    filename: `webriskops-findings-${stamp}.${request.format}`,
    stream,
  };
}
