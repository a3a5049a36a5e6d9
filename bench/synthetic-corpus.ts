/**
 * A deterministic corpus of synthetic STJ reports with known truth, for recall tests and the
 * benchmark. Reports follow the shapes of fixtures/reports: policy factsheets (Criteria |
 * Indicatoren | Bevindingen), case-level notas (Bijlage 1) and follow-ups (Indicator | one
 * column per year and approach), as markdown pipe tables with HTML in cells or as tab-separated
 * rows, in UTF-8 (with and without BOM), with CRLF line ends, or in Windows-1252.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue, type CatalogueIndicator, type CatalogueLevel } from '../extractors/framework/catalogue.js';
import type { Level, Verdict } from '../extractors/model.js';
import { Rng } from './prng.js';
import { findingsCell, indicatorCell, renderTable, type CellTruth, type Table, type TableStyle } from './synthetic-tables.js';
import { approachName, eligibleMunicipalities, encodeUtf8, encodeWindows1252, MONTHS, partnerNames, sentences, type Municipality } from './synthetic-text.js';

export interface TruthFinding {
  file: string;
  municipality: string;
  indicator_id: string;
  verdict: Verdict;
  let_op: string | null;
  /** Follow-up reports: the approach and year of the assessed column; null for policy and case reports. */
  column: { aanpak: string; year: number } | null;
}

export interface TruthReport {
  file: string;
  municipality: string;
  municipality_code: string;
  aanpak: string;
  level: Level;
  partners: string[];
  families_count: number | null;
  findings: number;
  /** Quirks this report exercises (table style, encoding, continuation tables, LET OP forms, ...). */
  features: string[];
}

export interface SyntheticFile {
  name: string;
  content: string | Uint8Array;
}

export interface Corpus {
  files: SyntheticFile[];
  truth: TruthFinding[];
  reports: TruthReport[];
}

export function generateCorpus(options: { reports: number; seed: number }): Corpus {
  const corpus: Corpus = { files: [], truth: [], reports: [] };
  for (let index = 0; index < options.reports; index++) {
    const { file, report, findings } = generateReport(Rng.forItem(options.seed, index), index);
    corpus.files.push(file);
    corpus.reports.push(report);
    corpus.truth.push(...findings);
  }
  return corpus;
}

/** Writes the corpus into dir (created if needed); returns the bytes written. */
export async function writeCorpus(corpus: Corpus, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const file of corpus.files) {
    const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    await writeFile(path.join(dir, file.name), data);
    bytes += data.length;
  }
  return bytes;
}

type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
type Finding = Omit<TruthFinding, 'file' | 'municipality'>;

interface Style {
  tables: TableStyle;
  padded: boolean;
  /** Markdown exports mark headings with "## " and italicise the questionnaire paragraph. */
  heading: (text: string) => string;
  italic: (text: string) => string;
  features: Set<string>;
}

interface Body {
  text: string;
  aanpak: string;
  partners: string[];
  families: number | null;
  findings: Finding[];
}

function generateReport(rng: Rng, index: number): { file: SyntheticFile; report: TruthReport; findings: TruthFinding[] } {
  // Levels by position rather than by chance, so that even a small corpus holds every kind:
  // of each 20 reports, 15 policy factsheets, 3 case-level notas and 2 follow-ups.
  const slot = index % 20;
  const level: Level = slot === 3 || slot === 13 ? 'vervolg' : slot === 6 || slot === 9 || slot === 16 ? 'casus' : 'beleid';
  const place = rng.pick(eligibleMunicipalities());
  const tables: TableStyle = rng.chance(0.5) ? 'markdown' : 'tsv';
  const encoding = rng.weighted<Encoding>([['utf-8', 6], ['utf-8-bom', 3], ['windows-1252', 1]]);
  const crlf = rng.chance(0.25);
  const markdownHeadings = tables === 'markdown' && rng.chance(0.6);
  const style: Style = {
    tables,
    padded: tables === 'markdown' && rng.chance(0.5),
    heading: (text) => (markdownHeadings ? `## ${text}` : text),
    italic: (text) => (markdownHeadings ? `*${text}*` : text),
    features: new Set([level, tables, encoding, crlf ? 'crlf' : 'lf']),
  };
  const body = level === 'beleid' ? policyReport(rng, place, style) : level === 'casus' ? caseReport(rng, place, style) : followupReport(rng, place, style, slot === 3);

  let text = body.text;
  // Windows-1252 has no ✓/✗: legacy exports carry the Wingdings stand-ins ü and û instead.
  if (encoding === 'windows-1252') text = text.replaceAll('✓', 'ü').replaceAll('✗', 'û');
  if (crlf) text = text.replace(/\n/g, '\r\n');
  const name = `${String(index).padStart(4, '0')}_${level}_${slug(place.name)}.${tables === 'markdown' && rng.chance(0.5) ? 'md' : 'txt'}`;
  const content = encoding === 'windows-1252' ? encodeWindows1252(text) : encoding === 'utf-8-bom' ? encodeUtf8(text, true) : crlf ? encodeUtf8(text, false) : text;

  const findings = body.findings.map((f) => ({ file: name, municipality: place.name, ...f }));
  const report: TruthReport = {
    file: name,
    municipality: place.name,
    municipality_code: place.code,
    aanpak: body.aanpak,
    level,
    partners: body.partners,
    families_count: body.families,
    findings: findings.length,
    features: [...style.features].sort(),
  };
  return { file: { name, content }, report, findings };
}

const THEME_INTRO = [
  '- **Toeleiding:** gezinnen zijn in beeld en worden bereikt met de aanpak',
  '- **Gezin centraal:** de aanpak stelt het gezin en zijn sociale netwerk centraal',
  '- **De aanpak:** de aanpak is planmatig, samenhangend en vasthoudend en de regisseur is toegerust',
  '- **Samenwerking:** er moet goede samenwerking zijn tussen de instanties die bij een gezin betrokken zijn',
  '- **Continu:** indien nodig moeten zorg en ondersteuning langdurig kunnen worden ingezet, in wisselende aard en intensiteit',
].join('\n');

const LETTERHEAD = 'Samenwerkend Toezicht Jeugd\nMinisterie van Volksgezondheid,\nWelzijn en Sport';

const tablesIntro = (levelWord: string, ending: string) =>
  `Deze thema's zijn verder uitgewerkt in criteria en bijbehorende indicatoren. De onderstaande tabel bevat de bevindingen van STJ per indicator uit het toetsingskader, waarmee STJ beoordeelt of op ${levelWord} de zorg en ondersteuning aan gezinnen met geringe sociale redzaamheid op toereikende wijze ${ending}. Per indicator wordt aangegeven of de zorg en ondersteuning vanuit de aanpak daaraan voldoet (✓) dan wel of er een verbeterpunt is (X).`;

/** Policy factsheet, shaped like fixtures 000, 002 and 004. */
function policyReport(rng: Rng, place: Municipality, style: Style): Body {
  // Now and then the approach carries the place in its name, as "1 Gezin 1 Plan Nieuw Den Helder" does.
  const aanpak = rng.chance(0.1) ? `${approachName(rng)} ${place.name}` : approachName(rng);
  const partners = partnerNames(rng, rng.int(2, 5));
  const families = rng.int(8, 400);
  const section = criteriaSection(rng, 'beleid', style);
  const text = [
    '\n',
    style.heading(`Aanpak: ${aanpak}`),
    style.italic('De gemeente heeft de vragenlijst betreffende deze aanpak ingevuld en relevante documentatie toegestuurd. Een – beperktere – vragenlijst over deze aanpak is ingevuld door:'),
    partners.map((p) => `- ${p}`).join('\n'),
    style.italic('Deze netwerkpartners zijn aangedragen door de gemeente. Op basis van de ingevulde vragenlijsten en de aangeleverde informatie gezamenlijk heeft STJ de beoordeling gemaakt.'),
    style.heading('Beschrijving'),
    `De aanpak ${aanpak} is bedoeld voor gezinnen met problemen op meerdere leefgebieden. ${sentences(rng, 2, 5)}`,
    `${sentences(rng, 1, 3)} De gemeente ${place.name} ${rng.pick(['wil daarnaast extra aandacht voor multiprobleemgezinnen', 'financiert de aanpak samen met de netwerkpartners', 'coördineert de aanpak vanuit het CJG', 'heeft de aanpak als pilot gestart'])}.`,
    `${sentences(rng, 1, 3)} Op dit moment krijgen ${families} gezinnen in ${place.name} ondersteuning vanuit deze aanpak.`,
    style.heading('Bevindingen toezichtonderzoek'),
    `Samenwerkend Toezicht Jeugd heeft '${aanpak}' getoetst aan de hand van vijf thema's voor verantwoorde zorg en ondersteuning voor gezinnen met een geringe sociale redzaamheid. De vijf thema's zijn:`,
    THEME_INTRO,
    tablesIntro('beleidsniveau', 'is vormgegeven'),
    section.text,
    '',
  ].join('\n\n');
  return { text, aanpak, partners, families, findings: section.findings };
}

/** Case-level nota, shaped like fixture 001: prose chapters, then the findings in Bijlage 1. */
function caseReport(rng: Rng, place: Municipality, style: Style): Body {
  const aanpak = approachName(rng);
  const families = rng.int(8, 400);
  const section = criteriaSection(rng, 'casus', style);
  const text = [
    '\n\n',
    LETTERHEAD,
    `Nota van Bevindingen ${place.name} Aanpak ${aanpak}`,
    'Toezichtonderzoek op casusniveau naar de verantwoorde zorg\nen ondersteuning van gezinnen met geringe sociale redzaamheid',
    `Utrecht, ${rng.pick(MONTHS)} ${rng.int(2013, 2015)}`,
    'Samenwerkend Toezicht Jeugdzaken is een samenwerking van:',
    'Inspectie voor de Gezondheidszorg\n\nInspectie van het Onderwijs\n\nInspectie Jeugdzorg',
    'Voorwoord',
    sentences(rng, 3, 6),
    '1 Inleiding',
    `Deze nota van bevindingen bevat de uitkomsten van het STJ-onderzoek naar hoe de zorg en ondersteuning voor gezinnen met geringe sociale redzaamheid (GGR) in de gemeente ${place.name} vanuit de aanpak ${aanpak} in de praktijk uitpakt.`,
    `${sentences(rng, 1, 3)} In totaal kregen ${families} gezinnen ondersteuning vanuit de aanpak.`,
    'Thema\tCriteria casusniveau\nToeleiding\t- De aanpak is op tijd in gang gezet\nDe aanpak\t- De aanpak is samenhangend - De aanpak is vasthoudend',
    sentences(rng, 2, 5),
    'Bijlage 1: Beoordeling indicatoren toetsingskader zorg en ondersteuning GGSR',
    `Samenwerkend Toezicht Jeugd heeft de aanpak '${aanpak}' getoetst aan de hand van vijf thema's voor verantwoorde zorg en ondersteuning voor gezinnen met een geringe sociale redzaamheid. De vijf thema's zijn:`,
    THEME_INTRO,
    tablesIntro('casusniveau', 'wordt uitgevoerd'),
    section.text,
    'Meer informatie\n\nSamenwerkend Toezicht Jeugd\n\nPostbus 19201\n\n3501 DE Utrecht',
    '',
  ].join('\n\n');
  return { text, aanpak, partners: [], families, findings: section.findings };
}

/** Follow-up of earlier verbeterpunten, shaped like fixture 003. */
function followupReport(rng: Rng, place: Municipality, style: Style, bareLatest: boolean): Body {
  const aanpak = approachName(rng);
  const earlierYear = rng.int(2012, 2013);
  const earlier = new Set<string>();
  const wanted = rng.int(1, 2);
  while (earlier.size < wanted) earlier.add(approachName(rng));
  const section = followupSection(rng, style, aanpak, [...earlier], earlierYear, bareLatest);
  const text = [
    '\n\n',
    LETTERHEAD,
    `Uitkomsten verbeterpunten toezichtonderzoek ${place.name}`,
    `Aanpak: ${aanpak}\n(${earlierYear}: ${[...earlier].join(' en ')})`,
    `${rng.pick(MONTHS).replace(/^./, (c) => c.toUpperCase())} ${earlierYear + 2}`,
    'Samenwerkend Toezicht Jeugd (STJ) verstaat onder een gezin met geringe sociale redzaamheid een gezin met chronische problemen op meerdere leefgebieden (minimaal vier), waarvan de ouders niet in staat zijn deze problemen zelf op te lossen.',
    'Inleiding',
    `In ${earlierYear} heeft STJ in ${place.name} ${[...earlier].map((a) => `de aanpak '${a}'`).join(' en ')} op beleidsniveau getoetst aan de hand van het toetsingskader GGSR.`,
    THEME_INTRO,
    `Ontwikkeling ${earlierYear + 1}`,
    `${sentences(rng, 1, 3)} De gemeente ${place.name} heeft aan STJ laten weten hoe de verbeterpunten zijn opgepakt. ${sentences(rng, 1, 3)}`,
    style.heading('Uitkomsten verbeterpunten'),
    section.text,
    '',
  ].join('\n\n');
  return { text, aanpak, partners: [], families: null, findings: section.findings };
}

function themeTitle(rng: Rng, themeId: string, features: Set<string>): string {
  const theme = loadCatalogue().themeById.get(themeId)!;
  let printed = rng.pick([theme.name, ...theme.variants]);
  if (rng.chance(0.1)) printed = printed.replace(/ (\p{Ll})/u, (_, c: string) => ` ${c.toUpperCase()}`);
  if (rng.chance(0.08)) {
    features.add('numbered-theme-title');
    printed = `${theme.order + 1}. ${printed}`;
  }
  return printed;
}

function titleLayout(rng: Rng, style: Style, title: string): Pick<Table, 'title' | 'titleAsRow' | 'boldTitle'> {
  const titleAsRow = rng.chance(0.8);
  const boldTitle = style.tables === 'markdown' && rng.chance(0.15);
  style.features.add(titleAsRow ? 'title-row' : 'title-line');
  if (boldTitle) style.features.add('bold-title');
  return { title, titleAsRow, boldTitle };
}

function wordingOf(rng: Rng, indicator: CatalogueIndicator, features: Set<string>): string {
  const wording = indicator.variants.length > 0 && rng.chance(0.4) ? rng.pick(indicator.variants) : indicator.text;
  // "... toereikend om: a, b, c" is printed as a list in the notas (fixture 001), the way Word exported it.
  const list = /^(.+?:)\s*(.+,.+)$/.exec(wording);
  if (!list || rng.chance(0.3)) return wording;
  features.add('indicator-as-list');
  const items = list[2]!.split(/,\s*/).map((item) => item.replace(/^\p{Ll}/u, (c) => c.toUpperCase()));
  return rng.chance(0.5)
    ? `${list[1]} <ul style="list-style-type: none"> ${items.map((item) => `- ${item}`).join(' ')} `
    : `${list[1]}<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

/**
 * Criteria | Indicatoren | Bevindingen tables, one per theme. A criterion is printed on its first
 * row only; a theme may run on in a continuation table after "Vervolg bevindingen
 * toezichtonderzoek", whose first row then has no criterion when the break fell inside one.
 */
function criteriaSection(rng: Rng, level: CatalogueLevel, style: Style): { text: string; findings: Finding[] } {
  const catalogue = loadCatalogue();
  const { features } = style;
  const all = catalogue.indicators.filter((i) => i.level === level);
  let chosen = all;
  if (rng.chance(0.4)) {
    chosen = all.filter(() => rng.chance(0.75));
    if (chosen.length === 0) chosen = [rng.pick(all)];
  }
  features.add(chosen.length === all.length ? 'all-indicators' : 'indicator-subset');
  const passBias = 0.35 + rng.next() * 0.5;
  const findings: Finding[] = [];
  const blocks: string[] = [];

  for (const theme of catalogue.themes) {
    const rows: string[][] = [];
    for (const criterion of catalogue.criteria.filter((c) => c.level === level && c.themeId === theme.id)) {
      const group = chosen.filter((i) => i.criterionId === criterion.id);
      for (let k = 0; k < group.length; ) {
        const take = group.length - k >= 2 && rng.chance(0.2) ? rng.int(2, Math.min(4, group.length - k)) : 1;
        const inCell = group.slice(k, k + take);
        const { cell, truths } = findingsCell(rng, take, { features, passBias });
        let printed = '';
        if (k === 0) {
          printed = rng.chance(0.3) && criterion.variants.length > 0 ? rng.pick(criterion.variants) : criterion.name;
          if (rng.chance(0.1)) printed = `<b>${printed}</b>`;
        }
        rows.push([printed, indicatorCell(rng, inCell.map((i) => wordingOf(rng, i, features)), features), cell]);
        inCell.forEach((indicator, j) => findings.push(finding(indicator.id, truths[j]!, null)));
        k += take;
      }
    }
    if (rows.length === 0) continue;

    const title = themeTitle(rng, theme.id, features);
    const at = rows.length >= 2 && rng.chance(0.3) ? rng.int(1, rows.length - 1) : rows.length;
    const parts = [rows.slice(0, at), rows.slice(at)].filter((p) => p.length > 0);
    parts.forEach((part, partIndex) => {
      if (partIndex > 0) {
        features.add('continuation-table');
        if (part[0]![0] === '') features.add('continuation-starts-mid-criterion');
      }
      if (partIndex > 0 || (blocks.length > 0 && rng.chance(0.2))) blocks.push(style.heading('Vervolg bevindingen toezichtonderzoek'));
      blocks.push(renderTable({ ...titleLayout(rng, style, title), header: ['Criteria', 'Indicatoren', 'Bevindingen'], rows: part }, style.tables, style.padded));
    });
  }
  return { text: blocks.join('\n\n'), findings };
}

/** Indicator | <year> <approach> | ... | <latest year>: one finding per filled cell. */
function followupSection(rng: Rng, style: Style, aanpak: string, earlier: string[], earlierYear: number, bareLatest: boolean): { text: string; findings: Finding[] } {
  const catalogue = loadCatalogue();
  const { features } = style;
  const latest = earlierYear + 1;
  // A bare year names no approach: the newest column is then the report's own.
  const columns = [...earlier.map((a) => ({ label: `${earlierYear} ${a}`, aanpak: a, year: earlierYear, passBias: 0.15 })), { label: bareLatest ? `${latest}` : `${latest} ${aanpak}`, aanpak, year: latest, passBias: 0.55 }];
  features.add(bareLatest ? 'followup-bare-year' : 'followup-named-year');
  const picked = rng.sample(catalogue.indicators.filter((i) => i.level === 'beleid'), rng.int(5, 14));
  const findings: Finding[] = [];
  const blocks: string[] = [];
  for (const theme of catalogue.themes) {
    const inTheme = picked.filter((i) => i.themeId === theme.id);
    if (inTheme.length === 0) continue;
    const rows = inTheme.map((indicator) => {
      let filled = columns.map((_, c) => rng.chance(c === columns.length - 1 ? 0.9 : 0.7));
      if (!filled.includes(true)) filled = columns.map((_, c) => c === columns.length - 1);
      const cells = columns.map((column, c) => {
        if (!filled[c]) return '';
        const { cell, truths } = findingsCell(rng, 1, { features, passBias: column.passBias });
        findings.push(finding(indicator.id, truths[0]!, { aanpak: column.aanpak, year: column.year }));
        return cell;
      });
      return [wordingOf(rng, indicator, features), ...cells];
    });
    if (blocks.length > 0 && rng.chance(0.4)) blocks.push(style.heading('Vervolg uitkomsten verbeterpunten'));
    blocks.push(renderTable({ ...titleLayout(rng, style, themeTitle(rng, theme.id, features)), header: ['Indicator', ...columns.map((c) => c.label)], rows }, style.tables, style.padded));
  }
  return { text: blocks.join('\n\n'), findings };
}

function finding(indicatorId: string, truth: CellTruth, column: Finding['column']): Finding {
  return { indicator_id: indicatorId, verdict: truth.verdict, let_op: truth.letOp, column };
}

function slug(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
