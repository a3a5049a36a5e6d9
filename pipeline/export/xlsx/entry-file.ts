/**
 * Deflated ZIP entries made away from the ZIP: written one after another into a plain file (no headers),
 * each with what its local header will need, and copied into the package later by ZipWriter.addDeflated.
 * A ZIP entry is self-contained (header, then its compressed bytes), so a thread of its own can deflate
 * some sheets while another writes the package, and the package comes out byte for byte as if written in
 * one go. The file sits beside the package in the staging directory; its owner removes it.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { DEFAULT_LEVEL, deflateEntry, type Chunk, type DeflatedEntry } from './zip-writer.js';

/** An entry in an entry file: where its compressed bytes start. */
export interface FiledEntry extends DeflatedEntry {
  offset: number;
}

const COPY_BYTES = 1024 * 1024;

export class EntryFile {
  private offset = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly level: number,
  ) {}

  /** Creates (truncates) the file; `level` must be the package's (ZipWriter's default unless given). */
  static async create(filePath: string, level = DEFAULT_LEVEL): Promise<EntryFile> {
    return new EntryFile(await open(filePath, 'w'), level);
  }

  /** Deflates `chunks` as ZipWriter.addStream would, to the end of the file. */
  async addStream(name: string, chunks: AsyncIterable<Chunk> | Iterable<Chunk>): Promise<FiledEntry> {
    const offset = this.offset;
    const entry = await deflateEntry(name, chunks, this.level, async (data) => {
      await this.file.write(data, 0, data.length, this.offset);
      this.offset += data.length;
    });
    return { ...entry, offset };
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

/** The compressed bytes of `entry` in the entry file at `filePath`, a megabyte at a time. */
export async function* filedBytes(filePath: string, entry: FiledEntry): AsyncGenerator<Buffer> {
  const file = await open(filePath, 'r');
  try {
    const end = entry.offset + entry.compressed;
    for (let at = entry.offset; at < end; ) {
      const buffer = Buffer.allocUnsafe(Math.min(COPY_BYTES, end - at));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) throw new Error(`entry file ${filePath} ends at ${at}, before the entry's end at ${end}`);
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
