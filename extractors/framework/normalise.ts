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
  return tokenizer.tokenize(foldText(text)).map(stem);
}

/**
 * natural's Dutch stemmer keeps one flag across calls, `suffixeRemoved`: set the first time step 2
 * drops an e, never cleared, and read by step 3b (which drops "bar" only after a dropped e). Until it
 * is set, a word's stem may depend on the words stemmed before it; once set (within the first few
 * words a thread stems) a word always gets the same stem. From then on stems are remembered: stemming
 * costs ten RegExp replacements per word, and a batch repeats the same words over and over. Words
 * stemmed before the flag is set are stemmed as always, so every stem is the one natural gives.
 */
const stems = new Map<string, string>();
const MAX_STEMS = 100_000;
const stemmerState = dutchStemmer as { stem(token: string): string; suffixeRemoved?: unknown };

function stem(token: string): string {
  if (stemmerState.suffixeRemoved !== true) return dutchStemmer.stem(token);
  let stemmed = stems.get(token);
  if (stemmed === undefined) {
    stemmed = dutchStemmer.stem(token);
    if (stems.size >= MAX_STEMS) stems.clear();
    stems.set(token, stemmed);
  }
  return stemmed;
}

/** The form two wordings are compared in: folded, tokenised, stemmed, space-joined. */
export function matchForm(text: string): string {
  return stemTokens(text).join(' ');
}
