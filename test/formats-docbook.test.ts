/**
 * DocBook XML (extractors/input/read-docbook.ts): pandoc's DocBook of three fixture reports
 * (fixtures/converted/pandoc-docbook, also compared field by field in converted-variants.test.ts)
 * with real values and the file lines of their rows; CALS spans pandoc does not write (morerows,
 * namest/nameend, spanname, colname) and DocBook 5's HTML table model in documents built here; what a
 * reader of the document does not see; detection by content; damaged and oversized files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { detectFormat } from '../extractors/input/detect-format.js';
import { readDocBookReport } from '../extractors/input/read-docbook.js';
import type { ExtractedReport } from '../extractors/model.js';

const DIR = 'fixtures/converted/pandoc-docbook';
const encode = (text: string) => new TextEncoder().encode(text);

async function extracted(bytes: Uint8Array, name: string): Promise<ExtractedReport> {
  const result = await extractReport(bytes, name);
  if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.message}`);
  return result.reports[0]!;
}

const failureOf = async (text: string, name = 'rapport.xml') => {
  const result = await extractReport(encode(text), name);
  return result.ok ? null : result.failure;
};

/** The file's line `n` (from 1), trimmed. */
const lineOf = (file: string, n: number) => readFileSync(file, 'utf8').split('\n')[n - 1]!.trim();

describe('pandoc DocBook of the fixture reports', () => {
  it('000 (html/ruled, pandoc -t docbook: <section>s in DocBook 5\'s namespace, the theme row in <thead>): 30 findings located by their <row>s', async () => {
    const file = join(DIR, '000_318a4c095323d6df.xml');
    // Named .txt, as the survey names it: the content says DocBook, not the name.
    const report = await extracted(readFileSync(file), '000_318a4c095323d6df.txt');
    expect(report.format).toBe('docbook');
    expect([report.metadata.municipality, report.metadata.aanpak, report.metadata.level]).toEqual(['Dordrecht', 'Reset Thuisbegeleiding', 'beleid']);
    expect(report.findings).toHaveLength(30);
    expect(report.findings.filter((f) => f.verdict === 'verbeterpunt')).toHaveLength(10);
    const first = report.findings[0]!;
    expect([first.indicatorId, first.verdict, first.themeRaw, first.criterionRaw]).toEqual(['BEL-T1.1', 'voldoet', 'Toeleiding', 'GGSR zijn in beeld']);
    // A finding spans its <row> … </row>; the criterion merged over two rows is an empty entry in the second.
    expect([first.location.lineStart, first.location.lineEnd]).toEqual([138, 152]);
    expect([lineOf(file, 138), lineOf(file, 152)]).toEqual(['<row>', '</row>']);
    const second = report.findings[1]!;
    expect([second.indicatorId, second.criterionRaw, second.location.lineStart, second.location.lineEnd]).toEqual(['BEL-T1.2', 'GGSR zijn in beeld', 153, 163]);
    // A cell of four indicators beside one ✓ paragraph: one row, a shared cell.
    const shared = report.findings.filter((f) => f.sharedCell);
    expect(shared.map((f) => [f.indicatorId, f.location.lineStart, f.location.lineEnd])).toEqual(['BEL-A1.4', 'BEL-A1.5', 'BEL-A1.6', 'BEL-A1.7'].map((id) => [id, 334, 358]));
    // Metadata found in the text is located in the file too.
    expect(report.metadata.municipalityEvidence?.location).toMatchObject({ lineStart: 51, lineEnd: 55 });
    expect(lineOf(file, 55)).toBe('gezinnen in Dordrecht ondersteuning vanuit deze aanpak.');
  });

  it('001 (docx/word: <para>s side by side, no document element): 33 findings, one gemengd, and the narrative located by file lines', async () => {
    const file = join(DIR, '001_c669e5a01401b566.xml');
    const report = await extracted(readFileSync(file), '001_c669e5a01401b566.xml');
    expect(report.findings).toHaveLength(33);
    expect(report.findings.filter((f) => f.verdict === 'gemengd').map((f) => f.indicatorId)).toEqual(['CAS-A2.2']);
    expect(report.findings[0]!.location).toEqual({ lineStart: 1932, lineEnd: 1943, page: null, locator: null });
    const narrative = report.narrative!;
    expect([narrative.sections.length, narrative.recommendations.length, narrative.quotes.length]).toEqual([30, 7, 16]);
    const inleiding = narrative.sections.find((s) => s.number === '1')!;
    expect(lineOf(file, inleiding.location.lineStart!)).toBe('1 Inleiding');
  });

  it('003 (docx/word, pandoc -s -t docbook4: a doctype, no namespace): the follow-up\'s 24 findings in their year columns', async () => {
    const report = await extracted(readFileSync(join(DIR, '003_0ef4a6012a6cd2d4.xml')), 'vervolg.dbk');
    expect(report.metadata.level).toBe('vervolg');
    expect(report.findings).toHaveLength(24);
    expect(report.findings.slice(0, 2).map((f) => [f.indicatorId, f.columnIndex, f.verdict, f.location.lineStart, f.location.lineEnd])).toEqual([
      ['BEL-T1.1', 1, 'verbeterpunt', 225, 243],
      ['BEL-T1.1', 3, 'voldoet', 225, 243],
    ]);
  });
});

/** A DocBook body (no document element, xlink without its declaration, as pandoc writes one) around `table`. */
const body = (table: string) => `<para>Dordrecht, januari 2013</para>\n${table}\n`;

// Line by line: the row elements stand on lines 11-15 and 16-19 of the file.
const CALS = body(
  [
    '<informaltable>',
    '<tgroup cols="3">',
    '<colspec colname="c1"/><colspec colname="c2"/><colspec colname="c3"/>',
    '<spanspec spanname="all" namest="c1" nameend="c3"/>',
    '<thead>',
    '<row><entry spanname="all">Toeleiding</entry></row>',
    '<row><entry>Criteria</entry><entry>Indicatoren</entry><entry>Bevindingen</entry></row>',
    '</thead>',
    '<tbody>',
    '<row>',
    '<entry morerows="1">GGSR zijn in beeld</entry>',
    '<entry>Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</entry>',
    '<entry><para>✓ E&eacute;n omschrijving.<footnote><para>Volgens de nota van 2012.</para></footnote><remark>✗ klopt dit?</remark></para></entry>',
    '</row>',
    '<row>',
    '<entry colname="c3"><para>✗ Geen zicht, zie de <link xlink:href="https://example.org/nota">nota</link>.</para><para>LET OP: nog niet.</para></entry>',
    '<entry namest="c2" nameend="c2">De gemeente heeft zicht op de populatie GGSR</entry>',
    '</row>',
    '</tbody>',
    '</tgroup>',
    '</informaltable>',
  ].join('\n'),
);

const TOELEIDING = [
  ['BEL-T1.1', 'voldoet', 'Eén omschrijving.', null],
  ['BEL-T1.2', 'verbeterpunt', 'Geen zicht, zie de nota.', 'nog niet.'],
];

describe('DocBook tables', () => {
  it('CALS: a theme spanning the columns (spanname), a criterion over two rows (morerows), entries placed by colname and namest; footnotes after the document, remarks left out', async () => {
    const document = await readDocBookReport(encode(CALS));
    expect(document.tables).toHaveLength(1);
    const [table] = document.tables;
    expect(table!.title?.text).toBe('Toeleiding');
    expect(table!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ Eén omschrijving.'], 11, 15],
      [['', 'De gemeente heeft zicht op de populatie GGSR', '✗ Geen zicht, zie de nota.\nLET OP: nog niet.'], 16, 19],
    ]);
    expect(document.text.split('\n').at(-1)).toBe('Volgens de nota van 2012.');
    expect(document.text).not.toMatch(/klopt dit/);

    const report = await extracted(encode(CALS), 'rapport.xml');
    expect(report.format).toBe('docbook');
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp])).toEqual(TOELEIDING);
    expect(report.findings.map((f) => [f.location.lineStart, f.location.lineEnd])).toEqual([[11, 15], [16, 19]]);
  });

  it('CALS: a findings entry spanning two indicator rows (morerows) makes them one row, a shared cell; an entry without a column takes the next one no span reaches into', async () => {
    const table = [
      '<informaltable><tgroup cols="3">',
      '<tbody>',
      '<row><entry>Criteria</entry><entry>Indicatoren</entry><entry>Bevindingen</entry></row>',
      '<row><entry morerows="1">De aanpak bereikt alle gezinnen waarvoor dit nodig is</entry><entry>De netwerkpartners weten waar gezinnen voor de aanpak kunnen worden aangemeld</entry><entry morerows="1">✓ Beide in orde.</entry></row>',
      '<row><entry>Netwerkpartners en alle relevante partijen melden GGSR aan voor de aanpak</entry></row>',
      '</tbody></tgroup></informaltable>',
    ].join('\n');
    const report = await extracted(encode(body(table)), 'rapport.xml');
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.sharedCell, f.evidence, f.location.lineStart, f.location.lineEnd])).toEqual([
      ['BEL-T2.1', 'voldoet', true, 'Beide in orde.', 5, 6],
      ['BEL-T2.2', 'voldoet', true, 'Beide in orde.', 5, 6],
    ]);
  });

  it('DocBook 5\'s HTML table model (tr, td, rowspan), named by its caption, gives the same findings', async () => {
    const table = [
      '<article xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink" version="5.0">',
      '<para>Dordrecht, januari 2013</para>',
      '<table><caption>Toeleiding</caption>',
      '<thead><tr><th>Criteria</th><th>Indicatoren</th><th>Bevindingen</th></tr></thead>',
      '<tbody>',
      '<tr><td rowspan="2">GGSR zijn in beeld</td><td>Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</td><td>✓ Eén omschrijving.</td></tr>',
      '<tr><td>De gemeente heeft zicht op de populatie GGSR</td><td><para>✗ Geen zicht, zie de <link xlink:href="https://example.org/nota">nota</link>.</para><para>LET OP: nog niet.</para></td></tr>',
      '</tbody></table>',
      '</article>',
    ].join('\n');
    const report = await extracted(encode(table), 'rapport.xml');
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp])).toEqual(TOELEIDING);
    expect(report.findings.map((f) => f.themeRaw)).toEqual(['Toeleiding', 'Toeleiding']);
    expect(report.findings.map((f) => [f.location.lineStart, f.location.lineEnd])).toEqual([[6, 6], [7, 7]]);
  });

  it('says when marks stand in rows no findings table holds (a table without its header row)', async () => {
    const table = '<informaltable><tgroup cols="3"><tbody>\n<row><entry>GGSR zijn in beeld</entry><entry>Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</entry><entry>✓ Eén omschrijving.</entry></row>\n</tbody></tgroup></informaltable>';
    const document = await readDocBookReport(encode(body(`<para>Intro.</para><para>Meer.</para>${table}`)));
    expect(document.warnings?.map((w) => [w.code, w.location?.lineStart])).toEqual([['verdict_unaccounted', 3]]);
  });
});

describe('DocBook detection', () => {
  const paras = '<para>Een.</para>\n<para>Twee.</para>\n<para>Drie.</para>\n';
  it.each([
    ['a body of <para>s (pandoc without -s)', paras, 'rapport.txt', 'docbook'],
    ['DocBook 5 by its namespace', '<section xmlns="http://docbook.org/ns/docbook"><title>X</title><para>Een.</para></section>', 'x.xml', 'docbook'],
    ['DocBook 4 by its doctype', '<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN" "x.dtd">\n<article><para>Een.</para></article>', 'x.xml', 'docbook'],
    ['a .dbk file', '<article><para>Een.</para></article>', 'x.dbk', 'docbook'],
    ['an HTML fragment that opens like DocBook (<section>, paragraphs closed as </p>)', `<section>${'<p>Een.</p>'.repeat(6)}</section>`, 'x.txt', 'html'],
    ['JATS (pandoc -t jats)', `${'<p>Een.</p>\n'.repeat(4)}<list list-type="bullet">\n  <list-item>\n    <p>Twee.</p>\n  </list-item>\n</list>\n`, 'x.xml', 'html'],
    ['text that mentions <para>', 'Zie <para> in de handleiding.\n', 'x.txt', 'text'],
  ])('%s', (_what, text, name, format) => {
    expect(detectFormat(encode(text), name)).toBe(format);
  });
});

describe('damaged and oversized DocBook', () => {
  it('fails as damaged when the XML does not parse: cut short, an end tag that closes nothing, an entity no DTD defines', async () => {
    const damaged = { code: 'damaged', message: expect.stringMatching(/^damaged DocBook XML: its XML does not parse \(\S/) };
    expect(await failureOf(CALS.slice(0, -200))).toMatchObject(damaged);
    expect(await failureOf(CALS.replace('</entry></row>', '</para></row>'))).toMatchObject(damaged);
    expect(await failureOf(CALS.replace('&eacute;', '&geenentiteit;'))).toMatchObject(damaged);
  });

  it('fails as too deep or too large before the tree is walked', async () => {
    expect(await failureOf(`<para>${'<emphasis>'.repeat(600)}x${'</emphasis>'.repeat(600)}</para>`)).toMatchObject({ code: 'too_deep', message: expect.stringMatching(/DocBook XML elements nested more than 512 deep/) });
    expect(await failureOf('<para>x</para>\n'.repeat(260_000))).toMatchObject({ code: 'too_large', message: expect.stringMatching(/^DocBook XML with more than 250000 elements/) });
    // Few elements, many cells: each of 5,000 rows names the first column (taken, so the next free one) and reaches to the table's end.
    const spans = `<informaltable><tgroup cols="1"><colspec colname="c1"/><tbody>${'<row><entry colname="c1" morerows="9999">x</entry></row>'.repeat(5000)}</tbody></tgroup></informaltable>`;
    expect(await failureOf(`${'<para>x</para>'.repeat(3)}${spans}`)).toMatchObject({ code: 'too_large', message: expect.stringMatching(/^DocBook table of more than 1000000 cells/) });
  });
});
