/**
 * The five reports through PDF writers other than the two that made pdf/browser and pdf/word
 * (scripts/render-fixtures.ts, fixtures/rendered/README.md), each against its text source, field by
 * field as in formats-rendered.test.ts: the same canonical indicator ids, verdicts, LET OP notes,
 * columns and approaches, evidence equal after white space is normalised, and the same metadata.
 *
 * Ghostscript and cairo rewrite LibreOffice's PDF with a row's cells in one text operator, so pdf.js
 * hands out one item for a cell that runs up to the next column plus that column's first words
 * ("Toereikende informatie Netwerkpartners hebben"), and one for two header cells ("2013 Versterkt
 * Verder 2014"): those are cut at the column edge by estimated glyph widths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedReport } from '../extractors/model.js';

const PRODUCERS = [
  { dir: 'pdf/ghostscript', what: 'pdf/word rewritten by Ghostscript pdfwrite: cells of a row in one text operator, fonts re-encoded' },
  { dir: 'pdf/cairo', what: 'pdf/word rewritten by pdftocairo (poppler/cairo): same merging of cells, other spacing' },
  { dir: 'pdf/wkhtmltopdf', what: 'html/word printed by wkhtmltopdf (Qt WebKit) on A5 at 80% zoom: other item splitting, rows over pages' },
] as const;

/** Differences from the text source that are accepted, each with its reason: none are needed. */
const ACCEPTED: { file: string; finding: number; field: string; why: string }[] = [];

const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const fixtures = readdirSync('fixtures/reports').filter((n) => n.endsWith('.txt')).sort().map((n) => n.replace(/\.txt$/, ''));

const textReports = new Map<string, Promise<ExtractedReport>>();
function textReport(name: string): Promise<ExtractedReport> {
  if (!textReports.has(name)) {
    textReports.set(name, extractReport(readFileSync(join('fixtures/reports', `${name}.txt`)), `${name}.txt`).then((r) => {
      if (!r.ok) throw new Error(r.failure.message);
      return r.report;
    }));
  }
  return textReports.get(name)!;
}

describe.each(PRODUCERS)('$dir ($what)', ({ dir }) => {
  it.each(fixtures)('%s gives the findings of its text source', async (name) => {
    const file = `${name}.pdf`;
    const result = await extractReport(readFileSync(join('fixtures/rendered', dir, file)), file);
    if (!result.ok) throw new Error(`${dir}/${file}: ${result.failure.code}: ${result.failure.message}`);
    const rendered = result.report;
    const source = await textReport(name);

    expect(rendered.format).toBe('pdf');
    const meta = (r: ExtractedReport) => ({ municipality: r.metadata.municipality, aanpak: r.metadata.aanpak, level: r.metadata.level });
    expect(meta(rendered)).toEqual(meta(source));
    expect(rendered.findings).toHaveLength(source.findings.length);
    const accepted = new Set(ACCEPTED.filter((a) => a.file === `${dir}/${file}`).map((a) => `${a.finding}:${a.field}`));
    source.findings.forEach((expected, index) => {
      const actual = rendered.findings[index]!;
      const fields = {
        indicatorId: [expected.indicatorId, actual.indicatorId],
        verdict: [expected.verdict, actual.verdict],
        letOp: [expected.letOp === null ? null : normalise(expected.letOp), actual.letOp === null ? null : normalise(actual.letOp)],
        columnIndex: [expected.columnIndex, actual.columnIndex],
        aanpak: [expected.aanpak, actual.aanpak],
        evidence: [normalise(expected.evidence), normalise(actual.evidence)],
      } as const;
      for (const [field, [want, got]] of Object.entries(fields)) {
        if (accepted.has(`${index}:${field}`)) continue;
        expect({ finding: index, indicator: expected.indicatorId, field, value: got }).toEqual({ finding: index, indicator: expected.indicatorId, field, value: want });
      }
      expect(actual.location.page).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('PDF writers whose output cannot be read', () => {
  it('a text layer without Unicode mapping (mutool convert dropped the ToUnicode maps) fails as no_text_layer, not as "no findings table"', async () => {
    const result = await extractReport(readFileSync('fixtures/rendered/failures/no-unicode.pdf'), 'no-unicode.pdf');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe('no_text_layer');
      expect(result.failure.message).toMatch(/Unicode/);
    }
  });
});

describe('producer fixtures themselves', () => {
  it('exist for every text fixture', () => {
    for (const { dir } of PRODUCERS) expect(readdirSync(join('fixtures/rendered', dir)).filter((n) => n.endsWith('.pdf')).sort()).toEqual(fixtures.map((n) => `${n}.pdf`));
  });
});
