/**
 * A section's pointer into the framework ("Zie voor de gehanteerde criteria en normen het thema
 * 'Gezin centraal' in het toetsingskader", "de thema's 'De aanpak' en 'Samenwerking'") → catalogue
 * theme ids, and indicators the section names itself ("de indicator 'Er is een gezamenlijk plan
 * voor het gezin'") → indicator ids when the catalogue recognises the wording. Nothing is inferred
 * from the section's subject: a section that does not point is left without ids.
 */
import type { Catalogue } from '../framework/catalogue.js';
import type { CatalogueMatcher } from '../framework/match.js';
import { foldText } from '../framework/normalise.js';

const REFERENCE = /\b(?:toetsingskader|criteria en normen|normenkader)\b/i;
const QUOTED = /['‘’"“”„]([^'‘’"“”„]{2,80})['‘’"“”„]/gu;
const UNQUOTED = /\bthema(?:'s|’s|s)?\s+(.+?)\s+(?:in|uit|van)\s+(?:het\s+)?(?:toetsingskader|normenkader)/iu;

export interface ThemeReference {
  themeIds: string[];
  /** Names the reference gives that are no catalogue theme (for a warning). */
  unknown: string[];
}

function themeByName(catalogue: Catalogue, name: string): string | null {
  const folded = foldText(name).replace(/^(?:de|het)\s+/, '');
  for (const theme of catalogue.themes) {
    for (const form of [theme.name, ...theme.variants]) {
      if (foldText(form).replace(/^(?:de|het)\s+/, '') === folded) return theme.id;
    }
  }
  return null;
}

/** Theme ids named by the framework references in a section's text, in order of mention. */
export function themeReferences(text: string, catalogue: Catalogue): ThemeReference {
  const themeIds: string[] = [];
  const unknown: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+|\n/)) {
    if (!REFERENCE.test(sentence) || !/\bthema/i.test(sentence)) continue;
    // "de thema's 'De aanpak' en …": the plural's apostrophe would open a quotation of its own.
    const plain = sentence.replace(/\b(thema|criteri[ua]m?)['’]s\b/giu, '$1s');
    const quoted = [...plain.matchAll(QUOTED)].map((m) => m[1]!.trim());
    const names = quoted.length > 0 ? quoted : (UNQUOTED.exec(plain)?.[1]?.split(/\s*,\s*|\s+en\s+/) ?? []);
    for (const name of names) {
      const id = themeByName(catalogue, name);
      if (id === null) unknown.push(name);
      else if (!themeIds.includes(id)) themeIds.push(id);
    }
  }
  return { themeIds, unknown };
}

const NAMED_INDICATOR = /\bindicator(?:en)?\b[^'‘"“]{0,40}['‘"“]([^'’"”]{8,200})['’"”]/giu;

/** Indicators a section names in quotes after the word "indicator", matched at the catalogue's own threshold. */
export function namedIndicators(text: string, matcher: CatalogueMatcher): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(NAMED_INDICATOR)) {
    const match = matcher.matchIndicator(m[1]!, 'casus');
    if (match.indicator && !ids.includes(match.indicator.id)) ids.push(match.indicator.id);
  }
  return ids;
}
