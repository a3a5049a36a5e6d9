/**
 * HTML (and so DOCX, which mammoth turns into HTML) quirks one at a time: merged cells, the theme
 * as a spanning row or as a paragraph above, a findings table laid out inside another table,
 * Word's Wingdings check marks, block structure inside cells, and the table/row locators.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { readHtmlString } from '../extractors/input/read-html.js';

const html = (body: string) => `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
const read = (body: string) => readHtmlString(html(body), 'html', 'utf-8', []);

describe('HTML tables', () => {
  it('takes the theme from a row spanning the columns, and leaves a rowspan criterion empty below, as the text reports print it', () => {
    const document = read(`
      <table>
        <tr><th colspan="3">Toeleiding</th></tr>
        <tr><th>Criteria</th><th>Indicatoren</th><th>Bevindingen</th></tr>
        <tr><td rowspan="2">GGSR zijn in beeld</td><td>Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</td><td><p>✓ Eén omschrijving.</p></td></tr>
        <tr><td>De gemeente heeft zicht op de populatie GGSR</td><td>✗ Geen zicht.<br><b>LET OP: nog niet.</b></td></tr>
      </table>`);
    expect(document.tables).toHaveLength(1);
    const [table] = document.tables;
    expect(table!.title).toEqual({ text: 'Toeleiding', location: { lineStart: null, lineEnd: null, page: null, locator: 'table 1, row 1' } });
    expect(table!.rows.map((r) => [r.cells, r.location.locator])).toEqual([
      [['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ Eén omschrijving.'], 'table 1, row 3'],
      [['', 'De gemeente heeft zicht op de populatie GGSR', '✗ Geen zicht.\nLET OP: nog niet.'], 'table 1, row 4'],
    ]);
  });

  it('reads a findings cell spanning two indicator rows as one row holding both indicators', () => {
    const document = read(`
      <p>Gezin centraal</p>
      <table>
        <tr><td>Criteria</td><td>Indicatoren</td><td>Bevindingen</td></tr>
        <tr><td>De aanpak stelt het gezin centraal</td><td>Binnen de aanpak wordt de eigen kracht van het gezin ondersteund en benut</td><td rowspan="2">✓ Beide.</td></tr>
        <tr><td></td><td>Binnen de aanpak wordt het sociale netwerk van het gezin benut</td></tr>
      </table>`);
    const [table] = document.tables;
    expect(table!.title?.text).toBe('Gezin centraal');
    expect(table!.rows).toEqual([
      {
        cells: ['De aanpak stelt het gezin centraal', 'Binnen de aanpak wordt de eigen kracht van het gezin ondersteund en benut\nBinnen de aanpak wordt het sociale netwerk van het gezin benut', '✓ Beide.'],
        location: { lineStart: null, lineEnd: null, page: null, locator: 'table 1, rows 2-3' },
      },
    ]);
  });

  it('takes rows as written when every row fills the table by itself, covered slots as cells of their own (wvHtml), whatever the rowspans say', () => {
    // wvHtml writes the criterion's rowspan as 3 although the next criterion starts in the third row.
    const document = read(`
      <table>
        <tr><td rowspan="1" colspan="3">Toeleiding</td></tr>
        <tr><td rowspan="1" colspan="1">Criteria</td><td rowspan="1" colspan="1">Indicatoren</td><td rowspan="1" colspan="1">Bevindingen</td></tr>
        <tr><td rowspan="3" colspan="1">GGSR zijn in beeld</td><td rowspan="1" colspan="1">Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</td><td rowspan="1" colspan="1">✓ Eén omschrijving.</td></tr>
        <tr><td rowspan="0" colspan="1"></td><td rowspan="1" colspan="1">De gemeente heeft zicht op de populatie GGSR</td><td rowspan="1" colspan="1">✗ Geen zicht.</td></tr>
        <tr><td rowspan="0" colspan="1">De aanpak bereikt alle gezinnen waarvoor dit nodig is</td><td rowspan="1" colspan="1">De netwerkpartners weten waar gezinnen voor de aanpak kunnen worden aangemeld</td><td rowspan="1" colspan="1">✓ Ja.</td></tr>
      </table>`);
    expect(document.tables.map((t) => t.rows.map((r) => r.cells))).toEqual([
      [
        ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ Eén omschrijving.'],
        ['', 'De gemeente heeft zicht op de populatie GGSR', '✗ Geen zicht.'],
        ['De aanpak bereikt alle gezinnen waarvoor dit nodig is', 'De netwerkpartners weten waar gezinnen voor de aanpak kunnen worden aangemeld', '✓ Ja.'],
      ],
    ]);
  });

  it('finds a findings table laid out inside another table, and counts tables as a reader would', () => {
    const document = read(`
      <table><tr><td>Logo</td><td>
        <p>Samenwerking</p>
        <table>
          <tr><th>Indicator</th><th>2013</th><th>2014</th></tr>
          <tr><td>De gemeente voert regie op de aanpak voor GGSR</td><td>X Nee.</td><td>&#10003; Ja.</td></tr>
        </table>
      </td></tr></table>`);
    expect(document.tables).toHaveLength(1);
    expect(document.tables[0]!.header.cells).toEqual(['Indicator', '2013', '2014']);
    expect(document.tables[0]!.rows[0]!.location.locator).toBe('table 2, row 2');
    expect(document.tables[0]!.rows[0]!.cells).toEqual(['De gemeente voert regie op de aanpak voor GGSR', 'X Nee.', '✓ Ja.']);
    // The outer table's row holds the findings table: its marks are that table's, not unaccounted.
    expect(document.warnings).toBeUndefined();
  });

  it('says which rows with verdict marks no findings table holds: a table whose header row a converter dropped, rows above a header; not a legend', () => {
    const document = read(`
      <table>
        <tr><th>Criteria</th><th>Indicatoren</th><th>Bevindingen</th></tr>
        <tr><td>GGSR zijn in beeld</td><td>Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</td><td>✓ Eén omschrijving.</td></tr>
      </table>
      <table>
        <tr><th colspan="3">Aanpak</th></tr>
        <tr><td>Planmatig</td><td>De gemeente heeft beleid voor de groep GGSR</td><td>✗ Geen beleid.</td></tr>
        <tr><td></td><td>Er is een plan van aanpak</td><td>✓ Een plan.<br>✓ Nog een.</td></tr>
      </table>
      <table>
        <tr><td>Samenwerking</td><td>De gemeente voert regie</td><td>X Nee.</td></tr>
        <tr><th>Criteria</th><th>Indicatoren</th><th>Bevindingen</th></tr>
        <tr><td>Regie</td><td>De gemeente voert regie op de aanpak voor GGSR</td><td>✓ Ja.</td></tr>
      </table>
      <table><tr><td>✓ = voldoet</td><td>✗ = verbeterpunt</td></tr></table>`);
    expect(document.tables.map((t) => t.rows.length)).toEqual([1, 1]);
    expect(document.warnings!.map((w) => [w.code, w.location?.locator, w.message.split(',')[0]])).toEqual([
      ['verdict_unaccounted', 'table 2, row 2', '1 verdict mark(s) at table 2'],
      ['verdict_unaccounted', 'table 2, row 3', '2 verdict mark(s) at table 2'],
      ['verdict_unaccounted', 'table 3, row 1', '1 verdict mark(s) at table 3'],
    ]);
    expect(document.warnings![0]!.message).toMatch(/no "Criteria \| Indicatoren \| Bevindingen" or "Indicator \| <jaar>" header row\): its findings are missing$/);
    expect(document.warnings![2]!.message).toMatch(/\(above the table's header row\): its findings are missing$/);
  });

  it('reads Word\'s Wingdings check marks, and lists as blocks', () => {
    const document = read(`
      <table>
        <tr><td>Criteria</td><td>Indicatoren</td><td>Bevindingen</td></tr>
        <tr><td>Coördinatie</td><td><ul><li>Eerste</li><li>Tweede</li></ul></td>
          <td><p><span style="font-family:Wingdings;mso-ascii-font-family:Calibri">ü</span> Goed.</p><p><font face="Wingdings">û</font> Niet goed.</p></td></tr>
      </table>`);
    expect(document.tables[0]!.rows[0]!.cells).toEqual(['Coördinatie', 'Eerste\nTweede', '✓ Goed.\n✗ Niet goed.']);
  });

  it('gives the document text line by line, list items as "- item" and table rows tab-separated', () => {
    const document = read(`<h2>Aanpak: Bemoeizorg</h2><p>Ingevuld door:</p><ul><li>GGD West-Brabant</li><li>Surplus</li></ul>
      <table><tr><td>Criteria</td><td>Indicatoren</td><td>Bevindingen</td></tr><tr><td>a</td><td>b<br>c</td><td>✓ d</td></tr></table>`);
    expect(document.text.split('\n')).toEqual(['Aanpak: Bemoeizorg', 'Ingevuld door:', '- GGD West-Brabant', '- Surplus', 'Criteria\tIndicatoren\tBevindingen', 'a\tb c\t✓ d']);
  });
});

describe('HTML through the whole pipeline', () => {
  it('gives findings with a locator a person can follow', async () => {
    const page = html(`<h2>Aanpak: Bemoeizorg</h2>
      <table><tr><th colspan="3">Toeleiding</th></tr><tr><th>Criteria</th><th>Indicatoren</th><th>Bevindingen</th></tr>
      <tr><td>GGSR zijn in beeld</td><td>Alle netwerkpartners hanteren dezelfde omschrijving van GGSR</td><td>✓ Iedereen gebruikt dezelfde omschrijving. LET OP: nog niet vastgelegd.</td></tr></table>`);
    const result = await extractReport(new TextEncoder().encode(page), 'rapport.htm');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.reports[0]!.format).toBe('html');
    expect(result.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict, f.letOp, f.evidence, f.location.locator])).toEqual([
      ['BEL-T1.1', 'voldoet', 'nog niet vastgelegd.', 'Iedereen gebruikt dezelfde omschrijving.', 'table 1, row 3'],
    ]);
    expect(result.reports[0]!.metadata.aanpak).toBe('Bemoeizorg');
  });
});

describe('HTML fragments in a text file', () => {
  it('are read as HTML when they open with a block element and close paragraphs throughout (pandoc html4, JATS); markdown that opens with a table is not', async () => {
    const { detectFormat } = await import('../extractors/input/detect-format.js');
    const paragraphs = ['<p>Samenwerkend Toezicht Jeugd</p>', '<p>Nota van Bevindingen Zwolle Aanpak Bijzondere', 'Doelgroepen</p>', ...Array.from({ length: 5 }, (_, i) => `<p>Alinea ${i}.</p>`)].join('\n');
    expect(detectFormat(new TextEncoder().encode(paragraphs), 'nota.txt')).toBe('html');
    const markdown = `<table><tr><td>Kop</td></tr></table>\n\n# Nota\n\n${paragraphs}`;
    expect(detectFormat(new TextEncoder().encode(markdown), 'nota.md')).toBe('text');
    expect(detectFormat(new TextEncoder().encode('<p>Eén alinea.</p>\nDe rest is tekst.\n'), 'nota.txt')).toBe('text');
  });
});
