/**
 * Where the outcomes of a run wait for the export. Assembly needs every input's small "head"
 * (path, content key, hashes, format, failure) at once, to find duplicates and build the manifest,
 * but each report's findings only once, when its rows are written. So a store keeps the heads in
 * memory and, for large batches, the report bodies in a spill file on disk: the main heap then holds
 * a few hundred bytes per input instead of the whole extraction result (tens of KB per report, which
 * at 100k files is gigabytes and ever slower major GCs).
 *
 * The spill file (spill-file.ts) cannot outlive the process; it is read back one report at a time.
 */
import type { ExtractedReport, ExtractionResult, ReportSegment } from '../extractors/model.js';
import type { CollectedInput, InputOutcome } from './stages.js';
import { summarizeReport, type CompareSummary } from './compare/summary.js';
import { readSpillRecord, SpillFile } from './spill-file.js';

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
  /** Present when the bodies are on disk: their locations, in the order of `heads` given. */
  shareBodies?(heads: readonly Extract<OutcomeHead, { ok: true }>[]): SharedBodies;
}

/**
 * Report bodies another thread of this process may read while the owner goes on (positioned reads
 * of an open descriptor): body i is the JSON of `lengths[i]` bytes at `offsets[i]`. Valid until the
 * source is closed.
 */
export interface SharedBodies {
  fd: number;
  offsets: number[];
  lengths: number[];
}

/**
 * Body `index` of shared bodies, read in another thread, checked to be the report it was asked for:
 * a body read from the wrong place would put its findings under another report's id, silently.
 */
export function readSharedBody(bodies: SharedBodies, index: number, expected: { reportId: string; contentKey: string }): ExtractedReport {
  const body = JSON.parse(readSpillRecord(bodies.fd, bodies.offsets[index]!, bodies.lengths[index]!)) as ExtractedReport;
  if (body.contentKey !== expected.contentKey) {
    throw new Error(`the body read for ${expected.reportId} is another report's (content key ${body.contentKey.slice(0, 12)}, expected ${expected.contentKey.slice(0, 12)})`);
  }
  return body;
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
  private readonly file: SpillFile;

  constructor(dir: string) {
    this.file = new SpillFile(dir);
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
      this.heads.push({ input, ok: true, report, body: this.file.append(reportJsons[i]!) });
    });
  }

  load(head: Extract<OutcomeHead, { ok: true }>): ExtractedReport {
    return JSON.parse(this.file.read(head.body)) as ExtractedReport;
  }

  /** Where the bodies lie, so another thread can load them while this one works (see SharedBodies). */
  shareBodies(heads: readonly Extract<OutcomeHead, { ok: true }>[]): SharedBodies {
    const offsets: number[] = new Array(heads.length);
    const lengths: number[] = new Array(heads.length);
    heads.forEach((head, i) => {
      const { offset, length } = this.file.location(head.body);
      offsets[i] = offset;
      lengths[i] = length;
    });
    return { fd: this.file.descriptor, offsets, lengths };
  }

  /** Bytes spilled so far (for the bench and the curious). */
  get spilledBytes(): number {
    return this.file.bytes;
  }

  close(): void {
    this.file.close();
  }
}
