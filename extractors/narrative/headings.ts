/**
 * Headings from the document's own structure. A nota numbers its chapters and sections ("3",
 * "3.1"), so numbered lines are headings only when the numbers run on (chapter n+1 after n; n.k
 * inside chapter n): a numbered list ("1. Stel een gezinsplan op.") or a sentence that starts with a
 * figure never passes. A nota without numbers is read from markdown heading marks where it has them,
 * otherwise from the framework's chapter wording ("Wat gaat goed", "Verbeterpunten", …) for
 * chapters and from short lines standing alone above prose for the sections inside them.
 */
import type { Block } from './blocks.js';
import { isListItem } from './blocks.js';
import { isAppendixTitle, isConclusionLine, kindNamedFirst, kindOfTitle, titleNames } from './section-kinds.js';

export interface Heading {
  blockIndex: number;
  number: string | null;
  title: string;
  depth: 1 | 2;
}

export interface Outline {
  headings: Heading[];
  /** Index of the block where the narrative ends (the appendix), or blocks.length. */
  end: number;
  mode: 'numbered' | 'unnumbered';
}

const EMPHASIS = /^(?:\*\*|__)(.+)(?:\*\*|__)$/;
const NUMBERED = /^(\d{1,2})(?:\.(\d{1,2}))?\.?\s+(\S.*)$/u;
const FINDINGS_HEADER = /\bcriteria\b.*\bindicator(?:en)?\b/i;

export function stripEmphasis(text: string): string {
  const m = EMPHASIS.exec(text.trim());
  return (m ? m[1]! : text).trim();
}

/** A heading's words: short, capitalised, no sentence or list ending, no cells. */
function titleShaped(title: string, maxLength = 120): boolean {
  return (
    title.length >= 2 &&
    title.length <= maxLength &&
    !title.includes('\t') &&
    title.split(/\s+/).length <= 16 &&
    /^[\p{Lu}\p{N}'‘"“]/u.test(title) &&
    !/[.,;:]$/.test(title)
  );
}

export function numberedHeading(text: string): { chapter: number; sub: number | null; title: string } | null {
  const m = NUMBERED.exec(stripEmphasis(text));
  if (!m) return null;
  const title = stripEmphasis(m[3]!);
  if (!titleShaped(title)) return null;
  return { chapter: Number(m[1]), sub: m[2] === undefined ? null : Number(m[2]), title };
}

/** Cheap test blocks.ts uses to keep heading lines apart from the prose around them. */
export function mayBeHeading(text: string): boolean {
  return numberedHeading(text) !== null || isConclusionLine(text) || (titleShaped(stripEmphasis(text), 80) && kindOfTitle(text) !== null);
}

export function findOutline(blocks: Block[]): Outline | null {
  return numberedOutline(blocks) ?? unnumberedOutline(blocks);
}

function appendixAt(blocks: Block[], from: number): number {
  for (let i = from; i < blocks.length; i++) {
    const text = blocks[i]!.text;
    if ((blocks[i]!.single && isAppendixTitle(stripEmphasis(text))) || (text.includes('\t') && FINDINGS_HEADER.test(text))) return i;
  }
  return blocks.length;
}

/** Titles equal but for a page number a table of contents put after one of them. */
function sameTitle(a: string, b: string): boolean {
  const bare = (t: string) => t.replace(/\s+\d{1,3}$/, '').toLowerCase();
  return bare(a) === bare(b);
}

function numberedOutline(blocks: Block[]): Outline | null {
  const headings: Heading[] = [];
  let chapter: number | null = null;
  let sub = 0;
  /** Set at the appendix; only the first chapter again (after a contents list) reopens the outline. */
  let ended = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (!block.single) continue;
    // An appendix title followed by a page number ("Bijlage 1: Beoordeling … 23") is a contents entry.
    if (!ended && chapter !== null && isAppendixTitle(stripEmphasis(block.text)) && !/\S\s+\S+\s+\d{1,3}$/.test(block.text)) {
      ended = true;
      continue;
    }
    const h = numberedHeading(block.text);
    if (!h) continue;
    if (h.sub === null) {
      // The first chapter again, under the same title: what came before was a table of contents
      // that was not recognised as one (no "Inhoudsopgave" line, or no page numbers); start over here.
      const first = headings[0];
      if (first && String(h.chapter) === first.number && sameTitle(h.title, first.title)) {
        headings.length = 0;
        chapter = null;
        ended = false;
      }
      if (ended || (chapter === null ? h.chapter > 9 : h.chapter !== chapter + 1)) continue;
      chapter = h.chapter;
      sub = 0;
      headings.push({ blockIndex: i, number: String(h.chapter), title: h.title, depth: 1 });
    } else {
      if (ended || chapter === null || h.chapter !== chapter || h.sub <= sub) continue;
      sub = h.sub;
      headings.push({ blockIndex: i, number: `${h.chapter}.${h.sub}`, title: h.title, depth: 2 });
    }
  }
  const chapters = headings.filter((h) => h.depth === 1).length;
  if (chapters < 2) return null;
  return { headings, end: appendixAt(blocks, headings.at(-1)!.blockIndex + 1), mode: 'numbered' };
}

function unnumberedOutline(blocks: Block[]): Outline | null {
  const levels = blocks.map((b) => b.markdownLevel).filter((l): l is number => l !== null);
  const top = levels.length > 0 ? Math.min(...levels) : null;
  /** A chapter title: a top-level markdown heading, or a short line that opens with a chapter's wording. */
  const chapterShaped = (b: Block) => {
    if (!b.single || isConclusionLine(b.text)) return false;
    if (top !== null) return b.markdownLevel === top;
    const title = stripEmphasis(b.text).replace(/\?$/, '');
    return titleShaped(title, 80) && (kindNamedFirst(title) !== null || /^(?:inleiding|typering|achtergrond)\b/i.test(title));
  };
  const start = blocks.findIndex(chapterShaped);
  if (start < 0) return null;
  const end = appendixAt(blocks, start + 1);
  const headings: Heading[] = [];
  let chapter: string | null = null;
  for (let i = start; i < end; i++) {
    const block = blocks[i]!;
    const title = stripEmphasis(block.text);
    if (chapterShaped(block)) {
      // "Algemene conclusie" and "Aanbevelingen" under "Conclusie en aanbevelingen" are its sections.
      const kind = top === null ? kindNamedFirst(title.replace(/\?$/, '')) : null;
      if (chapter !== null && kind !== null && titleNames(chapter, kind) && kindOfTitle(chapter) !== null) {
        headings.push({ blockIndex: i, number: null, title, depth: 2 });
        continue;
      }
      chapter = title;
      headings.push({ blockIndex: i, number: null, title, depth: 1 });
    } else if (isSectionLine(block, blocks[i + 1], top)) {
      headings.push({ blockIndex: i, number: null, title, depth: 2 });
    }
  }
  if (headings.length < 2) return null;
  return { headings, end, mode: 'unnumbered' };
}

/** A section title in an unnumbered nota: a marked deeper heading, or a short capitalised line alone above longer prose. */
function isSectionLine(block: Block, next: Block | undefined, top: number | null): boolean {
  if (!block.single || isConclusionLine(block.text)) return false;
  if (top !== null && block.markdownLevel !== null) return block.markdownLevel > top;
  const title = stripEmphasis(block.text);
  if (!titleShaped(title, 80) || title.split(/\s+/).length > 10 || /[!]$/.test(title) || isListItem(block.text) || /:\s/.test(title)) return false;
  // Captions of figures and tables stand alone above prose too.
  if (/^(?:figuur|tabel|grafiek|schema|bron)\b/i.test(title)) return false;
  return next !== undefined && !isListItem(next.text) && (next.text.length > Math.max(60, title.length) || (next.text.length > title.length && /[.!?:"”’)]$/.test(next.text)));
}
