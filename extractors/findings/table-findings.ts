/**
 * All findings tables of a document → findings. Decides each table's kind from its header,
 * carries the theme title and criterion into continuation tables, and resolves follow-up columns
 * across the whole document before reading them.
 */
import type { CatalogueLevel } from '../framework/catalogue.js';
import { MATCH_THRESHOLD, type CatalogueMatcher } from '../framework/match.js';
import type { DocumentTable } from '../tables/document-table.js';
import { classifyHeader } from '../tables/header-row.js';
import { marksOutsideRows } from './accounting.js';
import { FindingsCollector } from './cell-findings.js';
import { doubtMixedVerdicts } from './mixed-verdicts.js';
import { collectCriteriaTable, type CriteriaCarry } from './criteria-table.js';
import { collectFollowupTable, parseColumnLabel, resolveFollowupColumns, type FollowupPlan } from './followup-table.js';

export function collectTableFindings(
  tables: DocumentTable[],
  matcher: CatalogueMatcher,
  level: CatalogueLevel,
  reportAanpak: string | null,
  /**
   * The text a text report's tables were read from, line for line, and the file line it starts at (a
   * report cut out of a bundle): marks in a table's region outside its rows are accounted for.
   */
  regionText: { text: string; firstLine: number } | null = null,
  /** Called after each findings table with the number of findings collected so far (report segmentation). */
  afterTable?: (table: DocumentTable, findingsSoFar: number) => void,
): FindingsCollector {
  const collector = new FindingsCollector(matcher, level);
  const followups: FollowupPlan[] = [];
  for (const table of tables) {
    const header = classifyHeader(table.header.cells);
    if (header?.kind === 'followup') {
      followups.push({ table, header, columns: header.assessedColumns.map((c) => parseColumnLabel(table.header.cells[c] ?? '')) });
    }
  }
  resolveFollowupColumns(collector, followups);

  let carry: CriteriaCarry = { criterion: null };
  let previousTitle: string | null = null;
  for (const table of tables) {
    const header = classifyHeader(table.header.cells);
    if (!header) continue;
    const title = table.title?.text ?? null;
    if (title !== null && title !== previousTitle) carry = { criterion: null };
    const themeTitle: string | null = title ?? previousTitle;
    if (header.kind === 'criteria') {
      collectCriteriaTable(collector, table, header, themeTitle, carry);
    } else {
      const plan = followups.find((p) => p.table === table)!;
      collectFollowupTable(collector, plan, themeTitle, reportAanpak);
    }
    previousTitle = themeTitle;
    afterTable?.(table, collector.findings.length);
  }
  if (regionText !== null) marksOutsideRows(collector, tables.filter((t) => classifyHeader(t.header.cells) !== null), regionText.text, regionText.firstLine);
  doubtMixedVerdicts(collector);
  return collector;
}

/** Which catalogue level fits the printed indicators better; null when there is nothing to judge by. */
export function levelByCatalogueFit(tables: DocumentTable[], matcher: CatalogueMatcher): CatalogueLevel | null {
  const totals = { beleid: 0, casus: 0 };
  let sampled = 0;
  for (const table of tables) {
    const header = classifyHeader(table.header.cells);
    if (!header) continue;
    for (const row of table.rows) {
      const text = (row.cells[header.indicatorColumn] ?? '').split('\n')[0]?.trim();
      if (!text) continue;
      const beleid = matcher.matchIndicator(text, 'beleid').score;
      const casus = matcher.matchIndicator(text, 'casus').score;
      // Wording that fits neither level says nothing about the level.
      if (Math.max(beleid, casus) < MATCH_THRESHOLD) continue;
      totals.beleid += beleid;
      totals.casus += casus;
      if (++sampled >= 12) break;
    }
    if (sampled >= 12) break;
  }
  if (sampled === 0 || totals.beleid === totals.casus) return null;
  return totals.beleid > totals.casus ? 'beleid' : 'casus';
}
