/**
 * Text → comparable form for matching against the catalogue. Accents and punctuation are
 * folded first because natural's Dutch tokenizer splits words at accented letters
 * ("coördinatie" → "co", "rdinatie"); then words are stemmed with natural's Dutch Porter stemmer
 * so "evalueert"/"evalueren" or "gezin"/"gezinnen" compare alike.
 */
import dutchStemmer from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import DutchTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer_nl.js';

const tokenizer = new DutchTokenizer();

const HAS_NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_RUN = /[^\x00-\x7f]+/g;
const MARKS = /\p{M}/gu;
/** Distinct non-ASCII runs are few (ë, é, ï, ‘…’): each is decomposed once per thread, not once per line. */
const strippedRuns = new Map<string, string>();
const MAX_STRIPPED_RUNS = 10_000;

function stripRun(run: string): string {
  let stripped = strippedRuns.get(run);
  if (stripped === undefined) {
    stripped = run.normalize('NFD').replace(MARKS, '');
    if (strippedRuns.size >= MAX_STRIPPED_RUNS) strippedRuns.clear();
    strippedRuns.set(run, stripped);
  }
  return stripped;
}

/**
 * Exactly `text.normalize('NFD').replace(/\p{M}/gu, '')`, without decomposing the whole text:
 * ASCII characters decompose to themselves and are starters (canonical class 0), so NFD never
 * reorders across them and the text can be decomposed run by run of non-ASCII characters. Most
 * lines are plain ASCII and skip the work altogether.
 */
export function stripMarks(text: string): string {
  return HAS_NON_ASCII.test(text) ? text.replace(NON_ASCII_RUN, stripRun) : text;
}

export function foldText(text: string): string {
  return stripMarks(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function stemTokens(text: string): string[] {
  return tokenizer.tokenize(foldText(text)).map(stemOf);
}

/** Word → stem, per thread: a wording new to the matcher is mostly words stemmed before, and the stemmer's regex steps are slow. */
const stems = new Map<string, string>();
const MAX_STEMS = 50_000;
const stemmerState = dutchStemmer as { suffixeRemoved?: boolean };

/**
 * natural's Dutch stemmer keeps one flag across calls (suffixeRemoved: set the first time its step 2
 * drops an "e", never reset), and whether it strips "-bar" depends on it. A stem is remembered only
 * once the flag is set, from when on a word's stem no longer depends on the words stemmed before it;
 * the matcher's constructor stems the whole catalogue, which sets it.
 */
function stemOf(token: string): string {
  if (stemmerState.suffixeRemoved !== true) return dutchStemmer.stem(token);
  let stem = stems.get(token);
  if (stem === undefined) {
    stem = dutchStemmer.stem(token);
    if (stems.size >= MAX_STEMS) stems.clear();
    stems.set(token, stem);
  }
  return stem;
}

/** The form two wordings are compared in: folded, tokenised, stemmed, space-joined. */
export function matchForm(text: string): string {
  return stemTokens(text).join(' ');
}
