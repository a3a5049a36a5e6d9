/**
 * Could these words be one line of a criterion or indicator cell as the framework prints them? The
 * layout-text reader asks when a line's cells stand one space apart and nearness to the column edge
 * alone would guess (layout-columns.ts): the catalogue's wordings are the data that decides.
 */
import { loadCatalogue } from '../framework/catalogue.js';
import type { PhraseCheck } from './layout-columns.js';

// Case is kept: a capital where a wording has none starts a cell ("De duur van | De afspraak …").
const bareWord = (word: string) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

interface WordingStretches {
  /** Every stretch of consecutive words of a wording. */
  inner: Set<string>;
  /** Every wording's starts and ends (as stretches). */
  starts: Set<string>;
  ends: Set<string>;
}
let wordingStretches: WordingStretches | null = null;

function stretches(): WordingStretches {
  if (wordingStretches) return wordingStretches;
  const catalogue = loadCatalogue();
  const wordings = [...catalogue.indicators.flatMap((i) => [i.text, ...i.variants]), ...catalogue.criteria.flatMap((c) => [c.name, ...c.variants])];
  const found: WordingStretches = { inner: new Set(), starts: new Set(), ends: new Set() };
  for (const wording of wordings) {
    const words = wording.split(/\s+/).map(bareWord).filter(Boolean);
    for (let from = 0; from < words.length; from++) {
      for (let to = from + 1; to <= words.length; to++) {
        const stretch = words.slice(from, to).join(' ');
        found.inner.add(stretch);
        if (from === 0) found.starts.add(stretch);
        if (to === words.length) found.ends.add(stretch);
      }
    }
  }
  return (wordingStretches = found);
}

/** One line of a criterion or indicator cell as the framework's wordings could print it (layout-columns.ts PhraseCheck). */
export const inFrameworkWording: PhraseCheck = (words) => {
  const bare = words.map(bareWord).filter(Boolean);
  if (bare.length === 0) return true;
  const { inner, starts, ends } = stretches();
  if (inner.has(bare.join(' '))) return true;
  for (let split = 1; split < bare.length; split++) {
    if (ends.has(bare.slice(0, split).join(' ')) && starts.has(bare.slice(split).join(' '))) return true;
  }
  return false;
};
