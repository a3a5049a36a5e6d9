/**
 * Text → comparable form for matching against the catalogue. Accents and punctuation are
 * folded first because natural's Dutch tokenizer splits words at accented letters
 * ("coördinatie" → "co", "rdinatie"); then words are stemmed with natural's Dutch Porter stemmer
 * so "evalueert"/"evalueren" or "gezin"/"gezinnen" compare alike.
 */
import dutchStemmer from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import DutchTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer_nl.js';

const tokenizer = new DutchTokenizer();

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function stemTokens(text: string): string[] {
  return tokenizer.tokenize(foldText(text)).map((token) => dutchStemmer.stem(token));
}

/** The form two wordings are compared in: folded, tokenised, stemmed, space-joined. */
export function matchForm(text: string): string {
  return stemTokens(text).join(' ');
}
