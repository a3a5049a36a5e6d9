/**
 * Every rendered fixture (fixtures/rendered, made by scripts/render-fixtures.ts from the five text
 * fixtures) against its text source, field by field: the same canonical indicator ids, verdicts,
 * LET OP notes, columns and approaches, and evidence equal after white space is normalised; the
 * same municipality, aanpak and level. Provenance is checked too: a PDF finding names the page its
 * row starts on (its evidence is printed there), an HTML/DOCX finding a table and row, a DOC finding
 * the lines of the text read out of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { FIXTURE_NAMES, expectSameFindings, textSource, type KnownDifference } from './helpers/same-findings.js';

const LAYOUTS = [
  { dir: 'pdf/browser', ext: 'pdf', what: 'Chromium print: fully ruled tables, browser header/footer, rows split over pages, header and theme row repeated' },
  { dir: 'pdf/word', ext: 'pdf', what: 'LibreOffice export of a Word file: horizontal rules only, header row repeated, rows split, running header and page numbers' },
  { dir: 'pdf/glyphs', ext: 'pdf', what: 'verdict marks as ✔ ✘ √ × and as Wingdings stand-ins (ü/û in a font named Wingdings)' },
  { dir: 'pdf/hyphenated', ext: 'pdf', what: 'A5, justified narrow columns, words hyphenated at line ends' },
  { dir: 'html/ruled', ext: 'html', what: 'theme as a spanning first row, criteria as rowspan' },
  { dir: 'html/word', ext: 'html', what: 'theme as a paragraph above the table, empty criterion cells' },
  { dir: 'docx/ruled', ext: 'docx', what: 'LibreOffice DOCX of html/ruled (merged cells)' },
  { dir: 'docx/word', ext: 'docx', what: 'LibreOffice DOCX of html/word, with running header and footer' },
  { dir: 'doc/ruled', ext: 'doc', what: 'LibreOffice Word 97-2003 of docx/ruled: cells and rows as tab-ended lines of its text' },
  { dir: 'doc/word', ext: 'doc', what: 'LibreOffice Word 97-2003 of docx/word: no blank lines, theme titles right after a table\'s last row' },
  { dir: 'odt/ruled', ext: 'odt', what: 'LibreOffice OpenDocument text of docx/ruled: spanning cells as covered cells' },
  { dir: 'odt/word', ext: 'odt', what: 'LibreOffice OpenDocument text of docx/word' },
  { dir: 'odt/pandoc', ext: 'odt', what: 'pandoc 2.17 OpenDocument text of html/word: header rows in table-header-rows, no automatic styles for cells' },
  { dir: 'rtf/ruled', ext: 'rtf', what: 'LibreOffice RTF of docx/ruled: \\clvmgf/\\clvmrg merged criteria, \\u with fallback characters' },
  { dir: 'rtf/word', ext: 'rtf', what: 'LibreOffice RTF of docx/word: list labels in \\listtext, running header and footer destinations' },
  { dir: 'rtf/pandoc', ext: 'rtf', what: 'pandoc 2.17 RTF of html/word: its own table and paragraph control words' },
] as const;

/**
 * Differences from the text source that are accepted, each with its reason. None are needed for
 * these fixtures: soft hyphens come out of a PDF as U+2010 or U+00AD and are removed, hard hyphens
 * at a line end are kept (Dutch hyphenates compounds), bold is dropped by the text path as well,
 * and every verdict glyph form maps to the same verdict. What a real archive may still show, and
 * why it cannot be settled from the PDF alone: a word broken by automatic hyphenation whose hyphen
 * the PDF writer exported as a plain "-" keeps the hyphen unless the document spells the word
 * without it elsewhere ("samenwerkings-afspraken").
 */
const ACCEPTED: KnownDifference[] = [];

const fixtures = FIXTURE_NAMES;

/** Each page's text with spacing and hyphens taken out, to find where a finding's evidence is printed. */
async function squashedPages(bytes: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(bytes), isEvalSupported: false });
  try {
    const { pages } = await parser.getText();
    return pages.map((page) => squash(page.text));
  } finally {
    await parser.destroy();
  }
}
const squash = (text: string) => text.normalize('NFKC').replace(/[\s\-\u2010\u00AD]+/g, '');

describe.each(LAYOUTS)('$dir ($what)', ({ dir, ext }) => {
  it.each(fixtures)('%s gives the findings of its text source', async (name) => {
    const file = `${name}.${ext}`;
    const bytes = readFileSync(join('fixtures/rendered', dir, file));
    const result = await extractReport(bytes, file);
    if (!result.ok) throw new Error(`${dir}/${file}: ${result.failure.code}: ${result.failure.message}`);
    const rendered = result.reports[0]!;
    const source = await textSource(name);

    expect(rendered.format).toBe(ext);
    expectSameFindings(rendered, source, `${dir}/${file}`, ACCEPTED, 'criterion');

    if (ext === 'pdf') {
      expect(rendered.pageCount).toBeGreaterThan(0);
      const pages = await squashedPages(bytes);
      rendered.findings.forEach((finding, index) => {
        const { page, lineStart, locator } = finding.location;
        expect({ lineStart, locator }).toEqual({ lineStart: null, locator: null });
        expect(page).toBeGreaterThanOrEqual(1);
        expect(page).toBeLessThanOrEqual(rendered.pageCount!);
        // A row's first finding (its source line tells which) starts the row's indicator cell, at the
        // top of the row: so on the page the finding names, even when the row runs on to the next.
        const sourceLine = source.findings[index]!.location.lineStart;
        if (index > 0 && source.findings[index - 1]!.location.lineStart === sourceLine) return;
        // A row at the foot of a page may have only its first word or two there (narrow columns), so
        // the test looks for the first 12 letters, or failing that the first 6.
        const start = squash(finding.indicatorRaw);
        const here = pages[page! - 1]!;
        const printedThere = here.includes(start.slice(0, 12)) || here.includes(start.slice(0, 6));
        expect(page).toBeGreaterThanOrEqual(index > 0 ? rendered.findings[index - 1]!.location.page! : 1);
        expect({ indicator: finding.indicatorId, page, printedThere }).toEqual({ indicator: finding.indicatorId, page, printedThere: true });
      });
    } else if (ext === 'doc') {
      // Lines of the text read out of the file, not of the file: a locator, never source_lines.
      for (const finding of rendered.findings) {
        expect({ lineStart: finding.location.lineStart, page: finding.location.page }).toEqual({ lineStart: null, page: null });
        expect(finding.location.locator).toMatch(/^text lines \d+-\d+$/);
      }
    } else {
      for (const finding of rendered.findings) {
        expect(finding.location.page).toBeNull();
        expect(finding.location.locator).toMatch(/^table \d+, rows? \d+(-\d+)?$/);
      }
    }
  });
});

describe('rendered fixtures themselves', () => {
  it('exist for every text fixture in every layout', () => {
    for (const { dir, ext } of LAYOUTS) expect(readdirSync(join('fixtures/rendered', dir)).filter((n) => n.endsWith(`.${ext}`)).sort()).toEqual(fixtures.map((n) => `${n}.${ext}`));
  });
});
