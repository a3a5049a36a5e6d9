/**
 * A report's verdicts in a few hundred bytes, carried in its head (summary.ts), so that lossy copies
 * (lossy-copies.ts) are sought among reports of one municipality, aanpak and level without reading
 * their bodies: two reports whose verdicts disagree on many indicators are not copies of each other,
 * whatever their evidence says. Each finding with a verdict is `<indicator>@<column>=<verdict>`, `*` for
 * an indicator the catalogue did not match; distinct entries, sorted, joined by spaces.
 */
import type { ExtractedFinding, Verdict } from '../../extractors/model.js';

const LETTER: Record<Verdict, string> = { voldoet: 'v', verbeterpunt: 'x', gemengd: 'g' };

export function verdictPrint(findings: readonly Pick<ExtractedFinding, 'indicatorId' | 'columnIndex' | 'verdict'>[]): string {
  const entries = new Set<string>();
  for (const f of findings) if (f.verdict !== null) entries.add(`${f.indicatorId ?? '*'}@${f.columnIndex}=${LETTER[f.verdict]}`);
  return [...entries].sort().join(' ');
}

/** A print read for comparison. Suffixes are `@<column>=<verdict>`. */
export interface ParsedPrint {
  entries: string[];
  exact: Set<string>;
  /** Suffixes of every entry: some finding of that column has that verdict. */
  anyFinding: Set<string>;
  /** Suffixes of the unmatched indicators' entries. */
  unmapped: Set<string>;
}

export function parsePrint(print: string): ParsedPrint {
  const entries = print === '' ? [] : print.split(' ');
  const parsed: ParsedPrint = { entries, exact: new Set(entries), anyFinding: new Set(), unmapped: new Set() };
  for (const entry of entries) {
    const suffix = entry.slice(entry.lastIndexOf('@'));
    parsed.anyFinding.add(suffix);
    if (entry.startsWith('*@')) parsed.unmapped.add(suffix);
  }
  return parsed;
}

/**
 * Entries of `copy` that no finding of `of` can be the twin of with the same verdict (the twins
 * lossy-copies.ts allows: the same indicator in that column, or an unmatched indicator on either
 * side). Each is a verdict the copy would lose or contradict, so a copy of `of` has none.
 */
export function unmatchedVerdicts(copy: ParsedPrint, of: ParsedPrint): number {
  let unmatched = 0;
  for (const entry of copy.entries) {
    const suffix = entry.slice(entry.lastIndexOf('@'));
    const twin = entry.startsWith('*@') ? of.anyFinding.has(suffix) : of.exact.has(entry) || of.unmapped.has(suffix);
    if (!twin) unmatched++;
  }
  return unmatched;
}
