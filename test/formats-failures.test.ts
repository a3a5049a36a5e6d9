/**
 * Files that cannot be read fail alone, with a reason a person understands: an encrypted PDF, a
 * damaged one (cut short, overwritten, not a PDF behind its header), a scan without a text layer,
 * a damaged Word file. A batch with such files in it still reads the good ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';

const good = readFileSync('fixtures/rendered/pdf/word/003_0ef4a6012a6cd2d4.pdf');
const failureOf = async (bytes: Uint8Array, name: string) => {
  const result = await extractReport(bytes, name);
  return result.ok ? null : result.failure;
};

describe('PDFs that cannot be read', () => {
  it('encrypted: asks for a password', async () => {
    expect(await failureOf(readFileSync('fixtures/rendered/failures/encrypted.pdf'), 'encrypted.pdf')).toEqual({
      code: 'encrypted',
      message: 'encrypted PDF: it needs a password to open',
    });
  });

  it('damaged: cut short, overwritten, or only a PDF header', async () => {
    for (const fraction of [0.05, 0.5, 0.95]) {
      const failure = await failureOf(good.subarray(0, Math.floor(good.length * fraction)), 'cut.pdf');
      expect({ fraction, code: failure?.code }).toEqual({ fraction, code: 'damaged' });
      expect(failure?.message).toMatch(/^damaged PDF: /);
    }
    const overwritten = Buffer.from(good);
    for (let i = 1500; i < overwritten.length; i += 97) overwritten[i] = 0x41;
    expect((await failureOf(overwritten, 'overwritten.pdf'))?.code).toBe('damaged');
    expect((await failureOf(new TextEncoder().encode('%PDF-1.7\nnot really a PDF\n'), 'fake.pdf'))?.code).toBe('damaged');
  });

  it('cut short after its last page: read (pdf.js rebuilds it), with a warning that it is incomplete', async () => {
    const result = await extractReport(good.subarray(0, good.length - 40), 'cut.pdf');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.reports[0]!.findings).toHaveLength(24);
    expect(result.reports[0]!.warnings.filter((w) => w.code === 'pdf_truncated')).toHaveLength(1);
  });

  it('partly scanned: read, with a warning naming the pages without text', async () => {
    const result = await extractReport(readFileSync('fixtures/rendered/failures/partly-scanned.pdf'), 'partly-scanned.pdf');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.reports[0]!.findings).toHaveLength(24);
    expect(result.reports[0]!.warnings.filter((w) => w.code === 'pdf_pages_without_text').map((w) => [w.message, w.location?.page])).toEqual([
      ['page 7 of 7 has no text layer (blank, or scanned: anything on it is not read)', 7],
    ]);
  });

  it('a text layer that spells no Dutch (printed to PostScript and distilled again): unreadable, not "no findings table"', async () => {
    const failure = await failureOf(readFileSync('fixtures/rendered/failures/postscript-roundtrip.pdf'), 'roundtrip.pdf');
    expect(failure?.code).toBe('no_text_layer');
    expect(failure?.message).toMatch(/^unreadable text layer: the PDF's characters spell no Dutch words/);
  });

  it('image-only: no text layer', async () => {
    const failure = await failureOf(readFileSync('fixtures/rendered/failures/image-only.pdf'), 'scan.pdf');
    expect(failure?.code).toBe('no_text_layer');
    expect(failure?.message).toMatch(/^no text layer: .*scan/);
  });
});

describe('damaged Word files', () => {
  it('fail as damaged', async () => {
    const docx = readFileSync('fixtures/rendered/docx/word/003_0ef4a6012a6cd2d4.docx');
    const failure = await failureOf(docx.subarray(0, Math.floor(docx.length / 2)), 'cut.docx');
    expect(failure?.code).toBe('damaged');
    expect(failure?.message).toMatch(/^damaged Word document: /);
  });

  it('Word 97-2003 (.doc): cut short, its file information block wiped, or an OLE file without a Word document, fail as damaged', async () => {
    const doc = readFileSync('fixtures/rendered/doc/word/003_0ef4a6012a6cd2d4.doc');
    const wiped = Buffer.from(doc);
    // The WordDocument stream, whose first bytes say it is one, starts in the sectors after the header's.
    wiped.fill(0, 0x1000, 0x3000);
    const otherKind = Buffer.from(doc);
    const stream = otherKind.indexOf(Buffer.from('WordDocument', 'utf16le'));
    expect(stream).toBeGreaterThan(0);
    // Its directory entry renamed: an OLE compound file (as .xls or .msg files are) without a Word document in it.
    otherKind.write('X', stream + 22, 'utf16le');
    for (const [name, bytes] of [['cut.doc', doc.subarray(0, Math.floor(doc.length / 2))], ['wiped.doc', wiped], ['other.doc', otherKind]] as const) {
      const failure = await failureOf(bytes, name);
      expect({ name, code: failure?.code }).toEqual({ name, code: 'damaged' });
      expect(failure?.message).toMatch(/^not a readable Word 97-2003 document \(an OLE file of another kind, or damaged\): \S/);
    }
  });
});

describe('formats recognised but not read', () => {
  it('name what they are: a ZIP archive that is no Word or OpenDocument file', async () => {
    const { makeZip } = await import('../bench/hostile-corpus.js');
    const zip = makeZip([{ name: 'notes.txt', data: Buffer.from('✓ geen rapport') }]);
    expect(await failureOf(zip, 'archief.zip')).toEqual({ code: 'unsupported_format', message: 'unsupported format: a ZIP archive that is no Word (.docx) or OpenDocument (.odt) text' });
  });

  it('an OpenDocument text is read, and one cut down to its first entry fails as damaged, not as an unknown ZIP', async () => {
    // An ODF package's first entry is its uncompressed "mimetype": that names it even when the rest is gone.
    const zipEntry = (name: string, body: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(22), Buffer.from([name.length, 0, 0, 0]), Buffer.from(name + body, 'latin1')]);
    const odt = zipEntry('mimetype', 'application/vnd.oasis.opendocument.text');
    expect(await failureOf(odt, 'report.odt')).toEqual({ code: 'damaged', message: 'damaged OpenDocument text: its ZIP directory cannot be read' });
  });
});

describe('a batch with unreadable files', () => {
  it('reads the good files and fails the others, one result per file', async () => {
    const batch = [
      ['good.pdf', good],
      ['encrypted.pdf', readFileSync('fixtures/rendered/failures/encrypted.pdf')],
      ['cut.pdf', good.subarray(0, 4000)],
      ['scan.pdf', readFileSync('fixtures/rendered/failures/image-only.pdf')],
      ['good.html', readFileSync('fixtures/rendered/html/word/003_0ef4a6012a6cd2d4.html')],
    ] as const;
    const results = await Promise.all(batch.map(([name, bytes]) => extractReport(bytes, name)));
    expect(results.map((r) => (r.ok ? `ok ${r.reports[0]!.findings.length}` : r.failure.code))).toEqual(['ok 24', 'encrypted', 'damaged', 'no_text_layer', 'ok 24']);
  });
});
