/**
 * Where an import's results wait for the export: a SpillStore, as in the embedded mode, so the
 * importer's heap holds a small head per input and never every report at once (tens of KB per
 * report is gigabytes at 100k documents). Results arrive per distinct document (its key, `jobId`
 * here) as workers finish them, in any order, possibly twice (a job re-run after its worker died);
 * the first is written once per input that shares its document, relabelled with that input's name.
 * Assembly sorts the heads by path, so arrival order never reaches the dataset.
 */
import type { ExtractedReport, ExtractionResult } from '../../extractors/model.js';
import type { DocumentResult } from './job-data.js';
import { headOf, SpillStore, type OutcomeSource } from '../outcome-store.js';
import type { CollectedInput, InputOutcome } from '../stages.js';
import { EMPTY_SHA256, failedResult, relabel } from './outcomes.js';
import type { ImportPlan } from './plan.js';

export class ImportResults {
  private readonly store: SpillStore;
  /** Job id → the inputs with that document (usually one). */
  private readonly inputsByJob = new Map<string, CollectedInput[]>();
  private readonly resolved = new Set<string>();
  private finished = false;

  constructor(
    private readonly plan: ImportPlan,
    spillDir: string,
  ) {
    for (const p of plan.planned) {
      if (!('jobId' in p)) continue;
      const list = this.inputsByJob.get(p.jobId);
      if (list) list.push(p.input);
      else this.inputsByJob.set(p.jobId, [p.input]);
    }
    this.store = new SpillStore(spillDir);
  }

  /** Already has a result for this document. */
  has(jobId: string): boolean {
    return this.resolved.has(jobId);
  }

  /**
   * The first result for a document wins: HSCAN may return an entry twice, and a job can show up in
   * more than one source. Returns false for a job that is not this import's or already resolved.
   */
  add(jobId: string, result: ExtractionResult): boolean {
    const inputs = this.inputsByJob.get(jobId);
    if (!inputs || this.resolved.has(jobId)) return false;
    this.resolved.add(jobId);
    for (const input of inputs) {
      const labelled = relabel(result, input.relativePath);
      this.store.addSerialized(input, headOf(labelled), labelled.ok ? labelled.reports.map((report) => JSON.stringify(report)) : undefined);
    }
    return true;
  }

  /**
   * A result as the worker's thread serialised it (head + one JSON per report the file holds, several
   * for a bundle): the first input with the document (the one the job named) gets the JSON as it is,
   * spilled without parsing; other inputs with the same bytes get a relabelled copy.
   */
  addReply(jobId: string, reply: Pick<DocumentResult, 'head' | 'reports'>): boolean {
    const inputs = this.inputsByJob.get(jobId);
    if (!inputs || this.resolved.has(jobId)) return false;
    if (!reply.head.ok) return this.add(jobId, reply.head.failure);
    this.resolved.add(jobId);
    const [first, ...copies] = inputs;
    const reports = reply.reports!;
    this.store.addSerialized(first!, reply.head, reports);
    if (copies.length === 0) return true;
    const parsed: ExtractionResult = { ok: true, reports: reports.map((json) => JSON.parse(json) as ExtractedReport) };
    for (const input of copies) {
      const labelled = relabel(parsed, input.relativePath);
      this.store.addSerialized(input, headOf(labelled), labelled.ok ? labelled.reports.map((report) => JSON.stringify(report)) : undefined);
    }
    return true;
  }

  /** How many inputs share this document (for progress). */
  inputsOf(jobId: string): number {
    return this.inputsByJob.get(jobId)?.length ?? 0;
  }

  /**
   * Once every source has been read: inputs that could not be read, documents whose result never
   * arrived, and the paths collect-inputs refused (after the inputs, as the embedded mode adds them).
   */
  finish(problemOutcomes: readonly InputOutcome[] = []): OutcomeSource {
    if (this.finished) return this.store;
    this.finished = true;
    for (const p of this.plan.planned) {
      const fileName = p.input.relativePath;
      if ('refused' in p) {
        this.store.add({ input: p.input, result: failedResult(fileName, EMPTY_SHA256, p.refused.code, p.refused.message) });
      } else if (!this.resolved.has(p.jobId)) {
        this.store.add({ input: p.input, result: failedResult(fileName, p.sha256, 'internal_error', 'parse job result missing from Redis') });
      }
    }
    for (const outcome of problemOutcomes) this.store.add(outcome);
    return this.store;
  }

  get spilledBytes(): number {
    return this.store.spilledBytes;
  }

  close(): void {
    this.store.close();
  }
}
