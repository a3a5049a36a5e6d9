/** Normalised keys the comparative stage matches on, and the report-date order its rules share. */
import { compareCodeUnits } from '../sort-order.js';
import type { CompareSummary } from './summary.js';

/**
 * Aanpak names as printed vary in case, accents, punctuation and a leading "aanpak"
 * ("Aanpak: Reset" / "reset"); anything else is a different approach.
 */
export function aanpakKey(aanpak: string | null): string | null {
  if (aanpak === null) return null;
  const key = aanpak
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^\s*aanpak\b[\s:]*/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return key === '' ? null : key;
}

/** The municipalities a report assesses as one key (CBS codes, or names where a code is unknown); null when none. */
export function municipalitySetKey(summary: CompareSummary): string | null {
  if (summary.municipalities.length === 0) return null;
  return [...new Set(summary.municipalities.map((m) => m.code ?? `name:${m.name}`))].sort(compareCodeUnits).join(';');
}

/** YYYY-MM or YYYY as a number to order by (a bare year before its months); null when undated. */
export function dateRank(reportDate: string | null): number | null {
  if (!reportDate) return null;
  const year = Number(reportDate.slice(0, 4));
  const month = reportDate.length >= 7 ? Number(reportDate.slice(5, 7)) : 0;
  return year * 100 + month;
}

/** Latest report date first, undated last. */
export function compareLatestFirst(a: string | null, b: string | null): number {
  const x = dateRank(a);
  const y = dateRank(b);
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return y - x;
}
