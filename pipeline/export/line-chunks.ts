/**
 * A file's whole lines, a read's worth at a time, from one buffer reused for the whole file: what the
 * JSONL readers (read-table.ts, sheet-scan.ts) pay per line is then paid per read. Lines end in '\n';
 * a line cut by a read is moved to the buffer's start and completed by the next read, the buffer
 * growing for a line longer than itself, so memory stays bounded by the longest line.
 */
import { open } from 'node:fs/promises';

const LF = 10;

/**
 * Yields the buffer and how many of its first bytes are whole lines (each ending in '\n', but the
 * file's last line, which may not). The bytes are valid until the consumer asks for the next chunk;
 * a consumer that stops early closes the file.
 */
export async function* lineChunks(filePath: string, readBytes: number): AsyncGenerator<{ bytes: Buffer; end: number }> {
  const file = await open(filePath, 'r');
  try {
    let bytes = Buffer.allocUnsafe(readBytes);
    let kept = 0;
    for (;;) {
      if (kept === bytes.length) bytes = Buffer.concat([bytes, Buffer.allocUnsafe(bytes.length)]);
      const { bytesRead } = await file.read(bytes, kept, bytes.length - kept, null);
      if (bytesRead === 0) break;
      const filled = kept + bytesRead;
      const last = bytes.lastIndexOf(LF, filled - 1);
      if (last === -1) {
        kept = filled;
        continue;
      }
      yield { bytes, end: last + 1 };
      bytes.copyWithin(0, last + 1, filled);
      kept = filled - last - 1;
    }
    if (kept > 0) yield { bytes, end: kept };
  } finally {
    await file.close();
  }
}
