/**
 * Heading wording → section kind, after the framework's own chapter names and the variants notas
 * use for them. Matched on folded text (accents, case and punctuation off), anywhere in the title,
 * so "3 Wat gaat goed?", "Wat gaat er goed" and "Sterke punten van de aanpak" agree.
 */
import { foldText } from '../framework/normalise.js';
import type { NarrativeKind } from './narrative-model.js';

const KIND_PATTERNS: [Exclude<NarrativeKind, 'overig'>, RegExp][] = [
  ['sterk', /\b(?:wat gaat (?:er )?goed|wat (?:er )?goed gaat|sterke punten|sterktes|positieve punten|goede punten|pluspunten)\b/],
  ['verbeter', /\b(?:wat kan (?:er )?beter|wat (?:er )?beter kan|wat moet (?:er )?beter|verbeterpunten|verbetermogelijkheden|aandachtspunten|zwakke punten)\b/],
  ['leerbijeenkomst', /\b(?:leerbijeenkomst(?:en)?|leersessie(?:s)?|leerbijeenkomst)\b/],
  ['aanbeveling', /\baanbeveling(?:en)?\b/],
  ['conclusie', /\b(?:conclusie(?:s)?|slotconclusie|samenvatting)\b/],
  ['beschrijving', /\b(?:typering|beschrijving|kenmerken|werkwijze) (?:van )?(?:de )?aanpak\b|^(?:typering|beschrijving)\b/],
];

/** The kind a heading's own words name, the earliest-named when it names two ("Conclusie en aanbevelingen"); null when none. */
export function kindOfTitle(title: string): Exclude<NarrativeKind, 'overig'> | null {
  const folded = foldText(title);
  let best: { kind: Exclude<NarrativeKind, 'overig'>; at: number } | null = null;
  for (const [kind, pattern] of KIND_PATTERNS) {
    const match = pattern.exec(folded);
    if (match && (best === null || match.index < best.at)) best = { kind, at: match.index };
  }
  return best?.kind ?? null;
}

/**
 * The kind a title names near its start ("Sterke punten", "Impressie leerbijeenkomst", "Algemene
 * conclusie"), as an unnumbered chapter title does; a section title that only mentions the
 * wording further on ("Op hoofdlijnen eensgezindheid over 'wat gaat goed'") names none.
 */
export function kindNamedFirst(title: string): Exclude<NarrativeKind, 'overig'> | null {
  const folded = foldText(title);
  const kind = kindOfTitle(title);
  if (kind === null) return null;
  const at = KIND_PATTERNS.find(([k]) => k === kind)![1].exec(folded)!.index;
  return at <= 15 ? kind : null;
}

/** Whether a title names this kind anywhere ("Conclusie en aanbevelingen" names both). */
export function titleNames(title: string, kind: NarrativeKind): boolean {
  const pattern = KIND_PATTERNS.find(([k]) => k === kind)?.[1];
  return pattern !== undefined && pattern.test(foldText(title));
}

/** Chapters whose sections all share the chapter's kind, whatever a section's own title says ("6.1 … 'wat gaat goed, wat kan beter'"). */
const INHERITED: ReadonlySet<NarrativeKind> = new Set(['sterk', 'verbeter', 'leerbijeenkomst', 'beschrijving']);

export function sectionKind(title: string, chapterKind: NarrativeKind | null): NarrativeKind {
  if (chapterKind && INHERITED.has(chapterKind)) return chapterKind;
  return kindOfTitle(title) ?? chapterKind ?? 'overig';
}

/** A section's own "Conclusie" line (not a chapter called so): the text below it is the section's conclusion. */
export function isConclusionLine(text: string): boolean {
  return /^(?:\*\*|__)?\s*(?:conclusie|conclusies)\s*:?\s*(?:\*\*|__)?$/i.test(text.trim());
}

/** Where the narrative ends: the appendix holding the assessment table. */
export function isAppendixTitle(text: string): boolean {
  return /^(?:\*\*|__)?\s*(?:bijlage|bijlagen|appendix)\b/i.test(text.trim()) && text.length <= 160;
}
