/**
 * The importer reads every input once to name its document (content hash + format). Inputs with
 * the same document key are parsed once; the bytes are read again, a window at a time, when jobs are
 * enqueued, so a large import never holds every document in memory (or in Redis) at once.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { inputLimits, megabytes } from '../../extractors/input/limits.js';
import type { CollectedInput } from '../stages.js';
import { documentKey, encodeDocument, type ParseDocument } from './job-data.js';
import { describeFsError } from '../fs-errors.js';
import type { PlannedInput } from './outcomes.js';

export interface DistinctDocument {
  /** The document key (content hash + format; job-data.ts documentKey). */
  jobId: string;
  sha256: string;
  /** The first input with these bytes: whose name and path the job is built from. */
  input: CollectedInput;
  /** How many inputs share it (for progress). */
  inputs: number;
}

export interface ImportPlan {
  planned: PlannedInput[];
  documents: Map<string, DistinctDocument>;
}

/**
 * Inputs read between two turns of the event loop (the run's heartbeat keeps beating), or fewer when
 * they are large. Synchronous reads on purpose: nothing else waits for this thread yet, and an
 * asynchronous stat and read cost four thread-pool round trips per file, which on a few thousand small
 * reports delayed the first job by most of a second.
 */
const INPUTS_PER_TURN = 64;
const BYTES_PER_TURN = 16 * 1024 * 1024;

export async function planImport(inputs: CollectedInput[]): Promise<ImportPlan> {
  const planned: PlannedInput[] = [];
  const documents = new Map<string, DistinctDocument>();
  let sinceTurn = 0;
  let bytesSinceTurn = 0;
  for (const input of inputs) {
    if (sinceTurn >= INPUTS_PER_TURN || bytesSinceTurn >= BYTES_PER_TURN) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sinceTurn = 0;
      bytesSinceTurn = 0;
    }
    sinceTurn++;
    let bytes: Uint8Array;
    try {
      // A file over the size limit is never read (it may be gigabytes), let alone sent to Redis; it
      // fails here with the embedded mode's code and message (extraction-worker.ts).
      const { size } = statSync(input.absolutePath);
      const limit = inputLimits().maxFileBytes;
      if (size > limit) {
        planned.push({ input, refused: { code: 'too_large', message: `file too large: ${megabytes(size)} is over the limit of ${megabytes(limit)} (--max-file-mb)` } });
        continue;
      }
      bytes = readFileSync(input.absolutePath);
      bytesSinceTurn += bytes.byteLength;
    } catch (error) {
      planned.push({ input, refused: { code: 'unreadable', message: `cannot read file: ${describeFsError(error)}` } });
      continue;
    }
    const { key: jobId, sha256 } = documentKey(bytes, input.relativePath);
    planned.push({ input, jobId, sha256 });
    const known = documents.get(jobId);
    if (known) known.inputs++;
    else documents.set(jobId, { jobId, sha256, input, inputs: 1 });
  }
  return { planned, documents };
}

/** One document as a job carries it, read again from disk; refuses a file that changed since planning. */
export async function loadDocument(doc: DistinctDocument): Promise<ParseDocument> {
  const bytes = await readFile(doc.input.absolutePath);
  const again = documentKey(bytes, doc.input.relativePath);
  if (again.key !== doc.jobId) throw new Error(`${doc.input.relativePath} changed while it was being imported; run the import again`);
  return encodeDocument(doc.jobId, bytes, doc.input.relativePath, doc.sha256);
}

/**
 * The order the documents are sent in: largest first. An import ends when its last worker finishes,
 * and on a few dozen PDFs one large file taken last can leave a worker parsing alone for most of a
 * second while the others idle; sent first, the large files are spread over the workers and the tail
 * is made of small ones. Size in bytes stands in for parse time. Ties keep the input order (the sort
 * is stable), so the order is deterministic; the dataset never depends on it (assembly sorts by path).
 */
export function sendingOrder(documents: Iterable<DistinctDocument>): DistinctDocument[] {
  return [...documents].sort((a, b) => b.input.sizeBytes - a.input.sizeBytes);
}
