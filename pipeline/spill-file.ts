/**
 * Text records on disk, read back one at a time by index: what a stage keeps for a later pass when
 * holding every record in memory would grow with the batch. The file is unlinked as soon as it is
 * open (POSIX), so it cannot outlive the process, even after kill -9.
 * Not safe for concurrent use: one thread appends and reads. Another thread of the process may read
 * records that are already written, through the descriptor and their locations (readSpillRecord):
 * positioned reads do not move a shared file offset.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export class SpillFile {
  private readonly fd: number;
  private readonly file: string;
  private unlinked = false;
  private size = 0;
  /** Offset and byte length per record, in two flat arrays: one object per record would defeat the purpose. */
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];

  constructor(dir: string, label = 'spill') {
    this.file = path.join(dir, `.stj-${label}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = openSync(this.file, 'w+', 0o600);
    try {
      unlinkSync(this.file);
      this.unlinked = true;
    } catch {
      // Windows will not remove an open file: close() does it.
    }
  }

  /** Appends a record; returns its index. */
  append(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
    this.offsets.push(this.size);
    this.lengths.push(bytes.length);
    this.size += bytes.length;
    return this.offsets.length - 1;
  }

  read(index: number): string {
    const { offset, length } = this.location(index);
    return readSpillRecord(this.fd, offset, length);
  }

  /** Where record `index` lies in the file, for a reader in another thread (readSpillRecord). */
  location(index: number): { offset: number; length: number } {
    const length = this.lengths[index];
    if (length === undefined) throw new Error(`spill file: no record ${index}`);
    return { offset: this.offsets[index]!, length };
  }

  /** The open file's descriptor: valid in every thread of this process until close(). */
  get descriptor(): number {
    return this.fd;
  }

  get records(): number {
    return this.offsets.length;
  }

  /** Bytes written so far. */
  get bytes(): number {
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

/** One record, by the descriptor and location a SpillFile gave. */
export function readSpillRecord(fd: number, offset: number, length: number): string {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, offset + read);
    if (n === 0) throw new Error('spill file: file ended early');
    read += n;
  }
  return buffer.toString('utf8');
}
