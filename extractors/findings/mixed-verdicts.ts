/**
 * A cell with more verdict paragraphs than indicators. A report may give an indicator a ✓ for one
 * aspect and an X for another (seed 001 does: "gemengd"), or several indicators one shared verdict.
 * But a converter that drops paragraphs of an indicator cell leaves the same picture: AbiWord's HTML of
 * a cell of three indicators beside three verdicts keeps only the last indicator, which then stands
 * beside ✓ ✗ ✓. The report itself tells the two apart: the indicators the extra paragraphs would belong
 * to are then its criterion's, and the report holds none of them. Such a cell gets a warning that names
 * them; a lone indicator whose paragraphs disagree loses its "gemengd", which is not its verdict to have.
 */
import type { FindingsCollector } from './cell-findings.js';

export function doubtMixedVerdicts(collector: FindingsCollector): void {
  const catalogue = collector.matcher.catalogue;
  const present = new Set(collector.findings.map((f) => f.indicatorId));
  for (const { firstFinding, indicators, paragraphs } of collector.shortOfIndicators) {
    const findings = collector.findings.slice(firstFinding, firstFinding + indicators);
    const known = findings.map((f) => (f.indicatorId ? catalogue.indicatorById.get(f.indicatorId) : undefined));
    const criterionId = known[0]?.criterionId;
    if (findings.length !== indicators || !criterionId || known.some((i) => i?.criterionId !== criterionId)) continue;
    const siblings = catalogue.indicators.filter((i) => i.criterionId === criterionId);
    const missing = siblings.filter((i) => !present.has(i.id));
    if (missing.length < paragraphs - indicators) continue;
    // The verdict goes only where the lost indicators are the very ones the cell's paragraphs would
    // take: the criterion's indicators right before the lone one, as many as the extra paragraphs (a
    // converter that keeps a cell's last paragraph). A report may leave indicators out on its own, so
    // the warning alone says the rest.
    const at = siblings.findIndex((i) => i.id === known[0]!.id);
    const before = at >= paragraphs - 1 ? siblings.slice(at - (paragraphs - 1), at) : [];
    const lostBefore = before.length === paragraphs - 1 && before.every((i) => !present.has(i.id));
    // Not in a follow-up table: it lists only the indicators it re-assesses, so its gaps say nothing.
    const mixed = indicators === 1 && findings[0]!.verdict === 'gemengd' && lostBefore && findings[0]!.columnLabel === null;
    if (mixed) findings[0]!.verdict = null;
    const criterion = catalogue.criterionById.get(criterionId)?.name ?? criterionId;
    collector.warn(
      'verdicts_outnumber_indicators',
      'warning',
      `${known.map((i) => i!.id).join(', ')} beside ${paragraphs} verdict paragraphs, while ${missing.length} indicator(s) of the criterion "${criterion}" (${missing.map((i) => i.id).join(', ')}) are nowhere in the report: the paragraphs may be theirs, their indicators lost in conversion${mixed ? '; the paragraphs disagree, so the verdict is left empty rather than "gemengd"' : ''}`,
      findings[0]!.location,
      firstFinding,
    );
  }
}
