/**
 * An RTF table's rows as the HTML table the HTML reader takes (read-rtf.ts collects them): a cell
 * that begins a vertical merge (\clvmgf) spans the rows below whose cell at the same right edge
 * continues it (\clvmrg); the continuing cells are left out, as HTML's rowspan covers their slots.
 */

export interface RtfCell {
  /** The cell's content, already HTML. */
  html: string;
  /** Right edge (\cellx) and vertical merge flag from the row's definition. */
  edge: number | null;
  merge: 'first' | 'continue' | null;
}

export function rtfTableHtml(rows: RtfCell[][]): string {
  const html: string[] = ['<table>'];
  rows.forEach((row, r) => {
    html.push('<tr>');
    for (const cell of row) {
      if (cell.merge === 'continue') continue;
      let span = 1;
      if (cell.merge === 'first') {
        for (let below = r + 1; below < rows.length; below++) {
          if (!rows[below]!.some((other) => other.merge === 'continue' && other.edge === cell.edge)) break;
          span++;
        }
      }
      html.push(`<td${span > 1 ? ` rowspan="${span}"` : ''}>${cell.html}</td>`);
    }
    html.push('</tr>');
  });
  html.push('</table>');
  return html.join('');
}
