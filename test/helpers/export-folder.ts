/**
 * A small dataset folder for the exporter tests: three reports in two municipalities (policy and case
 * level, the case-level nota with a narrative), evidence that looks like a formula, a bullet, a tab, a
 * finding without verdict, a failed input;
 * written by writeDataset with the panel (panel.jsonl, panel.csv) and matrix (matrix.csv) of its
 * comparative stage and the exports it makes from all of them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../../extractors/framework/catalogue.js';
import type { ExtractedFinding } from '../../extractors/model.js';
import type { PanelRow } from '../../pipeline/dataset-schema.js';
import { writeDataset } from '../../pipeline/export/write-dataset.js';
import type { ExportOptions } from '../../pipeline/export/write-exports.js';
import { defaultAssemblyContext } from '../../pipeline/program-info.js';
import { failed, finding, ok, report } from './fake-results.js';

export const FORMULA = '=HYPERLINK("http://x","y")';
export const BULLET = '- een opsomming die met een streepje begint';
export const TABBED = '\tingesprongen tekst';

const catalogue = loadCatalogue();

function found(ordinal: number, indicatorId: string, verdict: ExtractedFinding['verdict'], evidence: string, line: number): ExtractedFinding {
  const indicator = catalogue.indicatorById.get(indicatorId)!;
  const criterion = catalogue.criterionById.get(indicator.criterionId)!;
  const theme = catalogue.themeById.get(indicator.themeId)!;
  return finding({
    ordinal,
    themeId: theme.id,
    theme: theme.name,
    themeRaw: theme.name,
    criterionId: criterion.id,
    criterion: criterion.name,
    indicatorId,
    indicator: indicator.text,
    indicatorRaw: indicator.text,
    verdict,
    evidence,
    location: { lineStart: line, lineEnd: line + 1, page: null, locator: null },
  });
}

const loc = (line: number) => ({ lineStart: line, lineEnd: line + 1, page: null, locator: null });

function outcomes() {
  const dordrecht = report('dordrecht beleid', {
    findings: [
      found(0, 'BEL-T1.1', 'voldoet', FORMULA, 10),
      found(1, 'BEL-T1.2', 'verbeterpunt', BULLET, 12),
      found(2, 'BEL-A1.1', 'gemengd', TABBED, 14),
      found(3, 'BEL-C1.1', null, 'Geen oordeel leesbaar.', 16),
    ],
  });
  const utrechtMeta = { ...report('x').metadata, municipality: 'Utrecht', municipalityCode: 'GM0344', municipalities: [{ name: 'Utrecht', code: 'GM0344' }] };
  const utrecht = report('utrecht beleid', {
    metadata: utrechtMeta,
    findings: [found(0, 'BEL-T1.1', 'voldoet', 'Alle partners gebruiken één definitie.', 20), found(1, 'BEL-S1.1', 'verbeterpunt', '@mention van de regisseur', 22)],
  });
  const casus = report('dordrecht casus', {
    metadata: { ...report('y').metadata, level: 'casus' },
    findings: [found(0, 'CAS-T1.1', 'voldoet', 'Het gezin valt onder de definitie.', 30)],
    // A case-level nota's narrative, so sections, recommendations and quotes have rows to export.
    narrative: {
      sections: [
        { number: '2', heading: 'Wat gaat goed', depth: 1, kind: 'sterk', themeIds: ['toeleiding'], indicatorIds: ['CAS-T1.1'], conclusion: 'Het gezin is snel in beeld.', text: 'Ouders: "We werden gehoord."', location: loc(40) },
        { number: '4', heading: 'Aanbevelingen', depth: 1, kind: 'aanbeveling', themeIds: [], indicatorIds: [], conclusion: null, text: null, location: loc(50) },
      ],
      recommendations: [
        { ordinal: 1, sectionIndex: 1, title: 'Eén plan', text: 'Eén plan: werk met één gezinsplan.', themeIds: ['aanpak'], indicatorIds: [], matchScore: 0.42, location: loc(52) },
      ],
      quotes: [{ sectionIndex: 0, speakerRole: 'Ouders', roleGroup: 'ouder', text: 'We werden gehoord.', location: loc(41) }],
      attendees: ['Careyn', 'Gemeente Dordrecht'],
    },
  });
  return [ok('dordrecht.txt', dordrecht), ok('utrecht.txt', utrecht), ok('casus.txt', casus), failed('kapot.bin', 'binary', 'binary file, not a report')];
}

/** The panel rows writeDataset wrote (pipeline/compare/), read back from panel.jsonl. */
export async function readPanel(dir: string): Promise<PanelRow[]> {
  return (await readFile(path.join(dir, 'panel.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PanelRow);
}

/**
 * The dataset with its real panel and matrix (the comparative stage of writeDataset) and the exports
 * writeDataset makes from them. Returns the panel rows as written. Every mapped finding of the three
 * reports has a municipality with a CBS code and its own key, so the panel holds one row per finding.
 */
export async function buildExportFolder(dir: string, options: ExportOptions = {}): Promise<PanelRow[]> {
  await writeDataset(outcomes(), dir, defaultAssemblyContext(), options);
  const panel = await readPanel(dir);
  if (panel.length === 0) throw new Error(`the comparative stage wrote an empty panel in ${dir}: the exporter tests would check nothing`);
  return panel;
}
