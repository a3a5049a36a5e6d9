/**
 * What crosses Redis, checked with zod on the way out of it:
 *   - a parse job's data: a batch of documents (the bytes themselves, base64, since workers may run on
 *     machines that cannot see the importer's files) and the import (run) it belongs to;
 *   - a batch's results, pushed by the worker onto the run's result list: per document the head the
 *     export needs up front and each report as the JSON text the extraction thread produced (checked
 *     against the full schema there, as in the embedded mode), so the importer spills it unparsed.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { detectFormat } from '../../extractors/input/detect-format.js';
import { readProgramVersion } from '../program-info.js';
import { replySchema } from '../worker-reply.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const parseDocumentSchema = z.object({
  /** The document key: content hash plus format (see documentKey). */
  key: z.string().min(1),
  /** Name the extraction sees (the first input's relativePath); re-labelled per input by the importer. */
  fileName: z.string().min(1),
  sha256,
  base64: z.string(),
});
export type ParseDocument = z.infer<typeof parseDocumentSchema>;

export const parseJobDataSchema = z.object({
  runId: z.string().regex(/^[0-9a-z-]+$/),
  docs: z.array(parseDocumentSchema),
});
export type ParseJobData = z.infer<typeof parseJobDataSchema>;

/** One document's answer: replySchema's head and report bodies (one per report the file holds), keyed by the document. */
export const documentResultSchema = replySchema.omit({ id: true }).extend({ key: z.string().min(1) });
export type DocumentResult = z.infer<typeof documentResultSchema>;

export const batchResultSchema = z.object({ job: z.string().min(1), docs: z.array(documentResultSchema) });
export type BatchResult = z.infer<typeof batchResultSchema>;

/**
 * The document key is the content hash plus the format the extractor will read the bytes as.
 * extractReport(bytes, fileName) uses the name only as a format hint (".html", ".docx"), so the
 * same bytes under another extension can be another document; the format suffix keeps those apart
 * while every copy of a file, under any name, is parsed once.
 */
export function documentKey(bytes: Uint8Array, fileName: string): { key: string; sha256: string } {
  const sha = createHash('sha256').update(bytes).digest('hex');
  return { key: `${sha}-${detectFormat(bytes, fileName)}`, sha256: sha };
}

/**
 * The job name carries the program version: a worker refuses jobs from another version (its
 * results could differ from what the embedded mode of the importing version writes).
 */
export function parseJobName(): string {
  return `parse@${readProgramVersion()}`;
}

export function encodeDocument(key: string, bytes: Uint8Array, fileName: string, sha: string): ParseDocument {
  return { key, fileName, sha256: sha, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** Reads one entry of a run's result list, or explains why it is not one. */
export function readBatchResult(raw: string): { ok: true; batch: BatchResult } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'result entry is not JSON' };
  }
  const parsed = batchResultSchema.safeParse(value);
  if (parsed.success) {
    // As the embedded pool checks its threads' replies: one body per report head, none for a failure.
    const bad = parsed.data.docs.find((d) => (d.head.ok ? d.reports?.length !== d.head.reports.length : d.reports !== undefined));
    if (!bad) return { ok: true, batch: parsed.data };
    return { ok: false, problem: `result for ${bad.key.slice(0, 12)} has its report bodies missing, unexpected or not one per report` };
  }
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, problem: `result entry is not a batch result${where}: ${issue?.message ?? 'unknown issue'}` };
}
