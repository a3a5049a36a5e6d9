/**
 * One column's zod schema → its Table Schema field (type, constraints) and a plain-words type for the
 * codebook. Read through zod's own JSON Schema output, so any zod construct the schemas use is covered
 * the same way the library sees it.
 */
import { z } from 'zod';
import type { ColumnSpec } from './tables.js';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'year';

export interface FieldInfo {
  type: FieldType;
  required: boolean;
  enum?: string[];
  /** Pattern in Table Schema's dialect (implicitly anchored, no `\d`). */
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

interface JsonSchemaNode {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  anyOf?: JsonSchemaNode[];
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * What a schema says, once per schema: zod's JSON Schema output is slow to make (every exporter asks
 * for every column, some several times, and the matrix has a column per indicator).
 */
const fromSchema = new WeakMap<z.ZodType, FieldInfo>();

export function fieldInfo(column: ColumnSpec): FieldInfo {
  let info = fromSchema.get(column.schema);
  if (info === undefined) {
    info = schemaInfo(column.schema);
    fromSchema.set(column.schema, info);
  }
  // A fresh object each time: callers may keep or change what they get.
  const copy: FieldInfo = { ...info };
  if (info.enum) copy.enum = [...info.enum];
  if (column.note?.type === 'year' && copy.type === 'integer') copy.type = 'year';
  return copy;
}

function schemaInfo(schema: z.ZodType): FieldInfo {
  const root = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchemaNode;
  // zod writes `nullable` as anyOf [T, null], or as type [T, "null"] for a bare type.
  const branches = root.anyOf ?? (Array.isArray(root.type) ? root.type.map((type) => ({ ...root, type })) : [root]);
  const nullable = branches.some((b) => b.type === 'null');
  const node = branches.find((b) => b.type !== 'null') ?? {};
  const type: FieldType =
    node.type === 'integer' ? 'integer' : node.type === 'number' ? 'number' : node.type === 'boolean' ? 'boolean' : 'string';
  const info: FieldInfo = { type, required: !nullable };
  if (node.enum) info.enum = node.enum.map(String);
  if (node.pattern) info.pattern = node.pattern.replace(/^\^/, '').replace(/\$$/, '').replaceAll('\\d', '[0-9]');
  if (type === 'integer' || type === 'number') {
    const min = node.exclusiveMinimum !== undefined ? (type === 'integer' ? node.exclusiveMinimum + 1 : undefined) : node.minimum;
    if (min !== undefined && Math.abs(min) < SAFE) info.minimum = min;
    if (node.maximum !== undefined && Math.abs(node.maximum) < SAFE) info.maximum = node.maximum;
  }
  return info;
}

/** "integer ≥ 0, may be empty", "one of voldoet, verbeterpunt" …: the type column of the codebook. */
export function describeField(info: FieldInfo): string {
  const parts: string[] = [info.type];
  if (info.enum) parts[0] = `one of ${info.enum.map((v) => `\`${v}\``).join(', ')}`;
  if (info.pattern) parts.push(`pattern \`${info.pattern}\``);
  if (info.minimum !== undefined && info.maximum !== undefined) parts.push(`${info.minimum}..${info.maximum}`);
  else if (info.minimum !== undefined) parts.push(`≥ ${info.minimum}`);
  parts.push(info.required ? 'always present' : 'may be empty');
  return parts.join(', ');
}

/**
 * Does one CSV cell (text; "" is missing) hold a value of the field's type? Used by the tests to check
 * every row against datapackage.json, the way a Table Schema reader would cast it.
 */
export function cellMatchesField(cell: string, field: { type: string; constraints?: { required?: boolean; enum?: string[]; pattern?: string } }): boolean {
  if (cell === '') return !field.constraints?.required;
  const c = field.constraints ?? {};
  if (c.enum && !c.enum.includes(cell)) return false;
  if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(cell)) return false;
  switch (field.type) {
    case 'integer':
      return /^-?\d+$/.test(cell);
    case 'year':
      return /^\d{4}$/.test(cell);
    case 'number':
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell);
    case 'boolean':
      return cell === 'true' || cell === 'false';
    default:
      return true;
  }
}
