/**
 * A report whose findings cannot be one report: the same indicator assessed again and again in
 * the same column, or far more findings than its framework level has indicators (per assessed
 * column). Usually a bundle of reports whose boundaries segment-document.ts could not see; never
 * exported silently as one huge report.
 */
import type { CatalogueLevel } from '../framework/catalogue.js';
import { loadCatalogue } from '../framework/catalogue.js';
import type { ExtractedFinding, ExtractionWarning } from '../model.js';

/** Findings per assessed column beyond this many times the level's indicator count are implausible. */
const MAX_PER_INDICATOR = 1.5;

export function plausibilityWarnings(findings: readonly ExtractedFinding[], level: CatalogueLevel): ExtractionWarning[] {
  if (findings.length === 0) return [];
  const seen = new Set<string>();
  let repeats = 0;
  let firstRepeat: ExtractedFinding | null = null;
  const columns = new Set<number>();
  for (const f of findings) {
    columns.add(f.columnIndex);
    if (f.indicatorId === null) continue;
    const key = `${f.indicatorId}|${f.columnIndex}`;
    if (seen.has(key)) {
      repeats++;
      firstRepeat ??= f;
    } else seen.add(key);
  }
  const indicators = indicatorCount(level);
  const limit = Math.ceil(MAX_PER_INDICATOR * indicators * columns.size);
  const tooMany = findings.length > limit;
  // A stray repeat is a report quirk (an indicator printed under two criteria); many are not.
  const manyRepeats = repeats >= 3 && repeats * 5 >= seen.size;
  if (!tooMany && !manyRepeats) return [];
  const where = firstRepeat?.location ?? null;
  const parts = [
    tooMany ? `${findings.length} findings where the ${level} framework has ${indicators} indicators${columns.size > 1 ? ` in each of ${columns.size} columns` : ''}` : null,
    manyRepeats ? `${repeats} findings assess an indicator already assessed in the same column${where?.lineStart ? ` (first at line ${where.lineStart})` : where?.page ? ` (first on page ${where.page})` : ''}` : null,
  ].filter(Boolean);
  return [
    {
      code: 'implausible_report',
      severity: 'warning',
      message: `${parts.join('; ')}: the file may hold several reports without a recognisable title between them; read as one report, check it and split it by hand`,
      location: where,
      findingIndex: null,
    },
  ];
}

const counts = new Map<CatalogueLevel, number>();

function indicatorCount(level: CatalogueLevel): number {
  let n = counts.get(level);
  if (n === undefined) {
    const catalogue = loadCatalogue();
    n = catalogue.indicators.filter((i) => i.level === level).length;
    counts.set(level, n);
  }
  return n;
}
