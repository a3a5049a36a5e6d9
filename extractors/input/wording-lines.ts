/**
 * Could these words be one line of a criterion or indicator cell as the framework prints them? The
 * layout-text reader asks when a line's cells stand one space apart and nearness to the column edge
 * alone would guess (layout-columns.ts): the catalogue's wordings are the data that decides.
 */
import { loadCatalogue } from '../framework/catalogue.js';
import type { PhraseCheck } from './layout-columns.js';

// Case is kept: a capital where a wording has none starts a cell ("De duur van | De afspraak …").
const bareWord = (word: string) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * Each wording as its bare words joined by single spaces, with a space at either end, so that a run of
 * words is a stretch of it exactly when " run " is a substring (and starts or ends it when a prefix or
 * suffix). Asked only for one-space cuts, a few times a file: a scan beats holding every stretch.
 */
let spacedWordings: string[] | null = null;

function wordings(): string[] {
  if (spacedWordings) return spacedWordings;
  const catalogue = loadCatalogue();
  const texts = [...catalogue.indicators.flatMap((i) => [i.text, ...i.variants]), ...catalogue.criteria.flatMap((c) => [c.name, ...c.variants])];
  return (spacedWordings = texts.map((text) => ` ${text.split(/\s+/).map(bareWord).filter(Boolean).join(' ')} `));
}

/** One line of a criterion or indicator cell as the framework's wordings could print it (layout-columns.ts PhraseCheck). */
export const inFrameworkWording: PhraseCheck = (words) => {
  const bare = words.map(bareWord).filter(Boolean);
  if (bare.length === 0) return true;
  const all = wordings();
  const run = ` ${bare.join(' ')} `;
  if (all.some((wording) => wording.includes(run))) return true;
  for (let split = 1; split < bare.length; split++) {
    const end = ` ${bare.slice(0, split).join(' ')} `;
    const start = ` ${bare.slice(split).join(' ')} `;
    if (all.some((wording) => wording.endsWith(end)) && all.some((wording) => wording.startsWith(start))) return true;
  }
  return false;
};
