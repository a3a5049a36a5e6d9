/**
 * Voices quoted by role: a paragraph that opens with a speaker label and a colon ("Ouders: …",
 * "Adviseur Bijzondere Doelgroepen: …"), the label or the whole paragraph possibly in italics or
 * bold, the words possibly in quotation marks. A label is a few capitalised words that do not open
 * a sentence (no article or preposition first) and are no structural label ("Conclusie:", "Let op:").
 *
 * role_group mapping (documented in the README): ouder = parents and family (ouder(s), moeder,
 * vader, gezin, gezinslid, kind, jongere, cliënt); gemeente = the municipality's own people
 * (gemeente, beleidsmedewerker, wethouder, ambtenaar, and the municipal adviser/regisseur roles:
 * adviseur, regisseur, consulent); professional = care and support workers (professional,
 * hulpverlener, gezinsvoogd, gezinscoach, (maatschappelijk) werker, begeleider, jeugdzorg,
 * wijkagent, politie, medewerker, netwerkpartner); other = anything else.
 */
import { foldText } from '../framework/normalise.js';
import type { QuoteRoleGroup } from './narrative-model.js';

const ROLE_GROUPS: [QuoteRoleGroup, RegExp][] = [
  ['ouder', /\b(?:ouders?|moeder|vader|gezin|gezinslid|gezinsleden|kind|kinderen|jongere|client|clienten|pleegouder)\b/],
  ['gemeente', /\b(?:gemeente|beleidsmedewerker|beleidsmedewerkers|wethouder|ambtenaar|adviseur|adviseurs|regisseur|consulent)\b/],
  ['professional', /\b(?:professional|professionals|hulpverlener|hulpverleners|gezinsvoogd|gezinscoach|werker|begeleider|jeugdzorg|wijkagent|politie|medewerker|netwerkpartner|netwerkpartners|zorgaanbieder)\b/],
];

export function roleGroupOf(role: string): QuoteRoleGroup {
  const folded = foldText(role);
  for (const [group, pattern] of ROLE_GROUPS) if (pattern.test(folded)) return group;
  return 'other';
}

/** First words that open a sentence rather than name a speaker. */
const SENTENCE_OPENERS = new Set(['de', 'het', 'een', 'bij', 'in', 'op', 'voor', 'zie', 'tijdens', 'dit', 'deze', 'dat', 'er', 'als', 'wat', 'hoe', 'waar', 'ook', 'volgens', 'met', 'na', 'om', 'van', 'aan', 'zo', 'wel', 'niet', 'stj']);
/** Labels that structure the text, not speakers. */
const STRUCTURAL = /^(?:conclusie|conclusies|let op|nb|noot|bron|voorbeeld|voorbeelden|zie|figuur|tabel|thema|criteria|criterium|indicator|indicatoren|aanbeveling|aanbevelingen|toelichting|opmerking|doel|doelen|datum|onderwerp|casus|vervolg)$/;

const LABELLED = /^([\p{L}][\p{L}’'\- ]{0,60}?)\s*:\s*(\S.*)$/u;

export type QuoteParse =
  | { kind: 'quote'; role: string; text: string }
  | { kind: 'doubtful'; label: string }
  | null;

function unwrap(text: string): string {
  let t = text.trim();
  // Whole paragraph in italics or bold: *Ouders: …* or _…_ (the closing mark may sit before a final stop).
  const whole = /^(\*\*|\*|__|_)(.+?)\1([.!?]?)$/su.exec(t);
  if (whole && !whole[2]!.includes(whole[1]!)) t = whole[2]! + whole[3]!;
  return t;
}

function stripQuotes(text: string): string {
  let t = text.trim().replace(/^(\*\*|\*|__|_)(.+)\1$/su, '$2').trim();
  const pair = /^["“„'‘](.+)["”'’]([.!?]?)$/su.exec(t);
  if (pair) t = pair[1]! + pair[2]!;
  return t.trim();
}

export function parseQuote(paragraph: string): QuoteParse {
  const t = unwrap(paragraph);
  // The label in emphasis of its own: "*Ouders:* …", "**Ouders**: …".
  const marked = /^(\*\*|\*|__|_)([^*_:]{1,60}?)(:?)\1\s*(:?)\s*(\S.*)$/su.exec(t);
  const labelled = marked && (marked[3] || marked[4]) ? { label: marked[2]!.trim(), rest: marked[5]! } : (() => {
    const m = LABELLED.exec(t);
    return m ? { label: m[1]!.trim(), rest: m[2]! } : null;
  })();
  if (!labelled) return null;
  const { label, rest } = labelled;
  const words = label.split(/\s+/);
  const spoken = stripQuotes(rest);
  if (words.length > 5 || spoken.length < 15 || !/^[\p{Lu}"“„'‘]/u.test(rest.replace(/^[*_]+/, ''))) return null;
  const folded = foldText(label);
  if (STRUCTURAL.test(folded)) return null;
  if (/^\p{Ll}/u.test(label)) {
    // "rofessional: Ik heb …": a label whose first letter was lost in conversion; said, not guessed.
    return words.length <= 2 && label.length >= 4 ? { kind: 'doubtful', label } : null;
  }
  if (SENTENCE_OPENERS.has(foldText(words[0]!))) return null;
  return { kind: 'quote', role: label, text: spoken };
}

/**
 * Quotes run into the paragraph before them ("… mijn eigen plan. Professional: Ik heb …"): a PDF
 * whose paragraphs stand without space between them loses the break. A speaker label right after a
 * sentence's end starts a quote when it is the paragraph's own label (a quote paragraph, `role`) or
 * names a known role group; anything else stays part of the text. The text before the first such
 * label is the paragraph's own: its quote when `role` is given, prose when it is null.
 */
export function splitRunInQuotes(role: string | null, text: string): { role: string | null; text: string }[] {
  const out: { role: string | null; text: string }[] = [];
  let current: { role: string | null; text: string } = { role, text };
  for (;;) {
    const next = runInLabel(current.text, role);
    if (!next) break;
    out.push({ role: current.role, text: current.text.slice(0, next.at).trimEnd() });
    current = { role: next.label, text: stripQuotes(current.text.slice(next.textAt)) };
  }
  out.push(current);
  return out;
}

const RUN_IN = /(?<=[.!?"”’]\s+)(\p{Lu}[\p{L}’'\-]*(?: [\p{L}’'\-]+){0,4}):\s+(?=[\p{Lu}"“„'‘])/gu;

function runInLabel(text: string, ownLabel: string | null): { at: number; textAt: number; label: string } | null {
  RUN_IN.lastIndex = 0;
  for (let m = RUN_IN.exec(text); m !== null; m = RUN_IN.exec(text)) {
    const label = m[1]!;
    const known = label === ownLabel || (roleGroupOf(label) !== 'other' && !SENTENCE_OPENERS.has(foldText(label.split(' ')[0]!)));
    if (known && !STRUCTURAL.test(foldText(label)) && text.length - (m.index + m[0].length) >= 15) return { at: m.index, textAt: m.index + m[0].length, label };
  }
  return null;
}
