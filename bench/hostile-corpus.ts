/**
 * A corpus of hostile inputs, generated (never committed): each file breaks one resource limit or
 * probes one weak spot of the readers. Shared by the hostile-input tests and the hostile bench.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** A ZIP archive (deflated entries, no ZIP64) as Word writes them; `claimed` overrides an entry's stated size. */
export function makeZip(entries: { name: string; data: Buffer; claimed?: number; stored?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, claimed, stored = false } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = stored ? data : deflateRawSync(data, { level: 9 });
    const method = stored ? 0 : 8;
    const crc = crc32(data);
    const size = claimed ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A Word document whose body is the given WordprocessingML. */
export function makeDocx(body: string, claimed?: number): Buffer {
  const document = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: document, ...(claimed !== undefined ? { claimed } : {}) },
  ]);
}

/** Paragraphs of a few letters each: the shape of the "1 MB that inflates to 400 MB" bomb. */
export function paragraphsDocx(count: number): Buffer {
  return makeDocx('<w:p><w:r><w:t>a</w:t></w:r></w:p>'.repeat(count));
}

/** A Word document whose text part inflates to `mb` megabytes of one repeated byte (a 64 MB part is ~64 KB). */
export function inflatingDocx(mb: number): Buffer {
  const filler = Buffer.alloc(mb * 1024 * 1024, 0x20);
  return makeDocx(`<w:p><w:r><w:t>${filler.toString('latin1')}</w:t></w:r></w:p>`);
}

const ODF_NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

/** content.xml of an OpenDocument text whose office:text holds `body`. */
export function makeOdtContent(body: string, styles = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES} office:version="1.3">${styles}<office:body><office:text>${body}</office:text></office:body></office:document-content>`;
}

/**
 * An OpenDocument text whose office:text holds `body` (ODF XML), with `styles` (font-face decls and
 * automatic styles) before it; its "mimetype" entry first and stored, as ODF requires.
 */
export function makeOdt(body: string, styles = '', options: { claimed?: number } = {}): Buffer {
  const content = makeOdtContent(body, styles);
  return makeZip([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), stored: true },
    { name: 'content.xml', data: Buffer.from(content), ...(options.claimed !== undefined ? { claimed: options.claimed } : {}) },
  ]);
}

export function deepHtml(depth: number): string {
  return `<!doctype html><html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`;
}

export const tabsLine = (count: number) => `Rapport\n${'\t'.repeat(count)}\n`;

export const singleLine = (mb: number) => 'woord '.repeat(Math.ceil((mb * 1024 * 1024) / 6));
