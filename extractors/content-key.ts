/**
 * The identity of a report's content, the same whatever file, encoding, line ends or format it
 * came in: a hash over what was extracted (level, and per finding its indicator, column,
 * verdict and the letters of its evidence), so a report read twice is counted once.
 */
import { createHash } from 'node:crypto';
import { stripMarks } from './framework/normalise.js';
import type { ExtractedFinding, Level, ReportMetadata } from './model.js';

/** foldText without its spaces, in one replace: folding turns every run of other characters into a space. */
export const letters = (text: string | null) => stripMarks(text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '');

export function contentKeyOf(level: Level | null, findings: ExtractedFinding[], fullText: string): string {
  const hash = createHash('sha256');
  if (findings.length === 0) {
    hash.update(`text\u0000${letters(fullText)}`);
  } else {
    // One update of the whole text: the same bytes hashed as update by update, in one call into the hash.
    let text = `level\u0000${level}\n`;
    for (const f of findings) {
      text += `${[f.indicatorId ?? letters(f.indicatorRaw), f.columnIndex, f.verdict, letters(f.evidence), letters(f.letOp)].join('\u0000')}\n`;
    }
    hash.update(text);
  }
  return hash.digest('hex');
}

/**
 * The report's structure without its prose: municipality, aanpak, level and, per finding, its
 * indicator, column, verdict and whether it has a LET OP. Two inputs with the same skeleton but
 * another contentKey are the same report read with some text changed (a converter that broke
 * ligatures, dropped a word): counted once, with a warning. Null without findings: the text is all
 * there is to compare then, and contentKey already does.
 */
export function skeletonKeyOf(
  level: Level | null,
  metadata: Pick<ReportMetadata, 'municipality' | 'aanpak'> & { municipalities?: readonly { name: string }[] },
  findings: ExtractedFinding[],
): string | null {
  if (findings.length === 0) return null;
  const hash = createHash('sha256');
  // A regional report has no single municipality: its list keeps two regions' reports apart.
  const assessed = metadata.municipality ?? (metadata.municipalities ?? []).map((m) => m.name).join(';');
  let text = `skeleton\u0000${level}\u0000${assessed}\u0000${letters(metadata.aanpak)}\n`;
  for (const f of findings) {
    text += `${[f.indicatorId ?? letters(f.indicatorRaw), f.columnIndex, f.aanpak === null ? '' : letters(f.aanpak), f.verdict, f.letOp === null ? 0 : 1].join('\u0000')}\n`;
  }
  hash.update(text);
  return hash.digest('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
