/**
 * Issue 10's classes of Word-made layout (scripts/render-word-classes.ts, fixtures/word-classes/),
 * each report against its text source, field by field as in formats-rendered.test.ts:
 *
 *   A  text-word    Word's "save as text": a multi-paragraph cell in a column that is not the last
 *                   runs over lines of its own, its last line carrying the next columns' cells
 *   B  pdf-pages    pandoc DOCX with horizontal rules only, rows broken across pages under a repeated
 *                   header, exported by LibreOffice
 *   C  pdf-lists    bullet lines inside a cell
 *   D  pdf-headers  header cells on two or three lines, bottom-aligned
 *   E  pdf-narrow   narrow columns: long words broken across lines without a hyphen
 *
 * (Every PDF has B and D in some measure: pandoc's header cells are bottom-aligned.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { FIXTURE_NAMES, expectSameFindings, textSource, type KnownDifference } from './helpers/same-findings.js';

const CLASSES = [
  { dir: 'text-word', ext: 'txt', format: 'text', what: 'A: multi-paragraph cells in Word\'s text export' },
  { dir: 'pdf-pages', ext: 'pdf', format: 'pdf', what: 'B: rows broken across pages, repeated header, horizontal rules only' },
  { dir: 'pdf-lists', ext: 'pdf', format: 'pdf', what: 'C: bullet lines inside cells' },
  { dir: 'pdf-headers', ext: 'pdf', format: 'pdf', what: 'D: header cells on several lines, bottom-aligned' },
  { dir: 'pdf-narrow', ext: 'pdf', format: 'pdf', what: 'E: words broken across lines without a hyphen' },
] as const;

/** Differences from the text source that are accepted, each with its reason. */
export const ACCEPTED: KnownDifference[] = [];

describe.each(CLASSES)('$dir ($what)', ({ dir, ext, format }) => {
  it.each(FIXTURE_NAMES)('%s gives the findings of its text source', async (name) => {
    const file = `${name}.${ext}`;
    const result = await extractReport(readFileSync(join('fixtures/word-classes', dir, file)), file);
    if (!result.ok) throw new Error(`${dir}/${file}: ${result.failure.code}: ${result.failure.message}`);
    expect(result.report.format).toBe(format);
    expectSameFindings(result.report, await textSource(name), `${dir}/${file}`, ACCEPTED);
  });
});
