/**
 * The body of a parse job, run inside the sandbox thread (parse-processor.ts): decode the document,
 * check it is the one the job id names, extract. A document the extractor cannot read is a normal,
 * final result (ok:false, the job completes and is never retried); only thrown errors, which mean
 * something went wrong around the document rather than with it, make BullMQ retry.
 */
import { createHash } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { extractReport } from '../../extractors/extract-report.js';
import { ExtractionFailure, type ExtractionResult } from '../../extractors/model.js';
import { readProgramVersion } from '../program-info.js';
import { parseJobDataSchema, parseJobName } from './job-data.js';
import { EMPTY_SHA256 } from './outcomes.js';

export interface ParseJobLike {
  name: string;
  data: unknown;
}

export type Extract = (bytes: Uint8Array, fileName: string) => Promise<ExtractionResult>;

export async function processParseJob(job: ParseJobLike, extract: Extract = extractReport, simulateCpuMs = 0): Promise<ExtractionResult> {
  if (job.name !== parseJobName()) {
    // Retryable on purpose: another worker, of the importing version, may take it.
    throw new Error(`job was enqueued by ${job.name.replace('parse@', 'stj-findings ')} but this worker runs stj-findings ${readProgramVersion()}`);
  }
  const parsed = parseJobDataSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed parse job: ${parsed.error.issues[0]?.message ?? 'invalid data'}`);
  const { fileName, sha256, base64 } = parsed.data;
  if (base64 === '' && sha256 !== EMPTY_SHA256) {
    throw new UnrecoverableError('this job finished before and no longer holds its document; import the file again instead of retrying the job');
  }
  const bytes = Buffer.from(base64, 'base64');
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new UnrecoverableError(`payload damaged in transit: sha256 ${actual} instead of ${sha256}`);

  if (simulateCpuMs > 0) busyWait(simulateCpuMs);
  try {
    return await extract(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName);
  } catch (error) {
    // extractReport reports bad input as a result; should one slip through as an exception it is still final.
    if (error instanceof ExtractionFailure) return { ok: false, fileName, bytesSha256: sha256, failure: { code: error.code, message: error.message } };
    throw error;
  }
}

/** Deliberately blocks this thread, standing in for a heavy PDF: the worker's lock renewal must not notice. */
function busyWait(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}
