/**
 * Shapes passed between the pipeline stages:
 *   collect-inputs → (embedded pool | BullMQ workers) run extractReport → assemble-dataset → export.
 * Both run modes hand writeDataset the same outcomes (the embedded CLI as a SpillStore of the same heads and
 * reports, the queue mode as InputOutcome[]), and assembly sorts them itself, which is why their datasets are byte-identical.
 */
import type { ExtractionResult } from '../extractors/model.js';

/** One file found under the import roots. */
export interface CollectedInput {
  /** Absolute path on this machine (never written to the dataset). */
  absolutePath: string;
  /** Path relative to the import root, '/'-separated: what the dataset shows as source_file. */
  relativePath: string;
  sizeBytes: number;
}

/** What happened to one input: the extraction result, or a failure raised before extraction (unreadable file). */
export interface InputOutcome {
  input: CollectedInput;
  result: ExtractionResult;
}
