/**
 * Where each findings table stands in the document's text, as a line span: what report
 * segmentation cuts by. Text readers give tables their lines; the PDF reader gives pages only, but
 * writes each table into its text as a title line, a header line and one line per row with the
 * cells tab-separated (pdf-layout.ts), so the span is found by looking for the header line, in order.
 * Readers whose text does not hold the tables that way (HTML, DOCX) give null: not segmented.
 */
import type { DocumentTable } from '../tables/document-table.js';

export interface TableSpan {
  /** First line of the table (its title line when it has one), 1-based. */
  lineStart: number;
  lineEnd: number;
  /** Pages the table is on, when the reader knows them. */
  pageStart: number | null;
  pageEnd: number | null;
}

export function locateTables(text: string, tables: readonly DocumentTable[]): TableSpan[] | null {
  if (tables.every((t) => t.header.location.lineStart !== null)) return tables.map(spanFromLocations);
  const lines = text.split('\n');
  const spans: TableSpan[] = [];
  let cursor = 0;
  for (const table of tables) {
    const header = table.header.cells.join('\t');
    let at = -1;
    for (let i = cursor; i < lines.length; i++) {
      if (lines[i] === header) {
        at = i;
        break;
      }
    }
    if (at < 0) return null;
    const titled = table.title !== null && at > 0 && lines[at - 1] === table.title.text;
    const pages = table.rows.map((r) => r.location.page).concat(table.header.location.page).filter((p): p is number => p !== null);
    spans.push({
      lineStart: (titled ? at : at + 1),
      lineEnd: at + 1 + table.rows.length,
      ...pageSpan(pages),
    });
    cursor = at + 1 + table.rows.length;
  }
  return spans;
}

function spanFromLocations(table: DocumentTable): TableSpan {
  const starts = [table.title?.location.lineStart ?? null, table.header.location.lineStart].filter((n): n is number => n !== null);
  const ends = [table.header.location.lineEnd, ...table.rows.map((r) => r.location.lineEnd)].filter((n): n is number => n !== null);
  const pages = [table.header.location.page, ...table.rows.map((r) => r.location.page)].filter((p): p is number => p !== null);
  return {
    lineStart: starts.reduce((a, b) => Math.min(a, b)),
    lineEnd: [...ends, ...starts].reduce((a, b) => Math.max(a, b)),
    ...pageSpan(pages),
  };
}

function pageSpan(pages: number[]): { pageStart: number | null; pageEnd: number | null } {
  if (pages.length === 0) return { pageStart: null, pageEnd: null };
  return { pageStart: pages.reduce((a, b) => Math.min(a, b)), pageEnd: pages.reduce((a, b) => Math.max(a, b)) };
}
