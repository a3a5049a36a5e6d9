/**
 * codebook.md: every file and column (type, meaning, allowed values, an example from this run), every
 * warning and failure code, the framework catalogue, the panel's selection rule and this run's counts.
 * Generated from the registry (tables.ts, column-descriptions.ts, warning-codes.ts) and the zod
 * schemas that write the files, so it cannot drift from them.
 */
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import type { Manifest } from '../dataset-schema.js';
import { describeField, fieldInfo } from './field-types.js';
import type { CsvDialect } from './csv-dialect.js';
import type { TableScan } from './scan-tables.js';
import { PANEL_SELECTION_RULE, TABLES } from './tables.js';
import { FAILURE_CODE_MEANINGS, WARNING_CODES } from './warning-codes.js';

export interface CodebookInput {
  manifest: Manifest;
  scans: TableScan[];
  catalogue: Pick<Catalogue, 'id' | 'version' | 'themes' | 'criteria' | 'indicators'>;
  dialect: CsvDialect;
}

/** Markdown table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replaceAll('|', '\\|');
}

export function renderCodebook({ manifest, scans, catalogue, dialect }: CodebookInput): string {
  const out: string[] = [];
  const scanOf = new Map(scans.map((s) => [s.table.name, s]));
  out.push('# Codebook', '');
  out.push(
    `Dataset version ${manifest.dataset_version}, written by ${manifest.program.name} ${manifest.program.version}, ` +
      `framework ${manifest.framework.id} ${manifest.framework.version}. Generated with the files in this folder.`,
    '',
  );

  out.push('## This run', '', '| count | value |', '|---|---|');
  for (const [key, value] of Object.entries(manifest.counts)) out.push(`| ${key} | ${value} |`);
  for (const scan of scans) out.push(`| rows in ${scan.table.name} | ${scan.rows} |`);
  out.push('');

  out.push('## Files', '', '| file | what | in this folder |', '|---|---|---|');
  for (const table of TABLES) {
    const files = [table.csv, table.jsonl].filter((f): f is string => f !== null).map((f) => `\`${f}\``).join(', ');
    out.push(`| ${files} | ${cell(table.description)} | ${scanOf.has(table.name) ? 'yes' : 'no (not written by this run)'} |`);
  }
  out.push(
    '| `manifest.json` | every input file with its status (parsed, duplicate, failed + reason, skipped + reason), counts, versions | yes |',
    '| `codebook.md` | this file | yes |',
    '| `datapackage.json` | Frictionless Data Package: every CSV with its field types, allowed values and keys | yes |',
    '| `dataset.xlsx` | the tables as sheets for spreadsheets: values only, ids and codes as text, matrix coloured by verdict | yes |',
    '| `overview.html` | a self-contained page: counts, verdicts per theme, municipality × indicator heatmap, warnings, failures | yes |',
    '',
  );

  out.push('## CSV dialect', '');
  out.push(
    dialect === 'excel'
      ? 'This folder was written with `--csv-dialect excel`: `;` between fields, a UTF-8 byte order mark, CRLF line ends, ' +
          'and every text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `\'` so a spreadsheet ' +
          'shows it as text instead of evaluating it (OWASP CSV injection). Those cells differ from the JSONL files, which keep the ' +
          'text as printed. For R and pandas, prefer the default dialect.'
      : 'RFC 4180: UTF-8 without byte order mark, `,` between fields, `"` quoting, `\\n` line ends, an empty field for a ' +
          'missing value, `true`/`false` for booleans. Text is exactly as read (a cell may begin with `=` or `-`: open the CSVs ' +
          'in a spreadsheet only through an import dialog, or use `dataset.xlsx`, or write the folder with `--csv-dialect excel`).',
    '',
  );

  for (const table of TABLES) {
    const scan = scanOf.get(table.name);
    out.push(`## ${table.name}`, '', `${table.description}.`, '');
    if (table.primaryKey.length > 0) out.push(`Key: ${table.primaryKey.map((k) => `\`${k}\``).join(' + ')}.`, '');
    for (const fk of table.foreignKeys) out.push(`\`${fk.fields.join(', ')}\` refers to \`${fk.table}.${fk.referenceFields.join(', ')}\`.`, '');
    if (table.name === 'panel') out.push(`Selection rule: ${PANEL_SELECTION_RULE}`, '');
    const columns = scan?.columns ?? [];
    if (!scan) {
      out.push('Not written by this run.', '');
      continue;
    }
    out.push('| column | type | meaning | example |', '|---|---|---|---|');
    for (const column of columns) {
      const example = scan.examples.get(column.name);
      out.push(
        `| \`${column.name}\` | ${cell(describeField(fieldInfo(column)))} | ${cell(column.note?.meaning ?? '(undocumented)')} | ${example === undefined ? '' : `\`${cell(example).replaceAll('`', "'")}\``} |`,
      );
    }
    out.push('');
  }

  const counts = scanOf.get('warnings')?.codeCounts ?? new Map<string, number>();
  out.push('## Warning codes', '', '| code | severity | meaning | in this run |', '|---|---|---|---|');
  for (const w of WARNING_CODES) out.push(`| \`${w.code}\` | ${w.severities.join(' or ')} | ${cell(w.meaning)} | ${counts.get(w.code) ?? 0} |`);
  out.push('');
  out.push('## Failure codes (manifest `failure_code` of a failed input)', '', '| code | meaning |', '|---|---|');
  for (const [code, meaning] of Object.entries(FAILURE_CODE_MEANINGS)) out.push(`| \`${code}\` | ${cell(meaning)} |`);
  out.push('');

  out.push(`## Framework catalogue (${catalogue.id} ${catalogue.version})`, '');
  for (const theme of catalogue.themes) {
    out.push(`### ${theme.name} (\`${theme.id}\`)`, '');
    for (const level of ['beleid', 'casus'] as const) {
      const criteria = catalogue.criteria.filter((c) => c.themeId === theme.id && c.level === level);
      if (criteria.length === 0) continue;
      out.push(`${level === 'beleid' ? 'Policy level (beleid)' : 'Case level (casus)'}:`, '');
      for (const criterion of criteria) {
        out.push(`- \`${criterion.id}\` ${criterion.name}`);
        for (const indicator of catalogue.indicators.filter((i) => i.criterionId === criterion.id)) {
          out.push(`  - \`${indicator.id}\` ${indicator.text}`);
        }
      }
      out.push('');
    }
  }
  return out.join('\n');
}
