/**
 * From "one result per distinct document" back to "one outcome per input" (import-results.ts does the
 * bookkeeping): the outcomes the embedded mode would have produced, which writeDataset turns into the same bytes.
 */
import { createHash } from 'node:crypto';
import type { ExtractionResult, FailureCode } from '../../extractors/model.js';
import type { CollectedInput } from '../stages.js';

/** sha256 of no bytes: what an input that could not be read reports (as in the embedded mode). */
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/**
 * One input after the importer has looked at it: the parse job it maps to, or why it never reaches a
 * worker (it could not be read, or it is over the file size limit), as the embedded mode reports it.
 */
export type PlannedInput =
  | { input: CollectedInput; jobId: string; sha256: string }
  | { input: CollectedInput; refused: { code: FailureCode; message: string } };

/**
 * A result computed for one file name, labelled with another input's name. Extraction depends on
 * the name only through the format (which is part of the job id), so this is exactly what
 * extractReport(bytes, input.relativePath) returns.
 */
export function relabel(result: ExtractionResult, fileName: string): ExtractionResult {
  if (result.ok) return result.reports.every((r) => r.fileName === fileName) ? result : { ok: true, reports: result.reports.map((r) => ({ ...r, fileName })) };
  return result.fileName === fileName ? result : { ...result, fileName };
}

export function failedResult(fileName: string, bytesSha256: string, code: FailureCode, message: string): ExtractionResult {
  return { ok: false, fileName, bytesSha256, failure: { code, message } };
}

/** A parse job that failed for good (its retries used up): the failure BullMQ recorded, as an internal error. */
export function jobFailedResult(fileName: string, sha256: string, reason: string): ExtractionResult {
  const oneLine = reason.split('\n')[0]?.trim() || 'unknown error';
  return failedResult(fileName, sha256, 'internal_error', `parse job failed: ${oneLine}`);
}
