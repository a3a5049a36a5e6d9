/**
 * datapackage.json: a Frictionless (Tabular) Data Package, one resource per CSV of this run, its
 * Table Schema's fields in the header's exact order with types, required/enum/pattern constraints,
 * primary and foreign keys and `missingValues: [""]`, so pandas, R (frictionless, readr) and others
 * load `assessed_year` as a year, empty cells as missing and ids as text.
 */
import type { Manifest } from '../dataset-schema.js';
import { EXCEL_DIALECT, type CsvDialect } from './csv-dialect.js';
import { fieldInfo } from './field-types.js';
import type { TableScan } from './scan-tables.js';

export interface TableSchemaField {
  name: string;
  type: string;
  description?: string;
  format?: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };
  trueValues?: string[];
  falseValues?: string[];
}

/**
 * One resource per CSV; a table written as JSONL only (warnings) is described by its JSONL file, so its
 * severity and codes have types too (frictionless-py reads `format: jsonl`).
 */
export function buildDataPackage(manifest: Manifest, scans: TableScan[], dialect: CsvDialect): object {
  const present = new Set(scans.map((s) => s.table.name));
  const resources = scans
    .filter((scan) => scan.table.csv !== null || scan.table.jsonl !== null)
    .map((scan) => {
      const table = scan.table;
      const csv = table.csv !== null;
      const fields: TableSchemaField[] = scan.columns.map((column) => {
        const info = fieldInfo(column);
        const field: TableSchemaField = { name: column.name, type: info.type };
        if (column.note) field.description = column.note.meaning;
        if (info.type === 'boolean') {
          field.trueValues = ['true'];
          field.falseValues = ['false'];
        }
        const constraints: NonNullable<TableSchemaField['constraints']> = {};
        if (info.required) constraints.required = true;
        if (info.enum) constraints.enum = info.enum;
        // In the excel dialect text cells may carry a neutralising `'`; patterns would then be wrong.
        if (info.pattern && (dialect === 'rfc4180' || !csv)) constraints.pattern = info.pattern;
        if (info.minimum !== undefined) constraints.minimum = info.minimum;
        if (info.maximum !== undefined) constraints.maximum = info.maximum;
        if (Object.keys(constraints).length > 0) field.constraints = constraints;
        return field;
      });
      const schema: Record<string, unknown> = { fields, missingValues: [''] };
      if (table.primaryKey.length > 0) schema.primaryKey = table.primaryKey;
      const foreignKeys = table.foreignKeys
        .filter((fk) => present.has(fk.table))
        .map((fk) => ({
          fields: fk.fields,
          reference: { resource: fk.table === table.name ? '' : fk.table, fields: fk.referenceFields },
        }));
      if (foreignKeys.length > 0) schema.foreignKeys = foreignKeys;
      if (!csv) {
        return { name: table.name, path: table.jsonl, profile: 'tabular-data-resource', description: table.description, format: 'jsonl', mediatype: 'application/x-ndjson', encoding: 'utf-8', schema };
      }
      return {
        name: table.name,
        path: table.csv,
        profile: 'tabular-data-resource',
        description: table.description,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: dialect === 'excel' ? 'utf-8-sig' : 'utf-8',
        dialect:
          dialect === 'excel'
            ? { delimiter: EXCEL_DIALECT.delimiter, lineTerminator: EXCEL_DIALECT.lineTerminator, quoteChar: '"', doubleQuote: true, header: true }
            : { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true },
        schema,
      };
    });
  return {
    profile: 'tabular-data-package',
    name: 'stj-ggsr-findings',
    title: 'STJ GGSR inspection findings',
    description:
      'Findings of the Samenwerkend Toezicht Jeugd inspections of care for families with low social self-reliance (GGSR), 2012-2015, ' +
      'one row per indicator finding, mapped onto one framework. See codebook.md.',
    version: manifest.dataset_version,
    keywords: ['STJ', 'GGSR', 'jeugdzorg', 'inspection'],
    sources: [{ title: `${manifest.program.name} ${manifest.program.version}; framework ${manifest.framework.id} ${manifest.framework.version}` }],
    resources,
  };
}
