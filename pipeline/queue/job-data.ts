/**
 * What crosses Redis: the parse job's data (the document itself, base64, since workers may run on
 * machines that cannot see the importer's files) and its return value (an ExtractionResult).
 * Both are checked with zod on the way out of Redis.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { detectFormat } from '../../extractors/input/detect-format.js';
import { extractionResultSchema, type ExtractionResult } from '../../extractors/model.js';
import { readProgramVersion } from '../program-info.js';

export const parseJobDataSchema = z.object({
  /** Name the extraction sees (an input's relativePath); the result is re-labelled per input anyway. */
  fileName: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  base64: z.string(),
});
export type ParseJobData = z.infer<typeof parseJobDataSchema>;

/**
 * The job id is the content hash plus the format the extractor will read the bytes as.
 * extractReport(bytes, fileName) uses the name only as a format hint (".html", ".docx"), so the
 * same bytes under another extension can be another document; the format suffix keeps those apart
 * while every copy of a file, under any name, shares one job. No ':' (BullMQ forbids it in ids).
 */
export function parseJobId(bytes: Uint8Array, fileName: string): { jobId: string; sha256: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { jobId: `${sha256}-${detectFormat(bytes, fileName)}`, sha256 };
}

/**
 * The job name carries the program version: a worker refuses jobs from another version (its
 * results could differ from what the embedded mode of the importing version writes), and an
 * import does not reuse a finished job of another version.
 */
export function parseJobName(): string {
  return `parse@${readProgramVersion()}`;
}

export function encodeParseJob(bytes: Uint8Array, fileName: string, sha256: string): ParseJobData {
  return { fileName, sha256, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** What a finished job keeps: everything but the document (a cached result needs no bytes). */
export function withoutPayload(data: ParseJobData): ParseJobData {
  return { ...data, base64: '' };
}

/** Parses a stored return value (JSON text or already-parsed object) into an ExtractionResult, or explains why not. */
export function readResult(raw: unknown): { ok: true; result: ExtractionResult } | { ok: false; problem: string } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, problem: 'stored result is not JSON' };
    }
  }
  const parsed = extractionResultSchema.safeParse(value);
  if (parsed.success) return { ok: true, result: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, problem: `stored result is not an ExtractionResult${where}: ${issue?.message ?? 'unknown issue'}` };
}
