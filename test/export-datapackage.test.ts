/**
 * datapackage.json is a valid Frictionless Tabular Data Package (checked with ajv against the published
 * JSON Schemas vendored in vendor/frictionless/), its fields follow each CSV header exactly, and every
 * row of every file loads with the types, enums, patterns and keys it declares, in both CSV dialects.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellMatchesField } from '../pipeline/export/field-types.js';
import type { PanelRow } from '../pipeline/dataset-schema.js';
import { buildExportFolder } from './helpers/export-folder.js';

interface Field {
  name: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };
}
interface Resource {
  name: string;
  path: string;
  format: string;
  dialect?: { delimiter: string; lineTerminator: string };
  schema: { fields: Field[]; missingValues: string[]; primaryKey?: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] };
}

const vendored = (name: string) => JSON.parse(readFileSync(path.join('vendor/frictionless', name), 'utf8'));
// A CommonJS module: its class is the default export's `default` under Node's ESM interop, the default itself under vite.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule.default }).default ?? AjvModule) as typeof AjvModule.default;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validatePackage = ajv.compile(vendored('tabular-data-package.json'));
const validateTableSchema = ajv.compile(vendored('table-schema.json'));

let tmp: string;
let panel: PanelRow[];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-datapackage-'));
  panel = await buildExportFolder(path.join(tmp, 'rfc'));
  await buildExportFolder(path.join(tmp, 'excel'), { csvDialect: 'excel' });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function loadPackage(dir: string): Promise<{ resources: Resource[] }> {
  return JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8'));
}

/** Rows of a resource as text cells, parsed the way its dialect says. */
async function rowsOf(dir: string, resource: Resource): Promise<{ header: string[]; rows: string[][] }> {
  const text = await readFile(path.join(dir, resource.path), 'utf8');
  if (resource.format === 'jsonl') {
    const names = resource.schema.fields.map((f) => f.name);
    const objects = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    return { header: objects[0] ? Object.keys(objects[0]) : names, rows: objects.map((o) => names.map((n) => (o[n] === null ? '' : String(o[n])))) };
  }
  const records = parse(text, { delimiter: resource.dialect!.delimiter, bom: true, relax_column_count: false }) as string[][];
  return { header: records[0]!, rows: records.slice(1) };
}

describe.each(['rfc', 'excel'])('datapackage.json (%s dialect)', (dialect) => {
  const dir = () => path.join(tmp, dialect);

  it('validates against the published Tabular Data Package and Table Schema JSON Schemas', async () => {
    const pkg = await loadPackage(dir());
    expect(validatePackage(pkg), JSON.stringify(validatePackage.errors)).toBe(true);
    for (const resource of pkg.resources) expect(validateTableSchema(resource.schema), `${resource.name}: ${JSON.stringify(validateTableSchema.errors)}`).toBe(true);
    expect(pkg.resources.map((r) => r.path)).toEqual(['findings.csv', 'reports.csv', 'panel.csv', 'matrix.csv', 'sections.csv', 'recommendations.csv', 'quotes.csv', 'warnings.jsonl']);
  });

  it('lists the fields in the exact order of each file and types them', async () => {
    const pkg = await loadPackage(dir());
    for (const resource of pkg.resources) {
      const { header } = await rowsOf(dir(), resource);
      expect(resource.schema.fields.map((f) => f.name), resource.name).toEqual(header);
      expect(resource.schema.missingValues).toEqual(['']);
    }
    const findings = pkg.resources.find((r) => r.name === 'findings')!.schema;
    const field = (name: string) => findings.fields.find((f) => f.name === name)!;
    expect(field('assessed_year').type).toBe('year');
    expect(field('match_score')).toMatchObject({ type: 'number', constraints: { required: true, minimum: 0, maximum: 1 } });
    expect(field('shared_cell').type).toBe('boolean');
    expect(field('source_page').type).toBe('integer');
    expect(field('verdict').constraints!.enum).toEqual(['voldoet', 'verbeterpunt', 'gemengd']);
    expect(field('level').constraints!.enum).toEqual(['beleid', 'casus', 'vervolg']);
    expect(field('finding_id').type).toBe('string');
    const reports = pkg.resources.find((r) => r.name === 'reports')!.schema;
    expect(reports.fields.find((f) => f.name === 'scope')!.constraints!.enum).toEqual(['gemeente', 'regio']);
    const warnings = pkg.resources.find((r) => r.name === 'warnings')!.schema;
    expect(warnings.fields.find((f) => f.name === 'severity')!.constraints!.enum).toEqual(['info', 'warning', 'error']);
    expect(findings.primaryKey).toEqual(['finding_id']);
    expect(findings.foreignKeys).toContainEqual({ fields: ['report_id'], reference: { resource: 'reports', fields: ['report_id'] } });
  });

  it('every row of every file loads with the types, enums and patterns it declares', async () => {
    const pkg = await loadPackage(dir());
    let checked = 0;
    for (const resource of pkg.resources) {
      const { rows } = await rowsOf(dir(), resource);
      expect(rows.length, resource.name).toBeGreaterThan(0);
      for (const [r, row] of rows.entries()) {
        resource.schema.fields.forEach((field, i) => {
          expect(cellMatchesField(row[i]!, field), `${resource.name} row ${r + 1} ${field.name}: ${JSON.stringify(row[i])}`).toBe(true);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(200);
    const { rows } = await rowsOf(dir(), pkg.resources.find((r) => r.name === 'panel')!);
    expect(rows.length).toBe(panel.length);
  });

  it('holds its primary and foreign keys', async () => {
    const pkg = await loadPackage(dir());
    const values = new Map<string, { fields: string[]; rows: string[][] }>();
    for (const resource of pkg.resources) values.set(resource.name, { fields: resource.schema.fields.map((f) => f.name), rows: (await rowsOf(dir(), resource)).rows });
    const tuple = (table: string, fields: string[], row: string[]) => fields.map((f) => row[values.get(table)!.fields.indexOf(f)]).join('\u0000');
    for (const resource of pkg.resources) {
      const own = values.get(resource.name)!;
      if (resource.schema.primaryKey) {
        const keys = own.rows.map((row) => tuple(resource.name, resource.schema.primaryKey!, row));
        expect(new Set(keys).size, resource.name).toBe(keys.length);
      }
      for (const fk of resource.schema.foreignKeys ?? []) {
        const target = fk.reference.resource || resource.name;
        const known = new Set(values.get(target)!.rows.map((row) => tuple(target, fk.reference.fields, row)));
        for (const row of own.rows) {
          const key = tuple(resource.name, fk.fields, row);
          if (key.split('\u0000').every((v) => v === '')) continue;
          expect(known.has(key), `${resource.name}.${fk.fields} = ${key}`).toBe(true);
        }
      }
    }
  });
});

describe('field type check', () => {
  it('refuses what a typed reader would refuse', () => {
    expect(cellMatchesField('2013', { type: 'year' })).toBe(true);
    expect(cellMatchesField('2013.0', { type: 'year' })).toBe(false);
    expect(cellMatchesField('0.85', { type: 'number' })).toBe(true);
    expect(cellMatchesField('TRUE', { type: 'boolean' })).toBe(false);
    expect(cellMatchesField('', { type: 'integer', constraints: { required: true } })).toBe(false);
    expect(cellMatchesField('beide', { type: 'string', constraints: { enum: ['voldoet'] } })).toBe(false);
    expect(cellMatchesField('rpt-12', { type: 'string', constraints: { pattern: 'rpt-[0-9a-f]{16}' } })).toBe(false);
  });
});
