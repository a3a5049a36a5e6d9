/**
 * One worksheet's XML, made a row at a time: the opening (frozen header pane, column widths, the header
 * row in bold), then each row as a string the caller streams on, then the closing (autofilter over the
 * written range). Text is written as inline strings (`t="inlineStr"`), which can never be a formula and
 * need no string table held in memory; numbers as numbers, booleans as booleans, null as no cell.
 */
import { STYLE, verdictStyle } from './workbook-parts.js';
import { fitCell, textElement } from './xml-text.js';

export interface SheetColumn {
  header: string;
  width: number;
  /** A text column: its cells (and any a user types into it) take the text number format. */
  text: boolean;
  /** Its text values are verdicts: filled with the verdict's colour. */
  verdict?: boolean;
}

/** A, B, …, Z, AA, AB, …: the column part of a cell reference, for a 0-based column index. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
const FROZEN_HEADER =
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';

function textCell(ref: string, style: number, text: string): string {
  return `<c r="${ref}" s="${style}" t="inlineStr"><is>${textElement(text)}</is></c>`;
}

export class SheetXml {
  private readonly names: string[];
  private readonly verdicts: boolean[];
  /** Rows written so far, the header included: the number of the last row. */
  rows = 0;

  constructor(private readonly columns: readonly SheetColumn[]) {
    if (columns.length === 0) throw new Error('a sheet needs at least one column');
    this.names = columns.map((_, i) => columnName(i));
    this.verdicts = columns.map((c) => c.verdict === true);
  }

  /** Everything before the data rows, the header row included. */
  open(): string {
    const cols = this.columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.text ? ` style="${STYLE.text}"` : ''}/>`)
      .join('');
    this.rows = 1;
    const header = this.columns.map((c, i) => textCell(`${this.names[i]}1`, STYLE.header, c.header)).join('');
    return `${WORKSHEET_OPEN}${FROZEN_HEADER}<cols>${cols}</cols><sheetData><row r="1">${header}</row>`;
  }

  /**
   * One data row: `values` in column order, each the cell cellValue (xml-text.ts) makes of it (the
   * forbidden characters are replaced while escaping, which comes to the same text).
   */
  row(values: readonly unknown[]): string {
    const r = ++this.rows;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < this.names.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      const ref = this.names[i]! + r;
      if (typeof value === 'string') {
        xml += textCell(ref, (this.verdicts[i] && verdictStyle(value)) || STYLE.text, fitCell(value));
      } else if (typeof value === 'number') {
        // NaN and ±Infinity have no place in a number cell: kept visible as text.
        xml += Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : textCell(ref, STYLE.text, String(value));
      } else if (typeof value === 'boolean') {
        xml += `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
      } else {
        xml += textCell(ref, STYLE.text, fitCell(String(value)));
      }
    }
    return `${xml}</row>`;
  }

  /** The range the autofilter covers, `$A$1:$AC$26516`, for the workbook's filter names. */
  range(): string {
    return `$A$1:$${this.names.at(-1)}$${this.rows}`;
  }

  /** Everything after the last row. */
  close(): string {
    return `</sheetData><autoFilter ref="${this.range().replaceAll('$', '')}"/>` + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  }
}
