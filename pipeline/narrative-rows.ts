/**
 * Narrative rows of one report: sections, recommendations and quotes (see
 * extractors/narrative/). Ids hash what a row is (report, section number or heading, the words of a
 * recommendation or quote, its n-th repeat) rather than where it sits, like finding ids, so they
 * survive re-runs and layout changes that move line numbers. Reports of other levels give no rows.
 */
import type { ExtractedReport, SourceLocation } from '../extractors/model.js';
import {
  prefixedId,
  quoteRowSchema,
  recommendationRowSchema,
  sectionRowSchema,
  type QuoteRow,
  type RecommendationRow,
  type SectionRow,
} from './dataset-schema.js';
import { orNull, sha256Hex, sourceLines } from './dataset-rows.js';

export interface NarrativeRows {
  sections: SectionRow[];
  recommendations: RecommendationRow[];
  quotes: QuoteRow[];
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const list = (ids: string[]) => orNull(ids.join(';'));

/** Stable ids: the key, then how many earlier rows had the same key. */
function idMaker(kind: 'section' | 'recommendation') {
  const seen = new Map<string, number>();
  return (key: string) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return prefixedId(kind, sha256Hex(`${key}|${n}`).slice(0, 16));
  };
}

const provenance = (location: SourceLocation) => ({ source_lines: sourceLines(location), source_page: location.page });

export function buildNarrativeRows(reportId: string, report: ExtractedReport): NarrativeRows {
  const narrative = report.narrative;
  if (!narrative) return { sections: [], recommendations: [], quotes: [] };
  const sectionId = idMaker('section');
  const sectionIds = narrative.sections.map((s) => sectionId(`${reportId}|${s.number ?? ''}|${normalise(s.heading)}`));
  const sections = narrative.sections.map((s, i) =>
    sectionRowSchema.parse({
      report_id: reportId,
      section_id: sectionIds[i]!,
      number: s.number,
      heading: s.heading,
      kind: s.kind,
      theme_ids: list(s.themeIds),
      indicator_ids: list(s.indicatorIds),
      conclusion: orNull(s.conclusion),
      text: orNull(s.text),
      ...provenance(s.location),
    }),
  );
  const recommendationId = idMaker('recommendation');
  const recommendations = narrative.recommendations.map((r) =>
    recommendationRowSchema.parse({
      report_id: reportId,
      recommendation_id: recommendationId(`${reportId}|${normalise(r.text)}`),
      ordinal: r.ordinal,
      title: orNull(r.title),
      text: r.text,
      theme_ids: list(r.themeIds),
      indicator_ids: list(r.indicatorIds),
      match_score: r.matchScore,
      ...provenance(r.location),
    }),
  );
  const quotes = narrative.quotes.map((q) =>
    quoteRowSchema.parse({
      report_id: reportId,
      section_id: q.sectionIndex === null ? null : sectionIds[q.sectionIndex]!,
      speaker_role: q.speakerRole,
      role_group: q.roleGroup,
      text: q.text,
      ...provenance(q.location),
    }),
  );
  return { sections, recommendations, quotes };
}
