/** Small hand-written reports for unit tests: a header like the real factsheets, then the given tables. */
import { extractReport } from '../../extractors/extract-report.js';
import type { ExtractedReport } from '../../extractors/model.js';

export const FACTSHEET_HEADER = [
  'Aanpak: Proefaanpak',
  '',
  'De gemeente Zwolle heeft de vragenlijst betreffende deze aanpak ingevuld. Een vragenlijst is ingevuld door:',
  '',
  '- Partner Een',
  '- Partner Twee',
  '',
  'Per indicator wordt aangegeven, waarmee STJ beoordeelt of op beleidsniveau de zorg op toereikende wijze is vormgegeven.',
  '',
].join('\n');

export async function extractText(text: string, fileName = 'mini.txt'): Promise<ExtractedReport> {
  const result = await extractReport(new TextEncoder().encode(text), fileName);
  if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.message}`);
  return result.reports[0]!;
}

export async function extractBytes(bytes: Uint8Array, fileName = 'mini.txt'): Promise<ExtractedReport> {
  const result = await extractReport(bytes, fileName);
  if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.message}`);
  return result.reports[0]!;
}

export const md = (...rows: string[][]) =>
  rows.map((cells, index) => `| ${cells.join(' | ')} |${index === 0 ? `\n|${cells.map(() => '---').join('|')}|` : ''}`).join('\n');

export const tsv = (...rows: string[][]) => rows.map((cells) => cells.join('\t')).join('\n');

export const codes = (report: ExtractedReport) => report.warnings.map((w) => w.code);

/**
 * The two-row Toeleiding table the format tests write in each format (a criterion over two rows, ✓ and
 * ✗, a LET OP in a block of its own), as every reader must give it: rows, then the findings.
 */
export const TOELEIDING_ROWS = [
  [['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ Eén omschrijving.'], 'table 1, row 2'],
  [['', 'De gemeente heeft zicht op de populatie GGSR', '✗ Geen zicht.\nLET OP: nog niet.'], 'table 1, row 3'],
];
export const TOELEIDING_FINDINGS = [
  ['BEL-T1.1', 'voldoet', 'Eén omschrijving.', null, 'table 1, row 2'],
  ['BEL-T1.2', 'verbeterpunt', 'Geen zicht.', 'nog niet.', 'table 1, row 3'],
];
