/**
 * The fixed parts of the package around the worksheets: content types, relationships, workbook.xml
 * (sheet list and the autofilter names Excel itself writes), styles.xml (bold header, the text number
 * format, the verdict fills) and the document properties with a fixed date. No random ids, no clock.
 */
import { escapeXml } from './xml-text.js';

export const VERDICT_FILLS: Readonly<Record<string, string>> = {
  voldoet: 'FFC6EFCE',
  verbeterpunt: 'FFFFC7CE',
  gemengd: 'FFFFEB9C',
};

/** Indexes into cellXfs below: 0 default (numbers, booleans), 1 header, 2 text, then one per verdict fill. */
export const STYLE = { plain: 0, header: 1, text: 2 } as const;
const VERDICTS = Object.keys(VERDICT_FILLS);
const VERDICT_STYLE = new Map(VERDICTS.map((verdict, i) => [verdict, 3 + i]));

/** The style of a verdict cell, or undefined when the text is no verdict. */
export function verdictStyle(text: string): number | undefined {
  return VERDICT_STYLE.get(text);
}

/** The package's date: dataset.xlsx does not change with the day it is written. */
export const FIXED_DATE = '2000-01-01T00:00:00Z';

export interface SheetEntry {
  name: string;
  /** Its path inside the package, `xl/worksheets/sheetN.xml`. */
  part: string;
  /** `$A$1:$C$10`: the header and rows the autofilter covers. */
  range: string;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TEXT_FORMAT = 49; // the built-in "@"

/** A sheet name as Excel takes it: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

function stylesXml(): string {
  const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
    ...VERDICTS.map((v) => `<fill><patternFill patternType="solid"><fgColor rgb="${VERDICT_FILLS[v]}"/><bgColor indexed="64"/></patternFill></fill>`),
  ];
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    `<xf numFmtId="${TEXT_FORMAT}" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>`,
    `<xf numFmtId="${TEXT_FORMAT}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    ...VERDICTS.map((_, i) => `<xf numFmtId="${TEXT_FORMAT}" fontId="0" fillId="${2 + i}" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>`),
  ];
  return (
    `${XML}<styleSheet xmlns="${MAIN}">` +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    `<fills count="${fills.length}">${fills.join('')}</fills>` +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** A sheet name as a formula names it: quoted ('name (2)') unless it is a plain word. */
function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
}

function workbookXml(sheets: readonly SheetEntry[]): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel's own name for each autofilter range (a hidden, sheet-local _FilterDatabase).
  const names = sheets
    .map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${sheetReference(s.name)}!${s.range}`)}</definedName>`)
    .join('');
  return (
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${list}</sheets><definedNames>${names}</definedNames></workbook>`
  );
}

function workbookRels(sheets: readonly SheetEntry[]): string {
  const rel = (id: number, type: string, target: string) => `<Relationship Id="rId${id}" Type="${REL}/${type}" Target="${target}"/>`;
  const list = sheets.map((s, i) => rel(i + 1, 'worksheet', s.part.replace(/^xl\//, '')));
  return `${XML}<Relationships xmlns="${PACKAGE_REL}">${list.join('')}${rel(sheets.length + 1, 'styles', 'styles.xml')}</Relationships>`;
}

function contentTypes(sheets: readonly SheetEntry[]): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  const office = 'application/vnd.openxmlformats-officedocument';
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('xl/workbook.xml', `${office}.spreadsheetml.sheet.main+xml`) +
    sheets.map((s) => override(s.part, `${office}.spreadsheetml.worksheet+xml`)).join('') +
    override('xl/styles.xml', `${office}.spreadsheetml.styles+xml`) +
    override('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override('docProps/app.xml', `${office}.extended-properties+xml`) +
    '</Types>'
  );
}

const ROOT_RELS =
  `${XML}<Relationships xmlns="${PACKAGE_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const CORE =
  `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<dc:creator>stj-findings</dc:creator><cp:lastModifiedBy>stj-findings</cp:lastModifiedBy>' +
  `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:created>` +
  `<dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:modified></cp:coreProperties>`;

const APP =
  `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>stj-findings</Application></Properties>';

/** Every part but the worksheets, as [path, XML], for a package whose worksheets are `sheets`. */
export function workbookParts(sheets: readonly SheetEntry[]): [string, string][] {
  return [
    ['[Content_Types].xml', contentTypes(sheets)],
    ['_rels/.rels', ROOT_RELS],
    ['docProps/core.xml', CORE],
    ['docProps/app.xml', APP],
    ['xl/workbook.xml', workbookXml(sheets)],
    ['xl/_rels/workbook.xml.rels', workbookRels(sheets)],
    ['xl/styles.xml', stylesXml()],
  ];
}
