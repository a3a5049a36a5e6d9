/**
 * What a ZIP archive (a Word document) says its entries inflate to, read from its central directory
 * without inflating anything, so a 1 MB file that would unpack to gigabytes is refused before the
 * Word converter sees it. The sizes are the archive's own claims; an archive that lies about them
 * is still stopped later by the worker thread's memory limit and time budget.
 */
import { ExtractionFailure } from '../model.js';
import { inflateRawSync } from 'node:zlib';
import { inputLimits, megabytes } from './limits.js';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;

export interface ZipEntrySize {
  name: string;
  uncompressed: number;
  compressed: number;
  method: number;
  /** Offset of the entry's local header. */
  local: number;
}

/** The entries of the central directory, or null when the archive has none that can be read. */
export function zipEntrySizes(bytes: Uint8Array): ZipEntrySize[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65535.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD) return null;
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: ZipEntrySize[] = [];
  const names = new TextDecoder('latin1');
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY) return entries.length > 0 ? entries : null;
    let uncompressed = view.getUint32(at + 24, true);
    const compressed = view.getUint32(at + 20, true);
    const method = view.getUint16(at + 10, true);
    const local = view.getUint32(at + 42, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (uncompressed === 0xffffffff) uncompressed = zip64Size(view, at + 46 + nameLength, extraLength) ?? Number.MAX_SAFE_INTEGER;
    entries.push({ name, uncompressed, compressed, method, local });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extra field (0x0001) holds the real uncompressed size first. */
function zip64Size(view: DataView, start: number, length: number): number | null {
  for (let at = start; at + 4 <= start + length && at + 4 <= view.byteLength; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001 && size >= 8 && at + 12 <= view.byteLength) return Number(view.getBigUint64(at + 4, true));
    at += 4 + size;
  }
  return null;
}

/** Refuses a Word document whose text parts (everything but word/media, which is never unpacked) inflate past the limit. */
export function checkDocxInflation(bytes: Uint8Array): void {
  const entries = zipEntrySizes(bytes);
  if (!entries) return; // not readable as a ZIP here: the converter says why
  checkZipInflation(entries, 'Word document', (name) => name.startsWith('word/media/'));
  const body = entries.find((e) => e.name === 'word/document.xml');
  if (body) checkParagraphs(bytes, body);
}

/** Refuses a package whose parts (but those `skipped`, never unpacked) claim to inflate past the limit. */
export function checkZipInflation(entries: ZipEntrySize[], what: string, skipped: (name: string) => boolean): void {
  const limit = inputLimits().maxInflateBytes;
  let total = 0;
  for (const entry of entries) if (!skipped(entry.name)) total += entry.uncompressed;
  if (total > limit) {
    throw new ExtractionFailure('too_large', `${what} inflates too far: its parts unpack to ${megabytes(total)}, over the limit of ${megabytes(limit)} (--max-inflate-mb)`);
  }
}

/** One entry's bytes, inflated within the limit; a damaged entry, or one that inflates past what it claims, fails the file. */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntrySize, what: string): string {
  const packed = localData(bytes, entry);
  if (!packed) throw new ExtractionFailure('damaged', `damaged ${what}: the entry ${entry.name} cannot be found where its directory says`);
  try {
    if (entry.method === 0) return new TextDecoder('utf-8').decode(packed);
    if (entry.method !== 8) throw new Error(`compression method ${entry.method} is not deflate`);
    return new TextDecoder('utf-8').decode(inflateRawSync(packed, { maxOutputLength: inputLimits().maxInflateBytes }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ExtractionFailure('too_large', `${what} inflates too far: ${entry.name} unpacks past the limit of ${megabytes(inputLimits().maxInflateBytes)} (--max-inflate-mb)`);
    }
    throw new ExtractionFailure('damaged', `damaged ${what}: ${entry.name} does not inflate (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`);
  }
}

/** The packed bytes of an entry, from its local header, or null when none is there. */
function localData(bytes: Uint8Array, entry: ZipEntrySize): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.local + 30 > bytes.length || view.getUint32(entry.local, true) !== 0x04034b50) return null;
  const start = entry.local + 30 + view.getUint16(entry.local + 26, true) + view.getUint16(entry.local + 28, true);
  if (start + entry.compressed > bytes.length) return null;
  return bytes.subarray(start, start + entry.compressed);
}

/**
 * The Word converter holds every paragraph as a tree of objects (about 10 KB each): a small file of
 * 100k empty paragraphs took 1 GB. They are counted in the (size-checked) body first.
 */
function checkParagraphs(bytes: Uint8Array, entry: ZipEntrySize): void {
  let xml: string;
  try {
    xml = inflateZipEntry(bytes, entry, 'Word document');
  } catch {
    return; // damaged or bigger than it says: the converter (and the thread's limits) deal with it
  }
  const limit = inputLimits().maxParagraphs;
  let count = 0;
  for (let at = xml.indexOf('<w:p'); at >= 0; at = xml.indexOf('<w:p', at + 4)) {
    const next = xml.charCodeAt(at + 4);
    // <w:p> or <w:p w:rsid…>, not <w:pPr> or <w:pStyle>
    if (next === 0x3e || next === 0x20 || next === 0x2f) count++;
    if (count > limit) {
      throw new ExtractionFailure('too_large', `Word document with more than ${limit} paragraphs: over the limit for one report (a report has a few thousand)`);
    }
  }
}
