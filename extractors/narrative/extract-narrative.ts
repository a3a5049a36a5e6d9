/**
 * The narrative stage: a case-level nota's text → sections, recommendations, quotes and meeting
 * attendance, each located (source lines for text and DocBook files; for HTML, DOCX and PDF, whose text the
 * reader made, the lines of that text as a locator). Runs for `casus` reports only: policy
 * factsheets and follow-ups have no such narrative, and get neither rows nor warnings from here.
 */
import type { CatalogueMatcher } from '../framework/match.js';
import type { ExtractionWarning, Level, SourceLocation } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { textLineMapper } from '../text-lines.js';
import { meetingAttendees } from './attendance.js';
import { textBlocks, isListItem, type Block } from './blocks.js';
import { namedIndicators, themeReferences } from './framework-refs.js';
import { findOutline, mayBeHeading, type Heading } from './headings.js';
import type { Narrative, NarrativeKind, NarrativeQuote, NarrativeRecommendation, NarrativeSection } from './narrative-model.js';
import { parseQuote, roleGroupOf, splitRunInQuotes } from './quotes.js';
import { matchRecommendation, recommendationItem, RECOMMENDATION_THRESHOLD } from './recommendations.js';
import { isConclusionLine, sectionKind } from './section-kinds.js';

export interface NarrativeResult {
  narrative: Narrative | null;
  warnings: ExtractionWarning[];
}

type Locate = (lineStart: number, lineEnd: number) => SourceLocation;

/**
 * Text files: their own lines; DocBook: the file lines each line of its text was made from. Other
 * formats: the lines of the text the reader made, as a locator, and for a PDF the page they start on.
 */
function locator(document: Pick<ReadDocument, 'format' | 'text' | 'linePages' | 'textLines' | 'firstLine'>): Locate {
  if (document.format === 'text' || document.format === 'docbook') {
    // Lines of the text, counted from 1; the file's are counted from the report's first line (a bundle) or rebuilt (layout text).
    const firstLine = document.firstLine ?? 1;
    const toFile = textLineMapper(document);
    return (lineStart, lineEnd) => toFile({ lineStart: lineStart + firstLine - 1, lineEnd: lineEnd + firstLine - 1, page: null, locator: null });
  }
  // Pages only when the reader gave one per line: a count that disagrees would put rows on wrong pages.
  const pages = document.linePages && document.linePages.length === document.text.split('\n').length ? document.linePages : null;
  return (lineStart, lineEnd) => ({ lineStart: null, lineEnd: null, page: pages?.[lineStart - 1] ?? null, locator: `text lines ${lineStart}-${lineEnd}` });
}

const warning = (code: string, severity: 'info' | 'warning', message: string, location: SourceLocation | null): ExtractionWarning => ({ code, severity, message, location, findingIndex: null });

export function extractNarrative(document: Pick<ReadDocument, 'text' | 'format' | 'linePages' | 'textLines' | 'firstLine'>, level: Level | null, matcher: CatalogueMatcher): NarrativeResult {
  if (level !== 'casus') return { narrative: null, warnings: [] };
  const locate = locator(document);
  const blocks = textBlocks(document.text, mayBeHeading);
  const outline = findOutline(blocks);
  const warnings: ExtractionWarning[] = [];
  if (!outline) {
    warnings.push(warning('narrative_not_segmented', 'warning', 'case-level nota whose text shows no chapter structure (no numbered chapters, no "Wat gaat goed" / "Wat kan beter" headings): no sections, recommendations or quotes read', null));
    return { narrative: { sections: [], recommendations: [], quotes: [], attendees: [] }, warnings };
  }
  const catalogue = matcher.catalogue;
  const { headings, end } = outline;
  const sections: NarrativeSection[] = [];
  /** For each block in the narrative, the index of the section it belongs to. */
  const blockSection = new Map<number, number>();
  const sectionBlocks: Block[][] = [];
  let chapterKind: NarrativeKind | null = null;
  headings.forEach((h, index) => {
    const from = h.blockIndex + 1;
    const to = headings[index + 1]?.blockIndex ?? end;
    const body = blocks.slice(from, to);
    for (let b = from; b < to; b++) blockSection.set(b, index);
    const kind = h.depth === 1 ? sectionKind(h.title, null) : sectionKind(h.title, chapterKind);
    if (h.depth === 1) chapterKind = kind;
    const split = body.findIndex((b) => isConclusionLine(b.text));
    const before = split < 0 ? body : body.slice(0, split);
    const after = split < 0 ? [] : body.slice(split + 1);
    // Bold and underline marks are layout, not text: HTML and PDF text never has them.
    const joined = (list: Block[]) => (list.length > 0 ? list.map((b) => b.text.replace(/\*\*|__/g, '')).join('\n') : null);
    const all = body.map((b) => b.text).join('\n');
    const refs = themeReferences(all, catalogue);
    const headingBlock = blocks[h.blockIndex]!;
    const location = locate(headingBlock.lineStart, body.at(-1)?.lineEnd ?? headingBlock.lineEnd);
    for (const name of refs.unknown) {
      warnings.push(warning('framework_reference_unknown', 'warning', `section ${h.number ?? `"${h.title}"`} refers to a framework theme "${name}" that is not in the catalogue; theme_ids leave it out`, location));
    }
    sections.push({
      number: h.number,
      heading: h.title,
      depth: h.depth,
      kind,
      themeIds: refs.themeIds,
      indicatorIds: namedIndicators(all, matcher),
      conclusion: joined(after),
      text: joined(before),
      location,
    });
    sectionBlocks.push(body);
  });

  const recommendations = readRecommendations(headings, sections, sectionBlocks, matcher, locate, warnings);
  const quotes: NarrativeQuote[] = [];
  for (let b = headings[0]!.blockIndex + 1; b < end; b++) {
    const block = blocks[b]!;
    if (isListItem(block.text)) continue;
    const parsed = parseQuote(block.text);
    if (!parsed) {
      const [, ...runIn] = splitRunInQuotes(null, block.text);
      if (runIn.length === 0) continue;
      const location = locate(block.lineStart, block.lineEnd);
      warnings.push(warning('quotes_run_together', 'info', `${runIn.length} quote(s) run into the paragraph before them, each after a speaker label ("${runIn.map((v) => v.role).join('", "')}:") that follows a sentence's end: a paragraph break lost in conversion; read as quotes`, location));
      for (const voice of runIn) quotes.push({ sectionIndex: blockSection.get(b) ?? null, speakerRole: voice.role!, roleGroup: roleGroupOf(voice.role!), text: voice.text, location });
      continue;
    }
    const location = locate(block.lineStart, block.lineEnd);
    if (parsed.kind === 'doubtful') {
      warnings.push(warning('quote_label_doubtful', 'warning', `a paragraph opens like a quote but its speaker label "${parsed.label}:" starts in lower case (a letter lost in conversion?); not read as a quote`, location));
      continue;
    }
    const voices = splitRunInQuotes(parsed.role, parsed.text);
    if (voices.length > 1) {
      warnings.push(warning('quotes_run_together', 'info', `${voices.length} quotes in one paragraph, each after a speaker label ("${voices.slice(1).map((v) => v.role).join('", "')}:") that follows a sentence's end: a paragraph break lost in conversion; read as ${voices.length} quotes`, location));
    }
    for (const voice of voices) quotes.push({ sectionIndex: blockSection.get(b) ?? null, speakerRole: voice.role!, roleGroup: roleGroupOf(voice.role!), text: voice.text, location });
  }
  const meetingBlocks = sections.flatMap((s, i) => (s.kind === 'leerbijeenkomst' ? sectionBlocks[i]!.map((b) => b.text) : []));
  return { narrative: { sections, recommendations, quotes, attendees: meetingAttendees(meetingBlocks) }, warnings };
}

function readRecommendations(
  headings: Heading[],
  sections: NarrativeSection[],
  sectionBlocks: Block[][],
  matcher: CatalogueMatcher,
  locate: Locate,
  warnings: ExtractionWarning[],
): NarrativeRecommendation[] {
  const indicators = matcher.catalogue.indicators.filter((i) => i.level === 'casus');
  const out: NarrativeRecommendation[] = [];
  sections.forEach((section, index) => {
    // A chapter "Conclusie en aanbevelingen" with sections of its own leaves the list to them.
    const hasChildren = headings[index]!.depth === 1 && headings[index + 1]?.depth === 2;
    if (hasChildren || !/aanbeveling/i.test(section.heading)) return;
    let found = 0;
    for (const block of sectionBlocks[index]!) {
      const item = recommendationItem(block.text);
      if (!item) continue;
      found++;
      const location = locate(block.lineStart, block.lineEnd);
      const match = matchRecommendation(item.title ?? item.text, indicators);
      const matched = match.indicator !== null && match.score >= RECOMMENDATION_THRESHOLD ? match.indicator : null;
      if (!matched) {
        warnings.push(warning('recommendation_unmatched', 'info', `recommendation ${out.length + 1} ("${(item.title ?? item.text).slice(0, 80)}") matches no case-level indicator at ${RECOMMENDATION_THRESHOLD} or above (best ${match.score}${match.indicator ? `, ${match.indicator.id}` : ''}); theme_ids and indicator_ids left empty`, location));
      }
      out.push({
        ordinal: out.length + 1,
        sectionIndex: index,
        title: item.title,
        text: item.text,
        themeIds: matched ? [matched.themeId] : [],
        indicatorIds: matched ? [matched.id] : [],
        matchScore: match.score,
        location,
      });
    }
    if (found === 0) {
      warnings.push(warning('recommendations_not_listed', 'warning', `section ${section.number ?? `"${section.heading}"`} is about recommendations but holds no list item or bold-led paragraph to read them from; none exported`, section.location));
    }
  });
  return out;
}
