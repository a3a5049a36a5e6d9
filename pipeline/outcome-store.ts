/**
 * Where the outcomes of a run wait for the export. Assembly needs every input's small "head"
 * (path, content key, hashes, format, failure) at once, to find duplicates and build the manifest,
 * but each report's findings only once, when its rows are written. So a store keeps the heads in
 * memory and, for large batches, the report bodies in a spill file on disk: the main heap then holds
 * a few hundred bytes per input instead of the whole extraction result (tens of KB per report, which
 * at 100k files is gigabytes and ever slower major GCs).
 *
 * The spill file is unlinked as soon as it is open (POSIX), so it cannot outlive the process,
 * even after kill -9; it is read back one report at a time by offset.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ExtractedReport, ExtractionResult, ReportSegment } from '../extractors/model.js';
import type { CollectedInput, InputOutcome } from './stages.js';
import { summarizeReport, type CompareSummary } from './compare/summary.js';

export type FailedResult = Extract<ExtractionResult, { ok: false }>;

/**
 * What assembly needs of a parsed report before its rows are written. `segment`: where in its file
 * the report stands when the file bundles several (null: the whole file).
 */
export type ReportHead = Pick<ExtractedReport, 'contentKey' | 'skeletonKey' | 'bytesSha256' | 'format' | 'encoding'> & {
  segment: ReportSegment | null;
  /** What the comparative stage (pipeline/compare/) needs of the report: a few hundred bytes. */
  compare: CompareSummary;
};

/** One head per report: an input holding several reports (a bundle) has several ok heads, in file order. */
export type OutcomeHead =
  | { input: CollectedInput; ok: true; report: ReportHead; body: number }
  | { input: CollectedInput; ok: false; failure: FailedResult };

export function headOf(result: ExtractionResult): { ok: true; reports: ReportHead[] } | { ok: false; failure: FailedResult } {
  return result.ok ? { ok: true, reports: result.reports.map(reportHead) } : { ok: false, failure: result };
}

function reportHead(report: ExtractedReport): ReportHead {
  const { contentKey, skeletonKey, bytesSha256, format, encoding, segment } = report;
  return { contentKey, skeletonKey, bytesSha256, format, encoding, segment: segment ?? null, compare: summarizeReport(report) };
}

export interface OutcomeSource {
  readonly heads: readonly OutcomeHead[];
  /** The full report behind an ok head. */
  load(head: Extract<OutcomeHead, { ok: true }>): ExtractedReport;
}

/** Everything in memory: the shape tests and the queue mode hand over (InputOutcome[]). */
export function memorySource(outcomes: readonly InputOutcome[]): OutcomeSource {
  const reports: ExtractedReport[] = [];
  const heads: OutcomeHead[] = outcomes.flatMap(({ input, result }): OutcomeHead[] => {
    if (!result.ok) return [{ input, ok: false, failure: result }];
    return result.reports.map((report) => {
      reports.push(report);
      return { input, ok: true, report: reportHead(report), body: reports.length - 1 };
    });
  });
  return { heads, load: (head) => reports[head.body]! };
}

/**
 * Spills report bodies (their JSON, as the worker thread serialised it) to a file in dir.
 * Not safe for concurrent use; the embedded pool calls it from the main thread only.
 */
export class SpillStore implements OutcomeSource {
  readonly heads: OutcomeHead[] = [];
  private readonly fd: number;
  private readonly file: string;
  private unlinked = false;
  private size = 0;
  /** Offset and byte length per body, in two flat arrays: one object per body would defeat the purpose. */
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];

  constructor(dir: string) {
    this.file = path.join(dir, `.stj-spill.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = openSync(this.file, 'w+', 0o600);
    try {
      unlinkSync(this.file);
      this.unlinked = true;
    } catch {
      // Windows will not remove an open file: close() does it.
    }
  }

  /** A failure, or an in-memory report (inputs that never reached a worker). */
  add(outcome: InputOutcome): void {
    if (!outcome.result.ok) this.heads.push({ input: outcome.input, ok: false, failure: outcome.result });
    else this.addSerialized(outcome.input, headOf(outcome.result), outcome.result.reports.map((report) => JSON.stringify(report)));
  }

  /** reportJsons: JSON.stringify of each ExtractedReport, in the order of head.reports (ok results only). */
  addSerialized(input: CollectedInput, head: ReturnType<typeof headOf>, reportJsons?: readonly string[]): void {
    if (!head.ok) {
      this.heads.push({ input, ok: false, failure: head.failure });
      return;
    }
    if (reportJsons === undefined || reportJsons.length !== head.reports.length) throw new Error(`spill store: report bodies do not match the heads for ${input.relativePath}`);
    head.reports.forEach((report, i) => {
      const bytes = Buffer.from(reportJsons[i]!, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
      this.offsets.push(this.size);
      this.lengths.push(bytes.length);
      this.size += bytes.length;
      this.heads.push({ input, ok: true, report, body: this.offsets.length - 1 });
    });
  }

  load(head: Extract<OutcomeHead, { ok: true }>): ExtractedReport {
    const length = this.lengths[head.body]!;
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, buffer, read, length - read, this.offsets[head.body]! + read);
      if (n === 0) throw new Error('spill store: file ended early');
      read += n;
    }
    return JSON.parse(buffer.toString('utf8')) as ExtractedReport;
  }

  /** Bytes spilled so far (for the bench and the curious). */
  get spilledBytes(): number {
    return this.size;
  }

  close(): void {
    closeSync(this.fd);
    if (!this.unlinked) {
      try {
        unlinkSync(this.file);
      } catch {
        // Already gone.
      }
    }
  }
}
