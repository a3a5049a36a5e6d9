/**
 * Matches printed indicator (and criterion, theme) wordings onto the catalogue. The score is the
 * mean of two Dice coefficients between stemmed, folded forms: over character bigrams (natural),
 * which forgives typos and small wording changes, and over the bags of word stems, which punishes
 * extra or missing words (two indicators run together must not pass for one). It is taken over the
 * canonical wording and every known variant; 1 means the same words.
 */
import { loadCatalogue, type Catalogue, type CatalogueCriterion, type CatalogueIndicator, type CatalogueLevel, type CatalogueTheme } from './catalogue.js';
import { foldText, matchForm } from './normalise.js';

/** Below this an indicator is kept but reported unmapped. */
export const MATCH_THRESHOLD = 0.8;
/** Two candidates closer than this are ambiguous and get a warning. */
export const AMBIGUITY_MARGIN = 0.03;

export interface IndicatorMatch {
  indicator: CatalogueIndicator | null;
  score: number;
  runnerUp: { indicator: CatalogueIndicator; score: number } | null;
}

const MAX_CACHED_MATCHES = 50_000;

interface Candidate<T> {
  item: T;
  forms: string[];
  /** forms, each prepared once for the two Dice coefficients (rank compares every query with all of them). */
  prepared: PreparedForm[];
}

/**
 * A form ready for both Dice coefficients: its word stems counted, and natural's bigram set of it.
 * tokenDice and natural's diceCoefficient split, count and build sets for both strings on every
 * call; rank made ~40 such calls per distinct wording, which were most of a thread's matching time.
 */
interface PreparedForm {
  form: string;
  tokens: Map<string, number>;
  tokenCount: number;
  bigrams: Set<string> | null;
}

function prepare(form: string): PreparedForm {
  const tokens = new Map<string, number>();
  const split = form.split(' ');
  for (const token of split) tokens.set(token, (tokens.get(token) ?? 0) + 1);
  return { form, tokens, tokenCount: split.length, bigrams: null };
}

const candidate = <T>(item: T, forms: string[]): Candidate<T> => ({ item, forms, prepared: forms.map(prepare) });

export class CatalogueMatcher {
  private readonly indicatorsByLevel = new Map<CatalogueLevel, Candidate<CatalogueIndicator>[]>();
  private readonly criteriaByLevel = new Map<CatalogueLevel, Candidate<CatalogueCriterion>[]>();
  private readonly themes: { item: CatalogueTheme; forms: string[] }[];
  // One memo per level and key kind (printed text, match form), so a lookup hashes the text alone
  // rather than a level-prefixed copy of it.
  private readonly indicatorByText = { beleid: new Map<string, IndicatorMatch>(), casus: new Map<string, IndicatorMatch>() };
  private readonly indicatorByForm = { beleid: new Map<string, IndicatorMatch>(), casus: new Map<string, IndicatorMatch>() };
  private readonly criterionByText = {
    beleid: new Map<string, { criterion: CatalogueCriterion; score: number } | null>(),
    casus: new Map<string, { criterion: CatalogueCriterion; score: number } | null>(),
  };

  private readonly themeByLabel = new Map<string, CatalogueTheme | null>();
  /** Every known wording's letters and digits alone → its indicator (null where two indicators share them). */
  private readonly indicatorByLetters = { beleid: new Map<string, CatalogueIndicator | null>(), casus: new Map<string, CatalogueIndicator | null>() };

  constructor(readonly catalogue: Catalogue) {
    for (const level of ['beleid', 'casus'] as const) {
      this.indicatorsByLevel.set(
        level,
        catalogue.indicators.filter((i) => i.level === level).map((i) => candidate(i, [i.text, ...i.variants].map(matchForm))),
      );
      this.criteriaByLevel.set(
        level,
        catalogue.criteria.filter((c) => c.level === level).map((c) => candidate(c, [c.name, ...c.variants].map(matchForm))),
      );
    }
    this.themes = catalogue.themes.map((t) => ({ item: t, forms: [t.name, ...t.variants].map(foldText) }));
    for (const indicator of catalogue.indicators) {
      const byLetters = this.indicatorByLetters[indicator.level];
      for (const wording of [indicator.text, ...indicator.variants]) {
        const key = lettersOnly(wording);
        byLetters.set(key, byLetters.has(key) && byLetters.get(key) !== indicator ? null : indicator);
      }
    }
  }

  matchIndicator(text: string, level: CatalogueLevel): IndicatorMatch {
    // Printed wordings repeat across a batch: key on the raw text first, so a hit skips stemming too.
    return remember(this.indicatorByText[level], text, () => {
      const form = matchForm(text);
      const ranked = remember(this.indicatorByForm[level], form, () => {
        const ranked = rank(form, this.indicatorsByLevel.get(level)!);
        const best = ranked[0];
        return {
          indicator: best && best.score >= MATCH_THRESHOLD ? best.item : null,
          score: best ? best.score : 0,
          runnerUp: ranked[1] ? { indicator: ranked[1].item, score: ranked[1].score } : null,
        };
      });
      if (ranked.indicator) return ranked;
      // A known wording letter for letter, only its spaces and hyphens elsewhere ("Alle netwe ‐ rkpartners
      // hanteren …", as a PDF writer's glyph spacing leaves it): the stems of cut words match nothing, the
      // letters are the wording's own. Keyed on the text (not the form), as the letters are the text's.
      const same = this.indicatorByLetters[level].get(lettersOnly(text));
      return same ? { indicator: same, score: 1, runnerUp: null } : ranked;
    });
  }

  matchCriterion(text: string, level: CatalogueLevel): { criterion: CatalogueCriterion; score: number } | null {
    return remember(this.criterionByText[level], text, () => {
      const best = rank(matchForm(text), this.criteriaByLevel.get(level)!)[0];
      return best && best.score >= MATCH_THRESHOLD ? { criterion: best.item, score: best.score } : null;
    });
  }

  /** Theme labels are short, so they must match exactly once folded (variants included). */
  matchTheme(label: string): CatalogueTheme | null {
    // Asked once per finding with its table's title: a handful of distinct labels per batch.
    return remember(this.themeByLabel, label, () => {
      // "2. Gezin centraal" or "Thema: Toeleiding" name the theme as plainly as the bare label.
      const folded = foldText(label).replace(/^(thema )?(\d+ )?/, '');
      return this.themes.find((t) => t.forms.includes(folded))?.item ?? null;
    });
  }
}

/** A wording folded to its letters and digits alone: no spaces, hyphens or punctuation. */
function lettersOnly(text: string): string {
  return foldText(text).replace(/ /g, '');
}

let shared: CatalogueMatcher | null = null;

/** The shipped catalogue's matcher, one per thread: its memos serve every stage that matches wordings. */
export function sharedMatcher(): CatalogueMatcher {
  return (shared ??= new CatalogueMatcher(loadCatalogue()));
}

/** A memo that forgets everything once full: distinct wordings are few, but odd input must not grow it forever. */
function remember<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const known = cache.get(key);
  // One lookup on a hit; only a cached null (criteria) needs the second one to tell it from a miss.
  if (known !== undefined || cache.has(key)) return known as V;
  const value = compute();
  if (cache.size >= MAX_CACHED_MATCHES) cache.clear();
  cache.set(key, value);
  return value;
}

/** Candidates scored in full (character bigrams); the rest are ranked by the cheap word-stem score alone. */
const FULLY_SCORED = 4;

/**
 * Best candidates first. The word-stem Dice is cheap, so every candidate gets it; natural's
 * bigram Dice (the costly half) is computed only for the few that lead on words, which are the
 * only ones that can come first or second.
 */
function rank<T>(form: string, candidates: Candidate<T>[]): { item: T; score: number }[] {
  if (form.length === 0) return [];
  const query = prepare(form);
  const byWords = candidates
    .map(({ item, forms, prepared }) => {
      let best = -1;
      for (const candidateForm of prepared) {
        const words = candidateForm.form === form ? 1 : tokenDice(query, candidateForm);
        if (words > best) best = words;
      }
      return { item, forms, prepared, words: best };
    })
    .sort((a, b) => b.words - a.words);
  return byWords
    .map((candidate, index) => ({
      item: candidate.item,
      score: index < FULLY_SCORED ? roundScore(Math.max(...candidate.prepared.map((f) => similarity(query, f)))) : roundScore(candidate.words / 2),
    }))
    .sort((a, b) => b.score - a.score);
}

function similarity(a: PreparedForm, b: PreparedForm): number {
  if (a.form === b.form) return 1;
  return (diceOf(a, b) + tokenDice(a, b)) / 2;
}

/**
 * Dice over bags of stems: repeated words count, so a wording printed twice is not "the same".
 * Shared tokens are the sum over words of the lesser count, which is what pairing each token of
 * one side with an unused one of the other counts.
 */
function tokenDice(a: PreparedForm, b: PreparedForm): number {
  const [small, large] = a.tokens.size <= b.tokens.size ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  let shared = 0;
  for (const [token, count] of small) {
    const other = large.get(token);
    if (other !== undefined) shared += count < other ? count : other;
  }
  return (2 * shared) / (a.tokenCount + b.tokenCount);
}

/**
 * natural's diceCoefficient (distance/dice_coefficient.js) with each side's bigram set built once:
 * the same sanitising (lower case, white space collapsed and trimmed), the same set of two-character
 * slices (a one-character string padded with a space) and the same formula, so the same number.
 */
function diceOf(a: PreparedForm, b: PreparedForm): number {
  const left = (a.bigrams ??= bigramSet(a.form));
  const right = (b.bigrams ??= bigramSet(b.form));
  let shared = 0;
  for (const bigram of left) if (right.has(bigram)) shared++;
  return (2 * shared) / (left.size + right.size);
}

function bigramSet(text: string): Set<string> {
  const sanitised = text.toLowerCase().replace(/\s+/g, ' ').replace(/^\s+|\s+$/g, '');
  const padded = sanitised.length === 1 ? `${sanitised} ` : sanitised;
  const bigrams = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) bigrams.add(padded.slice(i, i + 2));
  return bigrams;
}

export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
