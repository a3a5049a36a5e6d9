/**
 * Recommendations: the items of the list under "Aanbevelingen", as bullets with a bold lead
 * ("- **Stel een gezinsplan op.** STJ vindt …") or a numbered list ("1. Stel een gezinsplan op. …"),
 * or paragraphs that open with a bold lead. The title is the bold lead; where a converter dropped
 * the bold (HTML, PDF text) it is the first sentence, which is where notas end their lead.
 * Each title is matched against the case-level indicators of the catalogue: the score is kept, the
 * ids only at or above RECOMMENDATION_THRESHOLD (a recommendation is worded as an action, an
 * indicator as a state, so scores run lower than for printed indicators).
 */
import type { CatalogueIndicator } from '../framework/catalogue.js';
import { stemTokens } from '../framework/normalise.js';
import { roundScore } from '../framework/match.js';
import { isListItem } from './blocks.js';

export const RECOMMENDATION_THRESHOLD = 0.5;

const LIST_MARK = /^(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+/u;
/** A lead in bold as markdown ("**…**", "__…__"), MediaWiki ("'''…'''") or org, Jira and Textile ("*…*") write it. */
const BOLD_LEAD = /^(\*\*|__|'''|\*)(?!\s)(.+?)\1(?=\s|$)\s*(.*)$/su;
const FIRST_SENTENCE = /^(.+?[.!?])(?=\s+[\p{Lu}"“‘(]|$)/su;

export interface RecommendationItem {
  title: string | null;
  text: string;
}

/** A block as a recommendation item, or null when it is neither a list item nor bold-led. */
export function recommendationItem(block: string): RecommendationItem | null {
  const listed = isListItem(block);
  const body = listed ? block.replace(LIST_MARK, '') : block;
  const bold = BOLD_LEAD.exec(body);
  if (!listed && !bold) return null;
  const plain = (s: string) => s.replace(/\*\*|__|'''/g, '').replace(/\s+/g, ' ').trim();
  if (bold) {
    const title = plain(bold[2]!);
    return { title, text: plain(`${bold[2]} ${bold[3]}`) };
  }
  const text = plain(body);
  const first = FIRST_SENTENCE.exec(text);
  return { title: first ? first[1]!.trim() : null, text };
}

/** Stems that carry no subject ("een", "de", "op"): left out so they cannot make a match. */
const FUNCTION_STEMS = new Set(['de', 'het', 'een', 'en', 'of', 'op', 'in', 'van', 'voor', 'met', 'aan', 'bij', 'te', 'er', 'is', 'zijn', 'wordt', 'worden', 'dat', 'die', 'dit', 'deze', 'om', 'tot', 'uit', 'naar', 'als', 'ook', 'meer', 'stj', 'zij', 'hun']);

const contentStems = (text: string) => new Set(stemTokens(text).filter((s) => s.length > 1 && !FUNCTION_STEMS.has(s)));

export interface RecommendationMatch {
  indicator: CatalogueIndicator | null;
  score: number;
}

/** Each indicator's wordings as stem sets, computed once: stemming dominates the stage's cost otherwise. */
const indicatorStems = new WeakMap<CatalogueIndicator, Set<string>[]>();
function stemsOf(indicator: CatalogueIndicator): Set<string>[] {
  let forms = indicatorStems.get(indicator);
  if (!forms) {
    forms = [indicator.text, ...indicator.variants].map(contentStems);
    indicatorStems.set(indicator, forms);
  }
  return forms;
}

/** Dice coefficient of content stems between the title and each indicator wording; the best one. */
export function matchRecommendation(title: string, indicators: CatalogueIndicator[]): RecommendationMatch {
  const own = contentStems(title);
  let best: RecommendationMatch = { indicator: null, score: 0 };
  if (own.size === 0) return best;
  for (const indicator of indicators) {
    for (const other of stemsOf(indicator)) {
      if (other.size === 0) continue;
      let shared = 0;
      for (const s of own) if (other.has(s)) shared++;
      const score = roundScore((2 * shared) / (own.size + other.size));
      if (score > best.score) best = { indicator, score };
    }
  }
  return best;
}
