/**
 * Safety of the flattened-text reader (extractors/tables/flattened-text.ts) on text whose table
 * cells a converter interleaved: `pdftotext` without -layout (fixtures/interleaved, made by
 * scripts/convert-fixtures.sh). Such text cannot be read faithfully (cells of one row alternate line
 * by line, or come a column at a time, and page breaks part a wording from its remainder), and a
 * wrong boundary gives one row's verdict to another row's indicator: silent wrong data. The property
 * checked is therefore not "reads like the source" but: every finding with a canonical indicator and
 * a verdict agrees with the source's finding for that indicator and column (verdict, LET OP,
 * evidence), or the document fails with the reason that its cells are interleaved.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedReport } from '../extractors/model.js';
import { interleaveSigns, tokenize } from '../extractors/tables/flattened-split.js';
import { findFlattenedTables } from '../extractors/tables/flattened-text.js';

const ROOT = 'fixtures/interleaved';
const variants = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).map((file) => `${d.name}/${file}`))
  .sort();
const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function source(fileName: string): Promise<ExtractedReport> {
  const result = await extractReport(readFileSync(join('fixtures/reports', fileName)), fileName);
  if (!result.ok) throw new Error(`${fileName}: ${result.failure.message}`);
  return result.reports[0]!;
}

describe('flattened text with interleaved cells (pdftotext without -layout)', () => {
  it('has samples of several PDF renderings', () => {
    expect(new Set(variants.map((v) => v.split('/')[0])).size).toBeGreaterThanOrEqual(3);
  });

  it.each(variants)('%s: no finding contradicts the text source', async (variant) => {
    const fileName = variant.split('/')[1]!;
    const expected = await source(fileName);
    const result = await extractReport(readFileSync(join(ROOT, variant)), fileName);
    if (!result.ok) {
      expect(result.failure.code).toBe('no_findings_tables');
      expect(result.failure.message).toMatch(/table cells are interleaved \(each cell a paragraph of its own, a row's cells not side by side: text extracted from a PDF without layout, or a converter such as odt2txt\)/);
      expect(result.failure.message).toMatch(/import the original file itself/);
      expect(result.failure.message).toMatch(/pdftotext -layout/);
      expect(result.failure.message).toMatch(/\(line \d+\)$/);
      return;
    }
    for (const finding of result.reports[0]!.findings.filter((f) => f.indicatorId !== null && f.verdict !== null)) {
      const same = expected.findings.filter((f) => f.indicatorId === finding.indicatorId && f.columnIndex === finding.columnIndex);
      const agrees = same.some((f) => f.verdict === finding.verdict && normalise(f.letOp) === normalise(finding.letOp) && normalise(f.evidence) === normalise(finding.evidence));
      expect({ indicator: finding.indicatorId, line: finding.location.lineStart, agrees }).toEqual({ indicator: finding.indicatorId, line: finding.location.lineStart, agrees: true });
    }
  });
});

describe('interleaveSigns', () => {
  it('finds a wording cut by a verdict mark, its remainder on the lines after the mark', () => {
    // pdftotext merges the indicator cell's first line with the findings cell's first line.
    const words = tokenize(
      [
        'GGSR zijn in beeld',
        'Alle netwerkpartners hanteren ✓ De ondervraagden beschrijven de doelgroep',
        'dezelfde omschrijving van',
        'als gezinnen met minimaal één kind.',
        'GGSR',
      ],
      10,
    );
    const signs = interleaveSigns(words);
    expect(signs).toHaveLength(1);
    expect(signs[0]!.line).toBe(11);
    expect(signs[0]!.message).toMatch(/Alle netwerkpartners hanteren dezelfde omschrijving van GGSR/);
  });

  it('finds it across a page break (running footer and repeated header between)', () => {
    const words = tokenize(['De gemeente zorgt voor een gezamenlijke visie', '', '✓ In het visiedocument staat beleid', 'Pagina 2', 'Criteria Indicatoren Bevindingen', 'op de aanpak voor GGSR'], 1);
    expect(interleaveSigns(words).map((s) => s.line)).toEqual([3]);
  });

  it('sees none in text read in cell order: whole wordings before their marks', () => {
    const words = tokenize(
      [
        'GGSR zijn in beeld Alle netwerkpartners hanteren dezelfde omschrijving van GGSR ✓ De ondervraagden beschrijven de doelgroep.',
        'De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR',
        '✗ Er is geen visie op de aanpak voor GGSR.',
      ],
      1,
    );
    expect(interleaveSigns(words)).toEqual([]);
  });

  it('needs the remainder after the mark: evidence repeating one word of a wording is no sign', () => {
    const words = tokenize(['De gemeente zorgt voor een gezamenlijke visie ✓ Er is een visie.'], 1);
    expect(interleaveSigns(words)).toEqual([]);
  });

  it.each(['lynx-ruled', 'lynx-word'].flatMap((d) => readdirSync(join('fixtures/converted', d)).map((f) => `${d}/${f}`)))('sees none in %s', (variant) => {
    const lines = readFileSync(join('fixtures/converted', variant), 'utf8').split(/\r?\n/);
    expect(interleaveSigns(tokenize(lines, 1))).toEqual([]);
  });

  it('makes findFlattenedTables read no table and say where, with an error warning', () => {
    const text = ['Toeleiding', 'Criteria Indicatoren Bevindingen', 'GGSR zijn in beeld', 'Alle netwerkpartners hanteren ✓ De ondervraagden beschrijven', 'dezelfde omschrijving van', 'de doelgroep.', 'GGSR'].join('\n');
    const { tables, warnings } = findFlattenedTables(text);
    expect(tables).toEqual([]);
    expect(warnings.map((w) => [w.code, w.severity, w.location?.lineStart])).toEqual([['flattened_interleaved', 'error', 4]]);
  });
});
