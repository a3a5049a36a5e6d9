/**
 * The message protocol between the embedded pool (run-embedded.ts) and its threads
 * (extraction-worker.ts). Kept apart from the thread body so the main thread can check replies
 * without loading the extractors, and without the thread body's side effects.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { extractionResultSchema, inputFormatSchema, isParsedReport, reportSegmentSchema, type ExtractionResult } from '../extractors/model.js';
import { headOf } from './outcome-store.js';
import { compareSummarySchema } from './compare/summary.js';

export interface WorkerJob {
  id: number;
  absolutePath: string;
  relativePath: string;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/**
 * head: what assembly needs before the bodies (outcome-store.ts); reports: JSON of each
 * ExtractedReport the file holds (several for a bundle), present exactly when head.ok, one per
 * head.reports entry. The pool checks this envelope with replySchema.
 */
export interface WorkerReply {
  id: number;
  head: ReturnType<typeof headOf>;
  reports?: string[];
}

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const failedSchema = extractionResultSchema.options[1];
export const replySchema = z.object({
  id: z.number().int().nonnegative(),
  head: z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      reports: z.array(z.object({ contentKey: sha, skeletonKey: sha.nullable(), bytesSha256: sha, format: inputFormatSchema, encoding: z.string(), segment: reportSegmentSchema.nullable(), compare: compareSummarySchema })).min(1),
    }),
    z.object({ ok: z.literal(false), failure: failedSchema }),
  ]),
  reports: z.array(z.string()).optional(),
});

/** The reply for one job: the result checked against the schema, an invalid one turned into an internal error. */
export function replyFor(job: WorkerJob, raw: ExtractionResult): WorkerReply {
  // Reports extraction has just parsed (model.ts) are not parsed a second time; their envelope is { ok, reports } as built there.
  if (isCheckedSuccess(raw)) return { id: job.id, head: headOf(raw), reports: raw.reports.map((report) => JSON.stringify(report)) };
  const parsed = extractionResultSchema.safeParse(raw);
  let result: ExtractionResult;
  if (parsed.success) result = parsed.data;
  else {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    // The manifest names the file's content by hash: take it from the broken result if it holds one.
    const loose = raw as { bytesSha256?: unknown; reports?: { bytesSha256?: unknown }[] } | null;
    const bytes = (Array.isArray(loose?.reports) ? loose.reports[0]?.bytesSha256 : undefined) ?? loose?.bytesSha256;
    const sha256 = typeof bytes === 'string' && /^[0-9a-f]{64}$/.test(bytes) ? bytes : EMPTY_SHA256;
    const message = `extraction returned an invalid result${where}: ${issue?.message ?? 'unknown issue'}`;
    result = failure(job.relativePath, sha256, 'internal_error', message);
  }
  return result.ok ? { id: job.id, head: headOf(result), reports: result.reports.map((report) => JSON.stringify(report)) } : { id: job.id, head: headOf(result) };
}


/** A success whose every report came out of the schema parse unchanged: parsing it again would give the same bytes. */
function isCheckedSuccess(raw: unknown): raw is Extract<ExtractionResult, { ok: true }> {
  const result = raw as { ok?: unknown; reports?: unknown } | null;
  return result?.ok === true && Array.isArray(result.reports) && result.reports.length > 0 && result.reports.every(isParsedReport);
}

function failure(fileName: string, bytesSha256: string, code: 'internal_error', message: string): ExtractionResult {
  return { ok: false, fileName, bytesSha256, failure: { code, message } };
}
