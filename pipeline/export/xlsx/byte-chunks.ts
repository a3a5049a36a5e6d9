/**
 * Text gathered into byte chunks of about a fixed size, UTF-8 encoded a piece at a time. Encoding many
 * small strings into a buffer costs far less than appending them into one long string first (V8 keeps
 * such a string as a deep tree of pieces and flattening it before encoding is slow), and the zip stream
 * gets chunks large enough that its per-chunk cost does not count.
 */
const NONE: readonly Buffer[] = Object.freeze([]);

export class ByteChunks {
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly size = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /**
   * Adds `text`; returns the chunks that are full by now, to be handed on in order: usually none (the
   * same empty array every time, so a caller that checks its length allocates nothing per call).
   */
  add(text: string): readonly Buffer[] {
    // At most 3 bytes per UTF-16 unit: text that might not fit closes the current chunk first.
    if (this.used + text.length * 3 <= this.size) {
      this.used += this.buffer.write(text, this.used, 'utf8');
      return NONE;
    }
    const full = this.used > 0 ? [this.take()] : [];
    if (text.length * 3 > this.size) full.push(Buffer.from(text, 'utf8'));
    else this.used = this.buffer.write(text, 0, 'utf8');
    return full;
  }

  /** What is left, as a last chunk (possibly empty). */
  flush(): Buffer {
    return this.take();
  }

  private take(): Buffer {
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
    return chunk;
  }
}
