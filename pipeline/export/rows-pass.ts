/**
 * writeDataset's rows pass: every report of the plan rendered chunk by chunk (rows-chunk.ts) and the
 * ten row files written in plan order. With a rows thread, the thread renders chunks beside the main
 * thread: the main thread hands it the next ones, renders the next free chunk itself while the one due
 * to be written is still in the thread, and writes whichever is due. Chunks ready but not yet written
 * are bounded (THREAD_WINDOW + LOCAL_AHEAD), so memory does not grow with the batch, and the bytes do
 * not depend on who rendered what.
 */
import type { DatasetPlan } from '../assemble-dataset.js';
import type { AssemblyContext } from '../program-info.js';
import type { WarningRow } from '../dataset-schema.js';
import type { SpillFile } from '../spill-file.js';
import { timed } from '../compare/cost.js';
import { chunkBounds, renderRowsChunk, rowFileHeaders, ROW_FILES, type ChunkSource, type RenderedChunk } from './rows-chunk.js';
import type { RowsThread } from './rows-in-thread.js';
import { textSink, type TextSink } from './row-sink.js';

export interface RowsPassCounts {
  findings: number;
  unmapped: number;
  /** The reports' own warnings, in plan order. */
  warnings: WarningRow[];
}

/** Chunks the thread may have in hand: one rendering, one waiting, so it never idles between answers. */
const THREAD_WINDOW = 2;
/** Chunks the main thread renders ahead while the one due is still in the thread. */
const LOCAL_AHEAD = 8;

/**
 * Writes the row files (ROW_FILES) under `temp(name)`. panelSpill: where each report's panel projection
 * goes, in plan order, when the panel pass runs after this one in the main thread (rendered only here then).
 */
export async function writeRowsPass(
  plan: Pick<DatasetPlan, 'groups' | 'byReportId'>,
  source: ChunkSource['load'],
  context: AssemblyContext,
  temp: (name: string) => string,
  options: { thread?: RowsThread | null; panelSpill?: SpillFile | null; chunkReports?: number } = {},
): Promise<RowsPassCounts> {
  const { thread = null, panelSpill = null } = options;
  const chunkSource: ChunkSource = { plan, load: source };
  const sinks: TextSink[] = [];
  const counts: RowsPassCounts = { findings: 0, unmapped: 0, warnings: [] };
  try {
    for (const name of ROW_FILES) sinks.push(textSink(temp(name)));
    const headers = rowFileHeaders();
    for (let i = 0; i < sinks.length; i++) await sinks[i]!.write(headers[i]!);

    const bounds = chunkBounds(plan.groups.length, options.chunkReports);
    // Rendered here or in the thread: the same bytes either way.
    const ready = new Map<number, RenderedChunk>();
    const inThread = new Map<number, Promise<void>>();
    let nextFree = 0;
    // Chunks the main thread rendered ahead of the one due, not written yet.
    const renderedAhead = new Set<number>();
    const renderHere = (chunk: number) => {
      const [from, to] = bounds[chunk]!;
      ready.set(chunk, renderRowsChunk(plan.groups.slice(from, to), chunkSource, context, { projections: panelSpill !== null }));
    };
    const handOut = () => {
      while (thread && inThread.size < THREAD_WINDOW && nextFree < bounds.length) {
        const chunk = nextFree++;
        const [from, to] = bounds[chunk]!;
        const answer = thread.render(chunk, from, to).then((rendered) => {
          ready.set(chunk, rendered);
          inThread.delete(chunk);
        });
        // Awaited when this chunk is due; a failure before then must not surface as an unhandled rejection.
        answer.catch(() => {});
        inThread.set(chunk, answer);
      }
    };

    for (let due = 0; due < bounds.length; ) {
      handOut();
      const chunk = ready.get(due);
      if (chunk) {
        ready.delete(due);
        renderedAhead.delete(due);
        for (let i = 0; i < sinks.length; i++) await sinks[i]!.write(chunk.texts[i]!);
        counts.findings += chunk.findings;
        counts.unmapped += chunk.unmapped;
        counts.warnings.push(...chunk.warnings);
        if (panelSpill && chunk.projections) for (const projection of chunk.projections) timed(() => panelSpill.append(projection));
        due++;
        continue;
      }
      const pending = inThread.get(due);
      if (!pending) {
        // Not handed out (no thread): the main thread renders it.
        renderHere(due);
        if (nextFree === due) nextFree++;
        continue;
      }
      if (nextFree < bounds.length && renderedAhead.size < LOCAL_AHEAD) {
        renderedAhead.add(nextFree);
        renderHere(nextFree++);
        // Lets the thread's answers in before deciding again.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await pending;
    }
    for (const sink of sinks) await sink.end();
  } catch (error) {
    for (const sink of sinks) sink.destroy();
    throw error;
  }
  return counts;
}
