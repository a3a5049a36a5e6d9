/** Word-specific quirks beyond the rendered fixtures (fixtures/docx-quirks/README.md). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';

describe('Word documents', () => {
  it('says when the converter skipped a symbol (a verdict mark in a font it cannot map), and leaves that verdict empty', async () => {
    const result = await extractReport(readFileSync('fixtures/docx-quirks/unmapped-symbol-mark.docx'), 'unmapped-symbol-mark.docx');
    if (!result.ok) throw new Error(result.failure.message);
    const { findings, warnings } = result.reports[0]!;
    expect(warnings.filter((w) => w.code === 'docx_content_skipped').map((w) => w.message)).toEqual([
      'the Word converter skipped content: A w:sym element with an unsupported character was ignored: char F0FC in font OnbekendSymbool',
    ]);
    expect(findings[0]).toMatchObject({ indicatorId: 'BEL-T1.1', verdict: null });
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'verdict_missing', findingIndex: 0 }));
    // Only that one: the other 29 findings keep their marks.
    expect(findings.filter((f) => f.verdict === null)).toHaveLength(1);
  });

  it('does not report formatting mammoth leaves out (unrecognised styles) as skipped content', async () => {
    const result = await extractReport(readFileSync('fixtures/rendered/docx/word/000_318a4c095323d6df.docx'), '000.docx');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.reports[0]!.warnings.map((w) => w.code)).not.toContain('docx_content_skipped');
  });
});
