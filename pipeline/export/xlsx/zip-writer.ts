/**
 * A minimal ZIP writer for dataset.xlsx: entries are written one after another straight into the
 * output file (deflated; a streamed entry is compressed chunk by chunk on zlib's thread pool while the
 * caller makes the next chunk), then the central directory. A streamed entry's local header is written
 * with zero CRC and sizes and patched in place once the entry is done, so every local header carries its
 * real sizes (no data descriptors) and readers that walk the local headers see the same as the central
 * directory. Every entry gets the same fixed date: same entries, same bytes. No ZIP64: an entry or an
 * offset past 4 GiB is an error, not a corrupt file (Excel caps a sheet at 1,048,576 rows, far below).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** 2000-01-01 00:00:00 in MS-DOS form (the time and date fields of every header). */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const LIMIT = 0xffff_ffff;
const VERSION = 20; // 2.0: deflate
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;

/** What one chunk of a streamed entry may be: text is written as UTF-8. */
export type Chunk = string | Buffer;

export interface ZipOptions {
  /** zlib level for every entry: 1 is fast and about 15% larger than 6 on sheet XML. */
  level?: number;
}

interface Written {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const tableCrc32 = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return (data: Uint8Array, previous = 0): number => {
    let crc = ~previous;
    for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
    return ~crc >>> 0;
  };
})();

/** CRC-32 as ZIP wants it; zlib.crc32 where Node has it (≥ 20.15), a table otherwise. */
export const crc32: (data: Uint8Array, previous?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (data, previous = 0) => zlib.crc32(data, previous) : tableCrc32;
export { tableCrc32 };

/**
 * The fields a local and a central header share, in the same order (ZIP's APPNOTE 4.3.7 and 4.3.12):
 * flags, method, time, date, CRC-32, compressed and uncompressed size, name length.
 */
function writeSharedFields(header: Buffer, at: number, entry: Written): void {
  header.writeUInt16LE(entry.flags, at);
  header.writeUInt16LE(DEFLATE, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(entry.crc, at + 8);
  header.writeUInt32LE(entry.compressed, at + 12);
  header.writeUInt32LE(entry.size, at + 16);
  header.writeUInt16LE(entry.name.length, at + 20);
}

function localHeader(entry: Written): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  writeSharedFields(header, 6, entry);
  // extra field length: 0
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0 (external attributes 0)
  header.writeUInt16LE(VERSION, 6);
  writeSharedFields(header, 8, entry);
  // extra, comment, disk, internal and external attributes: 0
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

function checkLimit(what: string, value: number): void {
  if (value > LIMIT) throw new Error(`zip: ${what} is ${value} bytes, past the 4 GiB a ZIP without ZIP64 can hold`);
}

/** What a reader needs of a deflated entry besides its name and bytes. */
export interface DeflatedEntry {
  crc: number;
  /** Bytes before deflate. */
  size: number;
  compressed: number;
}

/**
 * Deflates `chunks` (raw deflate, as ZIP stores it) into `write` as a stream, on zlib's thread pool
 * while the caller makes the next chunk. The output depends only on the bytes and the level, not on
 * where it goes: an entry deflated into a file of its own is the same as one deflated into the ZIP.
 */
export async function deflateEntry(
  name: string,
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  level: number,
  write: (data: Buffer) => Promise<void>,
): Promise<DeflatedEntry> {
  const entry: DeflatedEntry = { crc: 0, size: 0, compressed: 0 };
  async function* measured(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (data.length === 0) continue;
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      checkLimit(name, entry.size);
      yield data;
    }
  }
  const sink = new Writable({
    write(data: Buffer, _encoding, done) {
      entry.compressed += data.length;
      write(data).then(() => done(), done);
    },
  });
  await pipeline(measured(), zlib.createDeflateRaw({ level, chunkSize: 64 * 1024 }), sink);
  return entry;
}

/** zlib level of every entry unless a caller asks otherwise: 1 is fast and about 15% larger than 6 on sheet XML. */
export const DEFAULT_LEVEL = 1;

export class ZipWriter {
  private readonly entries: Written[] = [];
  private offset = 0;
  private busy = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly level: number,
  ) {}

  /** Creates (truncates) the file at `filePath`. */
  static async create(filePath: string, options: ZipOptions = {}): Promise<ZipWriter> {
    return new ZipWriter(await open(filePath, 'w'), options.level ?? DEFAULT_LEVEL);
  }

  private async append(bytes: Buffer): Promise<void> {
    checkLimit('the archive', this.offset + bytes.length);
    await this.file.write(bytes, 0, bytes.length, this.offset);
    this.offset += bytes.length;
  }

  private begin(name: string): Written {
    if (this.busy) throw new Error('zip: one entry at a time');
    if (this.entries.length === 0xffff) throw new Error('zip: more than 65,535 entries needs ZIP64');
    const encoded = Buffer.from(name, 'utf8');
    const flags = encoded.length === name.length ? 0 : FLAG_UTF8;
    return { name: encoded, flags, crc: 0, compressed: 0, size: 0, offset: this.offset };
  }

  /** A whole entry at once: for the small fixed parts. */
  async add(name: string, content: Chunk): Promise<void> {
    const entry = this.begin(name);
    this.busy = true;
    try {
      const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const deflated = zlib.deflateRawSync(data, { level: this.level });
      checkLimit(name, data.length);
      Object.assign(entry, { crc: crc32(data), compressed: deflated.length, size: data.length });
      await this.append(localHeader(entry));
      await this.append(deflated);
      this.entries.push(entry);
    } finally {
      this.busy = false;
    }
  }

  /**
   * An entry made of chunks as they come: deflated as a stream, so only a chunk or two of it is in memory.
   * Large chunks (tens of kilobytes) keep the per-chunk cost low.
   */
  async addStream(name: string, chunks: AsyncIterable<Chunk> | Iterable<Chunk>): Promise<void> {
    const entry = this.begin(name);
    this.busy = true;
    try {
      const header = localHeader(entry);
      await this.append(header);
      Object.assign(entry, await deflateEntry(name, chunks, this.level, (data) => this.append(data)));
      // Patch CRC and sizes into the local header written before the data.
      const sizes = Buffer.alloc(12);
      sizes.writeUInt32LE(entry.crc, 0);
      sizes.writeUInt32LE(entry.compressed, 4);
      sizes.writeUInt32LE(entry.size, 8);
      await this.file.write(sizes, 0, 12, entry.offset + 14);
      this.entries.push(entry);
    } finally {
      this.busy = false;
    }
  }

  /**
   * An entry deflated elsewhere (another thread, at this writer's level: xlsx/entry-file.ts): its header
   * from `deflated`, then `data`, the compressed bytes as they come. The same bytes as addStream of the
   * same chunks would have written.
   */
  async addDeflated(name: string, deflated: DeflatedEntry, data: AsyncIterable<Buffer>): Promise<void> {
    const entry = this.begin(name);
    this.busy = true;
    try {
      checkLimit(name, deflated.size);
      Object.assign(entry, { crc: deflated.crc, compressed: deflated.compressed, size: deflated.size });
      await this.append(localHeader(entry));
      const start = this.offset;
      for await (const bytes of data) await this.append(bytes);
      if (this.offset - start !== deflated.compressed) {
        throw new Error(`zip: ${name} came with ${this.offset - start} compressed bytes, not the ${deflated.compressed} announced`);
      }
      this.entries.push(entry);
    } finally {
      this.busy = false;
    }
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    try {
      const start = this.offset;
      await this.append(Buffer.concat(this.entries.map(centralHeader)));
      await this.append(endOfCentralDirectory(this.entries.length, this.offset - start, start));
    } finally {
      await this.file.close();
    }
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abort(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}
