/**
 * "This rendering or conversion gives the findings of its text source", field by field: the
 * comparison every format test makes (rendered PDF/HTML/DOCX, other converters' text). Evidence
 * and LET OP are compared after white space is normalised; everything else exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { extractReport } from '../../extractors/extract-report.js';
import type { ExtractedReport } from '../../extractors/model.js';

/** The five text fixtures' names, without extension: the sources every rendering is compared with. */
export const FIXTURE_NAMES = readdirSync('fixtures/reports').filter((n) => n.endsWith('.txt')).sort().map((n) => n.replace(/\.txt$/, ''));

const textSources = new Map<string, Promise<ExtractedReport>>();

/** A text fixture's extraction, read once per test file however many renderings compare with it. */
export function textSource(name: string): Promise<ExtractedReport> {
  if (!textSources.has(name)) {
    textSources.set(name, extractReport(readFileSync(join('fixtures/reports', `${name}.txt`)), `${name}.txt`).then((r) => {
      if (!r.ok) throw new Error(r.failure.message);
      return r.reports[0]!;
    }));
  }
  return textSources.get(name)!;
}

/** A difference a test accepts, with its reason; it must still be a difference (when fixed, the entry goes). */
export interface KnownDifference {
  file: string;
  finding: number;
  field: string;
  why: string;
}

const normalise = (text: string | null) => (text === null ? null : text.replace(/\s+/g, ' ').trim());

/** The accounting invariant (issue 10): no verdict mark left without a finding, no column with marks left unread. */
export function expectAccounted(report: ExtractedReport, file: string): void {
  const lost = report.warnings.filter((w) => w.code === 'verdict_unaccounted' || w.code === 'column_unread').map((w) => `${w.code}: ${w.message}`);
  expect({ file, lost }).toEqual({ file, lost: [] });
}

export function expectSameFindings(actual: ExtractedReport, source: ExtractedReport, file: string, known: KnownDifference[] = [], rawTexts: boolean | 'criterion' = false): void {
  const meta = (r: ExtractedReport) => ({ municipality: r.metadata.municipality, aanpak: r.metadata.aanpak, level: r.metadata.level });
  expect(meta(actual)).toEqual(meta(source));
  expect(actual.findings).toHaveLength(source.findings.length);
  // Every rendering compared here gives all its source's findings: none of its marks may be unaccounted.
  expectAccounted(actual, file);
  expectAccounted(source, `${file} (text source)`);

  const accepted = new Set(known.filter((k) => k.file === file).map((k) => `${k.finding}:${k.field}`));
  source.findings.forEach((expected, index) => {
    const got = actual.findings[index]!;
    const fields = {
      indicatorId: [expected.indicatorId, got.indicatorId],
      verdict: [expected.verdict, got.verdict],
      sharedCell: [expected.sharedCell, got.sharedCell],
      letOp: [normalise(expected.letOp), normalise(got.letOp)],
      columnIndex: [expected.columnIndex, got.columnIndex],
      aanpak: [expected.aanpak, got.aanpak],
      evidence: [normalise(expected.evidence), normalise(got.evidence)],
      // The printed texts too (theme title, criterion, indicator), where asked: a word moved between cells shows here even when the match
      // still finds the indicator (text converters; a PDF's cells may differ by their hyphenation).
      ...(rawTexts === 'criterion' ? { criterionRaw: [normalise(expected.criterionRaw), normalise(got.criterionRaw)] } : {}),
      ...(rawTexts === true
        ? {
            themeRaw: [normalise(expected.themeRaw), normalise(got.themeRaw)],
            criterionRaw: [normalise(expected.criterionRaw), normalise(got.criterionRaw)],
            indicatorRaw: [normalise(expected.indicatorRaw), normalise(got.indicatorRaw)],
          }
        : {}),
    } as const;
    for (const [field, [want, value]] of Object.entries(fields)) {
      if (accepted.has(`${index}:${field}`)) {
        expect({ finding: index, field, differs: want !== value }).toEqual({ finding: index, field, differs: true });
        continue;
      }
      expect({ finding: index, indicator: expected.indicatorId, field, value }).toEqual({ finding: index, indicator: expected.indicatorId, field, value: want });
    }
  });
}

/** Text inputs locate every finding by a line span of the decoded text. */
export function expectLineLocations(report: ExtractedReport): void {
  report.findings.forEach((finding, index) => {
    const { lineStart, lineEnd } = finding.location;
    expect({ finding: index, located: lineStart !== null && lineStart > 0 && lineEnd !== null && lineEnd >= lineStart }).toEqual({ finding: index, located: true });
  });
}
