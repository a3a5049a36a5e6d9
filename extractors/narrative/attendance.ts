/**
 * Who attended the learning meeting: the organisations a sentence of the meeting's chapter names as
 * present ("Bij de bijeenkomst waren beleidsmedewerkers van de gemeente Zwolle aanwezig en managers
 * en professionals van de volgende organisaties: A, B, C en de D."), or the list that follows such a
 * sentence. Names are kept as printed, like `partners`: trimmed, a leading lower-case article and a
 * final stop taken off; the municipality's own staff give "Gemeente <name>". " en " splits two
 * names only before a capital ("… IJsselland en de William Schrikker Groep"), so a name like
 * "Parlan Jeugd en opvoedhulp" stays whole.
 */
import { isListItem } from './blocks.js';

/** Words that say who was there; "deelnemers" alone is not one ("volgens de deelnemers …:" introduces their views). */
const PRESENCE = /\b(?:aanwezig|present|deelgenomen|namen deel|nam deel|vertegenwoordigd)\b/i;
const MUNICIPAL_STAFF = /\b(?:van|vanuit) de gemeente ((?:'s-)?\p{Lu}[\p{L}'’-]*(?:[ -](?:aan de |op |a\/d )?\p{Lu}[\p{L}'’-]*)*)/u;

function clean(name: string): string {
  return name
    .replace(/^(?:de|het)\s+(?=\p{Lu})/u, '')
    .replace(/[.;:,]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitNames(list: string): string[] {
  return list
    .split(/\s*[,;]\s*|\s+en\s+(?=(?:de\s+|het\s+)?\p{Lu})/u)
    .map(clean)
    .filter((name) => /^\p{Lu}/u.test(name) || /^\p{Lu}/u.test(name.replace(/^\p{Ll}+\s/u, '')));
}

/** Organisations present at the meeting, from the blocks of its chapter; empty when none is named. */
export function meetingAttendees(blocks: string[]): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    if (name.length > 0 && !out.includes(name)) out.push(name);
  };
  for (let i = 0; i < blocks.length; i++) {
    for (const sentence of blocks[i]!.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
      if (!PRESENCE.test(sentence)) continue;
      const municipal = MUNICIPAL_STAFF.exec(sentence);
      const colon = sentence.indexOf(':');
      if (colon < 0 && !municipal) continue;
      if (municipal && (colon < 0 || municipal.index < colon)) add(`Gemeente ${municipal[1]}`);
      if (colon < 0) continue;
      const after = sentence.slice(colon + 1).trim();
      if (after.length > 0) for (const name of splitNames(after)) add(name);
      else {
        // The names as a list below the sentence.
        for (let j = i + 1; j < blocks.length && isListItem(blocks[j]!); j++) add(clean(blocks[j]!.replace(/^(?:[-*•·–]|\d{1,2}[.)])\s+/u, '')));
      }
    }
  }
  return out;
}
