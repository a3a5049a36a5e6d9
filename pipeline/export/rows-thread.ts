/**
 * Worker thread body: renders chunks of the rows pass (rows-chunk.ts) beside the main thread, which
 * renders others itself and writes every chunk in plan order (rows-pass.ts). It reads each report's
 * body from the outcome spill file by itself (positioned reads of the main thread's descriptor, as the
 * panel thread does) and answers each chunk with its text as UTF-8 bytes, transferred, not copied: the
 * encoding is done here, off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractedReport } from '../../extractors/model.js';
import type { OkHead } from '../compare/index.js';
import { readSharedBody } from '../outcome-store.js';
import { renderRowsChunk, type ChunkSource } from './rows-chunk.js';
import type { RowsThreadData, RowsThreadReply, RowsThreadRequest } from './rows-in-thread.js';

const data = workerData as RowsThreadData;
const port = parentPort!;
// The clone of the plan's groups this thread received: heads are found by identity among them.
const indexOfHead = new Map<OkHead, number>(data.groups.map((group, i) => [group.head, i]));
const source: ChunkSource = {
  plan: { byReportId: new Map(data.groups.map((group) => [group.reportId, group])) },
  load(head): ExtractedReport {
    const i = indexOfHead.get(head);
    if (i === undefined) throw new Error(`no body for ${head.input.relativePath} in this thread's plan`);
    return readSharedBody(data.bodies, i, { reportId: data.groups[i]!.reportId, contentKey: head.report.contentKey });
  },
};

port.on('message', ({ chunk, from, to }: RowsThreadRequest) => {
  let reply: RowsThreadReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const rendered = renderRowsChunk(data.groups.slice(from, to), source, data.context, { projections: data.projections });
    // Each text has an ArrayBuffer of its own (Utf8Builder.take), so it is transferred, not copied.
    for (const b of rendered.texts) if (b.byteLength > 0) transfer.push(b.buffer as ArrayBuffer);
    reply = { chunk, rendered };
  } catch (error) {
    reply = { chunk, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});
