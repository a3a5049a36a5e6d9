/**
 * Which reports give rows to which panel cell, planned from the report summaries alone (no body is
 * read): a cell is one (municipality_code, level, aanpak, assessed_year); its rows are one per indicator.
 * Regional reports fan out to a cell per coded municipality. Cells come sorted, so the panel and the
 * matrix stream out cell by cell, each cell's few reports loaded from the store and dropped again.
 */
import { LEVELS } from '../../extractors/model.js';
import { compareCodeUnits } from '../sort-order.js';
import { aanpakKey } from './keys.js';
import type { CompareSummary } from './summary.js';

export interface PanelMember {
  /** Index of the report in the plan's report order. */
  report: number;
  /** The municipality's name as this report gives it. */
  municipality: string;
}

export interface PanelCell {
  code: string;
  level: (typeof LEVELS)[number];
  /** aanpakKey of the cell (null: the findings name no aanpak). */
  aanpak: string | null;
  year: number | null;
  members: PanelMember[];
}

export interface PanelPlan {
  cells: PanelCell[];
  /** Mapped findings of reports that name no municipality with a CBS code: not in the panel. */
  findingsWithoutMunicipality: number;
  /** Findings without indicator_id in reports that would otherwise be in the panel. */
  findingsWithoutIndicator: number;
}

export function planPanel(summaries: readonly CompareSummary[]): PanelPlan {
  const cells = new Map<string, PanelCell>();
  let withoutMunicipality = 0;
  let withoutIndicator = 0;
  summaries.forEach((s, report) => {
    if (s.level === null || s.nFindings === 0) return;
    const coded = new Map<string, string>();
    for (const m of s.municipalities) if (m.code !== null && !coded.has(m.code)) coded.set(m.code, m.name);
    if (coded.size === 0) {
      withoutMunicipality += s.nFindings - s.nUnmapped;
      return;
    }
    withoutIndicator += s.nUnmapped;
    const columns = new Map<string, { aanpak: string | null; year: number | null }>();
    for (const c of s.columns) {
      const aanpak = aanpakKey(c.aanpak);
      columns.set(`${aanpak ?? ''}\u0000${c.year ?? ''}`, { aanpak, year: c.year });
    }
    for (const [code, municipality] of coded) {
      for (const { aanpak, year } of columns.values()) {
        const key = `${code}\u0000${s.level}\u0000${aanpak ?? ''}\u0000${year ?? ''}`;
        let cell = cells.get(key);
        if (!cell) {
          cell = { code, level: s.level, aanpak, year, members: [] };
          cells.set(key, cell);
        }
        cell.members.push({ report, municipality });
      }
    }
  });
  const levelOrder = (level: PanelCell['level']) => LEVELS.indexOf(level);
  const sorted = [...cells.values()].sort(
    (a, b) =>
      compareCodeUnits(a.code, b.code) ||
      levelOrder(a.level) - levelOrder(b.level) ||
      compareCodeUnits(a.aanpak ?? '', b.aanpak ?? '') ||
      (a.year ?? Infinity) - (b.year ?? Infinity) ||
      0,
  );
  return { cells: sorted, findingsWithoutMunicipality: withoutMunicipality, findingsWithoutIndicator: withoutIndicator };
}
