/**
 * The registry the codebook, datapackage.json and dataset.xlsx are generated from stays complete:
 * every column of every table schema has a description, and every warning code written anywhere in
 * the source tree (extractors/, pipeline/) is in the warning-code registry with the severity it is
 * written with. A lane that adds a column or a code without documenting it fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import { FAILURE_CODES } from '../extractors/model.js';
import * as schemas from '../pipeline/dataset-schema.js';
import { TABLES, tableColumns } from '../pipeline/export/tables.js';
import { FAILURE_CODE_MEANINGS, WARNING_CODE_BY_NAME, WARNING_CODES } from '../pipeline/export/warning-codes.js';

const catalogue = loadCatalogue();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [full] : [];
  });
}

/**
 * Warning-code literals as the source writes them: `code: 'x'` (with `severity: 's'` after it),
 * `('x', 's', …)` argument pairs of the warn helpers, `fileWarning(cond ? 'x' : 'y', …)`, `code === 'x'`.
 */
export function codeLiterals(source: string): { code: string; severity: string | null }[] {
  const found: { code: string; severity: string | null }[] = [];
  for (const m of source.matchAll(/\bcode:\s*'([a-z][a-z0-9_]*)'(?:,\s*severity:\s*'(info|warning|error)')?/g)) found.push({ code: m[1]!, severity: m[2] ?? null });
  for (const m of source.matchAll(/'([a-z][a-z0-9_]*)',\s*'(info|warning|error)'/g)) found.push({ code: m[1]!, severity: m[2]! });
  for (const m of source.matchAll(/\b\w*[wW]arn\w*\(([^,()]*\?[^,()]*),/g)) for (const lit of m[1]!.matchAll(/'([a-z][a-z0-9_]*)'/g)) found.push({ code: lit[1]!, severity: null });
  for (const m of source.matchAll(/\.code\s*===\s*'([a-z][a-z0-9_]*)'/g)) found.push({ code: m[1]!, severity: null });
  // 'info', 'warning' is a severity pair of a ternary, not a code.
  return found.filter((f) => !['info', 'warning', 'error'].includes(f.code));
}

describe('column descriptions', () => {
  it.each(TABLES.map((t) => [t.name, t] as const))('every column of %s has a description', (_name, table) => {
    const missing = tableColumns(table, catalogue)
      .filter((c) => !c.note || c.note.meaning.trim().length < 8)
      .map((c) => c.name);
    expect(missing).toEqual([]);
  });

  it('describes no column that the schema does not have (no stale entries)', async () => {
    const { COLUMN_NOTES } = await import('../pipeline/export/column-descriptions.js');
    const stale = Object.entries(COLUMN_NOTES).flatMap(([table, notes]) => {
      const spec = TABLES.find((t) => t.name === table);
      if (!spec) return [`${table} (no such table)`];
      return Object.keys(notes).filter((column) => !(column in spec.schema.shape)).map((column) => `${table}.${column}`);
    });
    expect(stale).toEqual([]);
  });

  it('registers every row schema the contract module exports (a new table cannot skip the exporters)', () => {
    const rowSchemas = Object.keys(schemas).filter((name) => /RowSchema$/.test(name) || name === 'matrixKeySchema');
    const registered = TABLES.map((t) => Object.entries(schemas).find(([, value]) => value === t.schema)?.[0]);
    expect(rowSchemas.filter((name) => !registered.includes(name))).toEqual([]);
  });

  it('gives the matrix one verdict column per catalogue indicator, in catalogue order', () => {
    const matrix = tableColumns(TABLES.find((t) => t.name === 'matrix')!, catalogue);
    expect(matrix.map((c) => c.name)).toEqual([...schemas.MATRIX_KEY_COLUMNS, ...catalogue.indicators.map((i) => i.id)]);
    expect(matrix.at(-1)!.note!.meaning).toContain(catalogue.indicators.at(-1)!.text);
  });
});

describe('warning-code registry', () => {
  const files = [...sourceFiles('extractors'), ...sourceFiles('pipeline')].filter((f) => !f.endsWith(path.join('export', 'warning-codes.ts')));
  const literals = files.flatMap((file) => codeLiterals(readFileSync(file, 'utf8')).map((l) => ({ ...l, file })));

  it('the scanner finds the codes as the source writes them', () => {
    const codes = new Set(literals.map((l) => l.code));
    // One per way of writing a code: object literal, warn helper pair, fileWarning ternary, comparison.
    for (const code of ['encoding_repaired', 'unmapped_indicator', 'near_duplicate_input', 'duplicate_input', 'followup_header_mismatch', 'layout_cells_split_by_estimate']) {
      expect(codes, code).toContain(code);
    }
    expect(codeLiterals(`warn('brand_new_code', 'warning', 'x')`)).toEqual([{ code: 'brand_new_code', severity: 'warning' }]);
  });

  it('every code written in the source is registered (warning or failure code)', () => {
    const unknown = literals.filter((l) => !WARNING_CODE_BY_NAME.has(l.code) && !(l.code in FAILURE_CODE_MEANINGS)).map((l) => `${l.code} (${l.file})`);
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('every code is registered with the severity it is written with', () => {
    const wrong = literals
      .filter((l) => l.severity !== null && WARNING_CODE_BY_NAME.has(l.code))
      .filter((l) => !WARNING_CODE_BY_NAME.get(l.code)!.severities.includes(l.severity as 'info'))
      .map((l) => `${l.code}: ${l.severity} (${l.file})`);
    expect(wrong).toEqual([]);
  });

  it('registers each code once, with a meaning, and every failure code of the model', () => {
    expect(new Set(WARNING_CODES.map((w) => w.code)).size).toBe(WARNING_CODES.length);
    expect(WARNING_CODES.filter((w) => w.meaning.length < 10)).toEqual([]);
    expect(Object.keys(FAILURE_CODE_MEANINGS).sort()).toEqual([...FAILURE_CODES].sort());
  });

  it("registers every code of the README's warning table, and the README lists every registered code", () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Warning codes'), readme.indexOf('A file that cannot be read'));
    const codes = [...table.matchAll(/^\|(.*?)\|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([a-z_]+)`/g)].map((c) => c[1]!));
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !WARNING_CODE_BY_NAME.has(c))).toEqual([]);
    expect(WARNING_CODES.map((w) => w.code).filter((c) => !codes.includes(c))).toEqual([]);
  });
});
