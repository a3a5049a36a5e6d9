/**
 * The one registry of the dataset's tables for the exporters that read the written files back
 * (codebook.md, datapackage.json, dataset.xlsx, overview.html). A table is described once: its files,
 * its zod schema (types), its keys and its purpose; columns come from the schema (the same definitions
 * that write the files), and their meanings from column-descriptions.ts. A table whose files a run did
 * not write is skipped by every exporter, so tables other stages add plug in here without exporter code.
 */
import { z } from 'zod';
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import { verdictSchema } from '../../extractors/model.js';
import {
  findingRowSchema,
  matrixKeySchema,
  panelRowSchema,
  quoteRowSchema,
  recommendationRowSchema,
  reportRowSchema,
  sectionRowSchema,
  warningRowSchema,
} from '../dataset-schema.js';
import { COLUMN_NOTES, type ColumnNote } from './column-descriptions.js';

export interface ForeignKey {
  fields: string[];
  /** Table name; the same table for self-references. */
  table: string;
  referenceFields: string[];
}

export interface TableSpec {
  name: string;
  /** File names inside the output folder; null when the table has no file of that kind. */
  csv: string | null;
  jsonl: string | null;
  description: string;
  schema: z.ZodObject;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** Columns after the schema's, decided per run (the matrix's one column per indicator id). */
  extraColumns?: (catalogue: Pick<Catalogue, 'indicators'>) => ExtraColumn[];
}

export interface ExtraColumn {
  name: string;
  schema: z.ZodType;
  note: ColumnNote;
}

/** The rule the panel uses when several reports give one key (pipeline/compare/panel-plan.ts, panel-rows.ts; README "The panel and the matrix"). */
export const PANEL_SELECTION_RULE =
  'One row per key (municipality_code, level, aanpak, indicator_id, assessed_year); a finding\'s aanpak and year are its column\'s in a follow-up, ' +
  'the report\'s otherwise, and aanpak names are compared ignoring case, accents, punctuation and a leading "aanpak". ' +
  'When several distinct reports give the same key, one row is kept: the latest report date (a bare year before its months, undated last), ' +
  'then the report with more findings, then the smallest report id. ' +
  '`n_reports` counts the distinct reports giving the key, `conflict` is true when their verdicts differ (missing verdicts aside), ' +
  '`other_report_ids` lists the reports not chosen. Within one report, the leftmost column and then the first printed finding of an indicator gives its row. ' +
  'Regional reports give one row per municipality they cover, all pointing at the same report and finding. ' +
  'Findings of reports that name no municipality with a CBS code, and findings without indicator_id, are not in the panel (the manifest counts both).';

/** A matrix cell's type, one schema for every indicator column (field-types.ts describes each schema once). */
const MATRIX_CELL_SCHEMA = verdictSchema.nullable();

const toReports = (field: string): ForeignKey => ({ fields: [field], table: 'reports', referenceFields: ['report_id'] });

export const TABLES: readonly TableSpec[] = [
  {
    name: 'findings',
    csv: 'findings.csv',
    jsonl: 'findings.jsonl',
    description: 'one row per indicator finding (the unit of analysis)',
    schema: findingRowSchema,
    primaryKey: ['finding_id'],
    foreignKeys: [toReports('report_id'), { fields: ['baseline_finding_id'], table: 'findings', referenceFields: ['finding_id'] }],
  },
  {
    name: 'reports',
    csv: 'reports.csv',
    jsonl: 'reports.jsonl',
    description: 'one row per distinct report (duplicates merged; a bundle split into its reports)',
    schema: reportRowSchema,
    primaryKey: ['report_id'],
    foreignKeys: [toReports('baseline_report_id'), toReports('policy_report_id')],
  },
  {
    name: 'panel',
    csv: 'panel.csv',
    jsonl: 'panel.jsonl',
    description: 'municipality × level × aanpak × indicator × assessed year: the comparative unit, one row per key',
    schema: panelRowSchema,
    primaryKey: ['municipality_code', 'level', 'aanpak', 'indicator_id', 'assessed_year'],
    foreignKeys: [toReports('report_id'), { fields: ['finding_id'], table: 'findings', referenceFields: ['finding_id'] }],
  },
  {
    name: 'matrix',
    csv: 'matrix.csv',
    jsonl: null,
    description: 'the panel made wide: one row per municipality × level × aanpak × assessed year, one column per indicator id',
    schema: matrixKeySchema,
    primaryKey: ['municipality_code', 'level', 'aanpak', 'assessed_year'],
    foreignKeys: [],
    extraColumns: (catalogue) =>
      catalogue.indicators.map((indicator) => ({
        name: indicator.id,
        schema: MATRIX_CELL_SCHEMA,
        note: { meaning: `verdict on ${indicator.id} "${indicator.text}": voldoet, verbeterpunt, gemengd or empty` },
      })),
  },
  {
    name: 'sections',
    csv: 'sections.csv',
    jsonl: 'sections.jsonl',
    description: 'one row per narrative section of a case-level nota',
    schema: sectionRowSchema,
    primaryKey: ['section_id'],
    foreignKeys: [toReports('report_id')],
  },
  {
    name: 'recommendations',
    csv: 'recommendations.csv',
    jsonl: 'recommendations.jsonl',
    description: 'one row per recommendation of a case-level nota',
    schema: recommendationRowSchema,
    primaryKey: ['recommendation_id'],
    foreignKeys: [toReports('report_id')],
  },
  {
    name: 'quotes',
    csv: 'quotes.csv',
    jsonl: 'quotes.jsonl',
    description: 'one row per quoted voice (parent, professional…) in a case-level nota',
    schema: quoteRowSchema,
    primaryKey: [],
    foreignKeys: [toReports('report_id'), { fields: ['section_id'], table: 'sections', referenceFields: ['section_id'] }],
  },
  {
    name: 'warnings',
    csv: null,
    jsonl: 'warnings.jsonl',
    description: 'anything a person should look at, with a code, a severity and a location',
    schema: warningRowSchema,
    primaryKey: [],
    foreignKeys: [],
  },
];

export interface ColumnSpec {
  name: string;
  schema: z.ZodType;
  note: ColumnNote | undefined;
}

/** A table's columns in file order: the schema's keys, then the per-run extras. */
export function tableColumns(table: TableSpec, catalogue: Pick<Catalogue, 'indicators'>): ColumnSpec[] {
  const notes = COLUMN_NOTES[table.name] ?? {};
  const own = Object.entries(table.schema.shape).map(([name, schema]) => ({ name, schema: schema as z.ZodType, note: notes[name] }));
  return [...own, ...(table.extraColumns?.(catalogue) ?? [])];
}

export function tableByName(name: string): TableSpec {
  const table = TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in the registry`);
  return table;
}
