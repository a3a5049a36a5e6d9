/**
 * A tiny ZIP reader for the tests, written from the format (not from the writer): finds the end of the
 * central directory, reads every central header, the local header it points at and the entry's data,
 * and checks that both headers agree and that the inflated bytes have the recorded CRC and size.
 * What `unzip -l` lists and `unzip -t` tests, without needing unzip.
 */
import { readFile } from 'node:fs/promises';
import zlib from 'node:zlib';
import { tableCrc32 } from '../../pipeline/export/xlsx/zip-writer.js';

export interface ZipEntryRead {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** DOS time and date fields as stored. */
  time: number;
  date: number;
  offset: number;
  data: Buffer;
}

export async function readZip(filePath: string): Promise<ZipEntryRead[]> {
  const zip = await readFile(filePath);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  if (zip.readUInt16LE(end + 8) !== count) throw new Error('entries on this disk differ from the total');
  const cdSize = zip.readUInt32LE(end + 12);
  const cdOffset = zip.readUInt32LE(end + 16);
  if (cdOffset + cdSize !== end) throw new Error(`central directory ${cdOffset}+${cdSize} does not end at ${end}`);
  const entries: ZipEntryRead[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central header at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const entry = {
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      ...sharedFields(zip, at + 8),
      offset: zip.readUInt32LE(at + 42),
    };
    at += 46 + nameLength + extraLength + commentLength;
    const local = entry.offset;
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`${entry.name}: no local header at ${local}`);
    const localFields = sharedFields(zip, local + 6);
    for (const [key, value] of Object.entries(localFields)) {
      if (entry[key as keyof typeof localFields] !== value) throw new Error(`${entry.name}: local ${key} ${value} ≠ central ${entry[key as keyof typeof entry]}`);
    }
    const localName = zip.subarray(local + 30, local + 30 + zip.readUInt16LE(local + 26)).toString('utf8');
    if (localName !== entry.name) throw new Error(`local name ${localName} ≠ central ${entry.name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + entry.compressedSize);
    const data = entry.method === 8 ? zlib.inflateRawSync(raw) : entry.method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`${entry.name}: method ${entry.method}`);
    if (data.length !== entry.size) throw new Error(`${entry.name}: ${data.length} bytes, header says ${entry.size}`);
    if (tableCrc32(data) !== entry.crc) throw new Error(`${entry.name}: CRC ${tableCrc32(data).toString(16)} ≠ ${entry.crc.toString(16)}`);
    entries.push({ ...entry, data });
  }
  return entries;
}

/** The fields a local and a central header share, in the same order, from offset `at`. */
function sharedFields(zip: Buffer, at: number) {
  return {
    flags: zip.readUInt16LE(at),
    method: zip.readUInt16LE(at + 2),
    time: zip.readUInt16LE(at + 4),
    date: zip.readUInt16LE(at + 6),
    crc: zip.readUInt32LE(at + 8),
    compressedSize: zip.readUInt32LE(at + 12),
    size: zip.readUInt32LE(at + 16),
  };
}
