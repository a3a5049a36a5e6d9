/**
 * OpenDocument text (.odt) quirks one at a time, in packages built here: spanning cells (covered
 * cells), check marks in a symbol font, line breaks and LET OP in a cell, what a reader of the
 * document does not see (tracked deletions, comments, footnotes in a cell), and damaged or
 * oversized packages. The LibreOffice renderings of the five reports are checked field by field in
 * formats-rendered.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { makeOdt, makeOdtContent, makeZip } from '../bench/hostile-corpus.js';
import { extractReport } from '../extractors/extract-report.js';
import { TOELEIDING_FINDINGS, TOELEIDING_ROWS } from './helpers/mini-report.js';
import { readOdtReport } from '../extractors/input/read-odt.js';
import { readHtmlString } from '../extractors/input/read-html.js';

const cell = (content: string, attributes = '') => `<table:table-cell${attributes}>${content}</table:table-cell>`;
const p = (content: string) => `<text:p>${content}</text:p>`;
const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;

/** Wingdings as Word leaves it in an .odt: a font-face declaration and an automatic span style. */
const WINGDINGS_STYLES =
  '<office:font-face-decls><style:font-face style:name="Wingdings" svg:font-family="Wingdings"/><style:font-face style:name="Arial" svg:font-family="Arial"/></office:font-face-decls>' +
  '<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties style:font-name="Wingdings"/></style:style>' +
  '<style:style style:name="T2" style:family="text"><style:text-properties style:font-name="Arial"/></style:style>' +
  '<style:style style:name="T3" style:family="text" style:parent-style-name="T1"/></office:automatic-styles>';

const FINDINGS = [
  p('Toeleiding'),
  '<table:table table:name="Tabel1"><table:table-column table:number-columns-repeated="3"/>',
  '<table:table-header-rows>',
  row(cell(p('Criteria')), cell(p('Indicatoren')), cell(p('Bevindingen'))),
  '</table:table-header-rows>',
  row(
    cell(p('GGSR zijn in beeld'), ' table:number-rows-spanned="2"'),
    cell(p('Alle netwerkpartners hanteren dezelfde omschrijving van GGSR')),
    // ✓ as Wingdings 0xFC, in a private-use code point; a deleted ✗ and a comment nobody reads.
    cell(p('<text:span text:style-name="T1">\uF0FC</text:span><text:s/>Eén<text:s text:c="3"/>omschrijving.<office:annotation><text:p>✗ klopt dit?</text:p></office:annotation>')),
  ),
  row(
    '<table:covered-table-cell/>',
    cell(p('De gemeente heeft zicht op de populatie GGSR')),
    // ✗ as "û" in a style that inherits Wingdings; a footnote inside the cell; a line break before LET OP.
    cell(p('<text:span text:style-name="T3">û</text:span> Geen zicht.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Volgens de nota van 2012.</text:p></text:note-body></text:note><text:line-break/>LET OP: nog niet.')),
  ),
  '</table:table>',
].join('');

describe('OpenDocument text', () => {
  it('reads a findings table: a criterion spanning rows, symbol-font marks, a line break before LET OP; comments and footnotes stay out of the cells', async () => {
    const document = await readOdtReport(makeOdt(`<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>✓ Oude tekst.</text:p></text:deletion></text:changed-region></text:tracked-changes>${FINDINGS}`, WINGDINGS_STYLES));
    expect(document.format).toBe('odt');
    expect(document.tables).toHaveLength(1);
    const [table] = document.tables;
    expect(table!.title?.text).toBe('Toeleiding');
    expect(table!.rows.map((r) => [r.cells, r.location.locator])).toEqual(TOELEIDING_ROWS);
    // The footnote is kept, after the document; the deletion and the comment are not in its text.
    expect(document.text.split('\n').at(-1)).toBe('Volgens de nota van 2012.');
    expect(document.text).not.toMatch(/Oude tekst|klopt dit/);
  });

  it('gives the same findings as the same table in HTML', async () => {
    const bytes = makeOdt(`${p('Dordrecht, januari 2013')}${FINDINGS}`, WINGDINGS_STYLES);
    const result = await extractReport(bytes, 'rapport.odt');
    if (!result.ok) throw new Error(result.failure.message);
    const [report] = result.reports;
    expect(report!.format).toBe('odt');
    expect(report!.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp, f.location.locator])).toEqual(TOELEIDING_FINDINGS);
  });

  it('does not take "ü" for a check mark outside a symbol font', async () => {
    const document = await readOdtReport(makeOdt(row(cell(p('<text:span text:style-name="T2">ü</text:span>ber'))).replace(/^/, '<table:table>') + '</table:table>', WINGDINGS_STYLES));
    expect(document.text).toBe('über');
  });

  it('writes a repeated row with content as often as it repeats, an empty one once', async () => {
    const table = `<table:table>${row(cell(p('a')))}<table:table-row table:number-rows-repeated="3">${cell(p('b'))}</table:table-row><table:table-row table:number-rows-repeated="1000">${cell('')}</table:table-row></table:table>`;
    const document = await readOdtReport(makeOdt(table));
    expect(document.text).toBe('a\nb\nb\nb');
  });
});

describe('HTML list items holding a paragraph', () => {
  it('keep the paragraph on the item\'s line, as a browser shows it', () => {
    const document = readHtmlString('<!doctype html><html><body><ul><li><p>Maak een plan.</p><p>Tweede alinea.</p></li><li>Kort.</li></ul></body></html>', 'html', 'utf-8', []);
    expect(document.text).toBe('- Maak een plan.\nTweede alinea.\n- Kort.');
  });
});

describe('damaged and oversized OpenDocument packages', () => {
  const failureOf = async (bytes: Uint8Array) => {
    const result = await extractReport(bytes, 'rapport.odt');
    return result.ok ? null : result.failure;
  };
  const mimetype = { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), stored: true };

  it('fail as damaged when the package has no content.xml, XML that does not parse, or is cut short', async () => {
    expect(await failureOf(makeZip([mimetype, { name: 'styles.xml', data: Buffer.from('<x/>') }]))).toEqual({ code: 'damaged', message: 'damaged OpenDocument text: it holds no content.xml' });
    // An end tag that closes nothing, and a content.xml cut off inside the table: the parser would read on.
    const broken = makeOdt(`${FINDINGS.replace('</text:p>', '</text:span>')}`, WINGDINGS_STYLES);
    expect(await failureOf(broken)).toMatchObject({ code: 'damaged', message: expect.stringMatching(/^damaged OpenDocument text: its XML does not parse \(\S/) });
    const cut = makeZip([mimetype, { name: 'content.xml', data: Buffer.from(makeOdtContent(FINDINGS).slice(0, -400)) }]);
    expect(await failureOf(cut)).toMatchObject({ code: 'damaged', message: expect.stringMatching(/^damaged OpenDocument text: its XML does not parse \(\S/) });
    const whole = makeOdt(FINDINGS, WINGDINGS_STYLES);
    expect(await failureOf(whole.subarray(0, whole.length - 40))).toEqual({ code: 'damaged', message: 'damaged OpenDocument text: its ZIP directory cannot be read' });
  });

  it('fail as too large when content.xml claims or turns out to inflate past the limit, or holds too many paragraphs', async () => {
    expect(await failureOf(makeOdt(FINDINGS, '', { claimed: 2 ** 31 }))).toMatchObject({ code: 'too_large', message: expect.stringMatching(/^OpenDocument text inflates too far: its parts unpack to \d+ MB, over the limit of 64 MB/) });
    expect(await failureOf(makeOdt(p('a').repeat(60_000)))).toMatchObject({ code: 'too_large', message: expect.stringMatching(/^OpenDocument text with more than 50000 paragraphs/) });
  });
});
