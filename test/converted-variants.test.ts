/**
 * The fixture reports as other converters leave them (fixtures/converted, made from
 * fixtures/rendered by scripts/convert-fixtures.sh) against their text source, field by field: the
 * same canonical indicator ids, verdicts, LET OP notes, columns and approaches, evidence and the
 * printed criterion and indicator texts equal after white space is normalised, and the same
 * municipality, aanpak and level.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedReport } from '../extractors/model.js';
import { expectLineLocations, expectSameFindings, type KnownDifference } from './helpers/same-findings.js';

const ROOT = 'fixtures/converted';
/** first, first + 1, …, last. */
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

/**
 * Known differences, each with its reason. Pandoc cuts a word longer than a narrow grid-table
 * column into pieces; the reader joins them back when the wrapping proves the cut or the joined
 * word is printed elsewhere in the report or the catalogue. Where neither holds, joining would
 * equally glue two real words ("voor" + "informatievoorziening" wraps exactly like a cut word),
 * so the pieces stay apart.
 */
const KNOWN: KnownDifference[] = [
  // pdftotext -layout of Word's landscape and letter-size serif PDFs of the follow-up report 003: its
  // columns of findings one space apart on many lines, cut where the lines around them put the edge.
  // Verdicts, columns and approaches agree; a word at such a cut may sit in the finding beside it
  // (every one of those findings carries layout_cells_split_by_estimate).
  ...[6, 7, 8, 15, 16, 17, 18, 19, 22, 23].map((finding) => ({ file: 'pdftotext-layout-word-landscape/003_0ef4a6012a6cd2d4.txt', finding, field: 'evidence', why: 'a word at a one-space cut between two findings columns read into the finding beside it' })),
  // The same report from cairo, Ghostscript and Word PDFs: the last column stands well right of its label "2014".
  ...['cairo', 'ghostscript', 'word'].flatMap((producer) => [6, 7, 15, 16, 17, 19, 20].map((finding) => ({ file: `pdftotext-layout-${producer}/003_0ef4a6012a6cd2d4.txt`, finding, field: 'evidence' as const, why: 'a word at a one-space cut between two findings columns read into the finding beside it' }))),
  ...[15, 16, 17, 19, 20].map((finding) => ({ file: 'pdftotext-layout-word-letter-serif/003_0ef4a6012a6cd2d4.txt', finding, field: 'evidence', why: 'a word at a one-space cut between two findings columns read into the finding beside it (and "samenwerkingsovereenko mst" as the PDF splits it)' })),
  { file: 'pandoc-rst/004_e10162d225c65291.rst', finding: 7, field: 'evidence', why: '"netwerkstructuren/ketenzorg." cut by pandoc into "netwerk" + a full-width piece, the word printed nowhere else: read "netwerk structuren/ketenzorg."' },
  // Word's PDF of 000 sets the second verdict paragraph of a cell of four indicators (BEL-A1.4-A1.7,
  // both ✓) beside the fourth indicator's first line: layout text cannot tell that from two rows, so
  // the fourth gets the second paragraph and the first three the first, where the source shares both.
  // The verdicts agree; the evidence (and sharedCell of the fourth) is the layout's reading.
  ...[10, 11, 12, 13].map((finding) => ({ file: 'pdftotext-layout-word/000_318a4c095323d6df.txt', finding, field: 'evidence', why: 'a shared cell of four indicators and two ✓ paragraphs read as two rows (layout text shows no row rule)' })),
  { file: 'pdftotext-layout-word/000_318a4c095323d6df.txt', finding: 13, field: 'sharedCell', why: 'the fourth indicator of that cell read as a row of its own with one paragraph' },
  // html2text sets each indicator and each verdict paragraph of that cell on a line of its own (top-aligned, or
  // centred in the ruled HTML): the second paragraph stands beside the third or fourth indicator, and layout text
  // cannot tell that from two rows of two.
  ...['html2text-word', 'html2text-ruled'].flatMap((dir) =>
    [10, 11, 12, 13].map((finding) => ({ file: `${dir}/000_318a4c095323d6df.txt`, finding, field: 'evidence', why: 'a shared cell of four indicators and two ✓ paragraphs read as two rows of two (layout text shows no row rule)' })),
  ),
  // w3m sets the same cell's second paragraph beside the fourth indicator alone: the first three share the first
  // paragraph, the fourth reads as a row of its own with the second.
  ...[10, 11, 12, 13].map((finding) => ({ file: 'w3m-ruled/000_318a4c095323d6df.txt', finding, field: 'evidence', why: 'a shared cell of four indicators and two ✓ paragraphs read as rows of three and one (layout text shows no row rule)' })),
  { file: 'w3m-ruled/000_318a4c095323d6df.txt', finding: 13, field: 'sharedCell', why: 'the fourth indicator of that cell read as a row of its own with one paragraph' },
  // pandoc's Muse writer drops a grid table's theme row (the row spanning the columns): the table's title is
  // the heading above it ("Vervolg bevindingen toezichtonderzoek", unknown_theme_header) or none. The theme
  // itself is the framework's, as in the source; only the printed title differs.
  ...range(7, 18).map((finding) => ({ file: 'pandoc-muse/000_318a4c095323d6df.txt', finding, field: 'themeRaw', why: 'theme row dropped by the Muse writer' })),
  ...range(0, 29).map((finding) => ({ file: 'pandoc-muse/002_1b897dc814a8f4e7.txt', finding, field: 'themeRaw', why: 'theme rows dropped by the Muse writer' })),
  { file: 'w3m-ruled/000_318a4c095323d6df.txt', finding: 21, field: 'evidence', why: 'w3m breaks "zorg/welzijnorganisatie" after the slash at a line end; layout text cannot tell that from two words: read "zorg/ welzijnorganisatie"' },
];

const variants = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).map((file) => `${d.name}/${file}`))
  .sort();

async function read(path: string, name: string): Promise<ExtractedReport> {
  const result = await extractReport(readFileSync(path), name);
  if (!result.ok) throw new Error(`${path}: ${result.failure.code}: ${result.failure.message}`);
  return result.reports[0]!;
}

describe('extractReport on converted variants', () => {
  it('has variants to check', () => expect(variants.length).toBeGreaterThan(0));

  it.each(variants)('%s gives the findings of its text source', async (variant) => {
    const fileName = variant.split('/')[1]!;
    const source = await read(join('fixtures/reports', fileName.replace(/\.\w+$/, '.txt')), fileName.replace(/\.\w+$/, '.txt'));
    const converted = await read(join(ROOT, variant), fileName);

    // DocBook is XML, read by its own reader (still located by the file's lines); pdftohtml's XML is a PDF's
    // positioned text, read by the PDF layout and located by the PDF's pages; wvHtml's HTML is located by
    // table and row; the rest is text.
    const pdfXml = variant.startsWith('pdftohtml-xml/');
    const html = variant.endsWith('.html');
    expect(converted.format).toBe(variant.startsWith('pandoc-docbook/') ? 'docbook' : pdfXml ? 'pdfxml' : html ? 'html' : 'text');
    expectSameFindings(converted, source, variant, KNOWN, true);
    if (pdfXml) expect(converted.findings.filter((f) => !(Number(f.location.page) >= 1)).map((f) => f.indicatorId)).toEqual([]);
    else if (html) expect(converted.findings.filter((f) => !/^table \d+, rows? \d+(-\d+)?$/.test(f.location.locator ?? '')).map((f) => f.indicatorId)).toEqual([]);
    else expectLineLocations(converted);
  });
});

describe('converted variants that must be refused (fixtures/refused)', () => {
  it.each([
    [
      'pdftotext-layout-word-letter-serif/000_318a4c095323d6df.txt',
      /^tables rebuilt from layout text are not reliable: 1 structural doubt\(s\), first rows_cut_ambiguous \(line 105\): two rows whose cut was read off the text hold 2 indicator\(s\) with 1 mark\(s\) and 1 with 2/,
    ],
    [
      // A criterion centred on its rows that the centred-row reader could not place (indicators run together on
      // lines): the top-aligned reading gives the Planmatig rows the criterion printed above them.
      'w3m-ruled/004_e10162d225c65291.txt',
      /^tables rebuilt from layout text are not reliable: 2 structural doubt\(s\), first criterion_mismatch \(line 97\): criterion printed as "Samenhangend" but indicator BEL-A/,
    ],
  ])('layout text %s: refused with the doubt that would have given a wrong or lost verdict', async (file, message) => {
    const result = await extractReport(readFileSync(join('fixtures/refused', file)), file.split('/')[1]!);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe('no_findings_tables');
    expect(result.failure.message).toMatch(message);
  });

  it('catdoc of a follow-up: the year of a verdict after a dropped empty cell cannot be told', async () => {
    const name = '003_0ef4a6012a6cd2d4.txt';
    const result = await extractReport(readFileSync(join('fixtures/refused/catdoc-word', name)), name);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe('no_findings_tables');
    expect(result.failure.message).toBe(
      "follow-up table row at line 31 has 2 of its header's 4 cells and goes on over lines without tabs: the converter dropped empty cells, so which year a verdict belongs to cannot be told; import the Word file or PDF itself",
    );
  });
});
