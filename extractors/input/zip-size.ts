/**
 * What a ZIP archive (a Word document) says its entries inflate to, read from its central directory
 * without inflating anything, so a 1 MB file that would unpack to gigabytes is refused before the
 * Word converter sees it. The sizes are the archive's own claims; an archive that lies about them
 * is still stopped later by the worker thread's memory limit and time budget.
 */
import { ExtractionFailure } from '../model.js';
import { inputLimits, megabytes } from './limits.js';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;

export interface ZipEntrySize {
  name: string;
  uncompressed: number;
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
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (uncompressed === 0xffffffff) uncompressed = zip64Size(view, at + 46 + nameLength, extraLength) ?? Number.MAX_SAFE_INTEGER;
    entries.push({ name, uncompressed });
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
  const limit = inputLimits().maxInflateBytes;
  let total = 0;
  for (const entry of entries) {
    if (entry.name.startsWith('word/media/')) continue;
    total += entry.uncompressed;
  }
  if (total > limit) {
    throw new ExtractionFailure('too_large', `Word document inflates too far: its parts unpack to ${megabytes(total)}, over the limit of ${megabytes(limit)} (--max-inflate-mb)`);
  }
}
