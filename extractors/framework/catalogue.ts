/**
 * The framework catalogue: themes, criteria and indicators with stable ids, loaded from the
 * versioned data file and checked once at load time. Code never hard-codes framework wording.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Level } from '../model.js';
import { referenceFilePath } from '../reference/locate.js';
import { prevalidated } from '../reference/prevalidated.js';

const indicatorSchema = z.object({ id: z.string(), text: z.string().min(1), variants: z.array(z.string()) });
const criterionSchema = z.object({
  id: z.string(),
  theme: z.string(),
  name: z.string().min(1),
  variants: z.array(z.string()),
  indicators: z.array(indicatorSchema).min(1),
});
const catalogueFileSchema = z.object({
  id: z.string(),
  version: z.string(),
  description: z.string(),
  themes: z.array(z.object({ id: z.string(), name: z.string(), variants: z.array(z.string()) })).length(5),
  levels: z.object({
    beleid: z.object({ criteria: z.array(criterionSchema) }),
    casus: z.object({ criteria: z.array(criterionSchema) }),
  }),
});

/** Catalogue levels: follow-up reports revisit policy-level indicators, so they use `beleid`. */
export type CatalogueLevel = 'beleid' | 'casus';

export interface CatalogueTheme {
  id: string;
  name: string;
  variants: string[];
  order: number;
}
export interface CatalogueCriterion {
  id: string;
  level: CatalogueLevel;
  themeId: string;
  name: string;
  variants: string[];
  order: number;
}
export interface CatalogueIndicator {
  id: string;
  level: CatalogueLevel;
  themeId: string;
  criterionId: string;
  text: string;
  variants: string[];
  order: number;
}

export interface Catalogue {
  id: string;
  version: string;
  themes: CatalogueTheme[];
  criteria: CatalogueCriterion[];
  indicators: CatalogueIndicator[];
  themeById: Map<string, CatalogueTheme>;
  criterionById: Map<string, CatalogueCriterion>;
  indicatorById: Map<string, CatalogueIndicator>;
}

export function catalogueLevelFor(level: Level | null): CatalogueLevel {
  return level === 'casus' ? 'casus' : 'beleid';
}

/** The catalogue file as checked against its schema (what buildCatalogue builds from). */
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

export function parseCatalogueFile(raw: unknown): CatalogueFile {
  return catalogueFileSchema.parse(raw);
}

export function buildCatalogue(raw: unknown): Catalogue {
  return catalogueFromFile(parseCatalogueFile(raw));
}

function catalogueFromFile(file: CatalogueFile): Catalogue {
  const themes = file.themes.map((t, order) => ({ ...t, order }));
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const criteria: CatalogueCriterion[] = [];
  const indicators: CatalogueIndicator[] = [];
  for (const level of ['beleid', 'casus'] as const) {
    for (const c of file.levels[level].criteria) {
      if (!themeById.has(c.theme)) throw new Error(`catalogue: criterion ${c.id} names unknown theme ${c.theme}`);
      criteria.push({ id: c.id, level, themeId: c.theme, name: c.name, variants: c.variants, order: criteria.length });
      for (const i of c.indicators) {
        indicators.push({ ...i, level, themeId: c.theme, criterionId: c.id, order: indicators.length });
      }
    }
  }
  const ids = [...criteria.map((c) => c.id), ...indicators.map((i) => i.id)];
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`catalogue: duplicate id ${duplicate}`);
  return {
    id: file.id,
    version: file.version,
    themes,
    criteria,
    indicators,
    themeById,
    criterionById: new Map(criteria.map((c) => [c.id, c])),
    indicatorById: new Map(indicators.map((i) => [i.id, i])),
  };
}

let cached: Catalogue | null = null;

export const CATALOGUE_FILE = 'ggsr-framework.json';

/** The catalogue the project ships (extractors/reference/ggsr-framework.json). */
export function loadCatalogue(): Catalogue {
  if (!cached) {
    const text = readFileSync(referenceFilePath(CATALOGUE_FILE), 'utf8');
    // Checked at build time when the file is still the one the build saw (extractors/reference/prevalidated.ts).
    cached = catalogueFromFile(prevalidated<CatalogueFile>('catalogue', [text]) ?? parseCatalogueFile(JSON.parse(text)));
  }
  return cached;
}
