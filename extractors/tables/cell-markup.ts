/**
 * A table cell as converters leave it (markdown with HTML inside: <p>, <br>, <b>, <ul><li>,
 * entities) → plain text whose blocks are separated by "\n". Block boundaries matter: they are
 * where one indicator or one verdict paragraph may end and the next begin.
 */

const BLOCK_TAG = /<\s*(\/?)\s*(p|br|li|ul|ol|div|tr|h[1-6])\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euml: 'ë', iuml: 'ï', eacute: 'é',
  egrave: 'è', ouml: 'ö', uuml: 'ü', auml: 'ä', hellip: '…', check: '✓', cross: '✗',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** White space that is not one single space between two other characters: what collapsing changes. */
const UNCOLLAPSED = /\s\s|[^\S ]/;

/**
 * The white-space runs collapsing changes: two or more characters, or one that is not a space.
 * Replacing only these gives what replacing every run (/\s+/g) with a space gives, without a
 * replacement at every single space between words (the greedy first branch takes a whole run).
 */
const COLLAPSIBLE = /\s{2,}|[^\S ]/g;
const COLLAPSIBLE_IN_BLOCK = /[^\S\n]{2,}|[^\S\n ]/g;

/** Exactly `text.replace(/\s+/g, ' ')`: every white-space run one space, replacing only the runs that change. */
export function collapseRuns(text: string): string {
  return text.replace(COLLAPSIBLE, ' ');
}

/**
 * A line less markdown heading marks, bold and a whole-line italic, and the markup other writers
 * leave around a heading or paragraph (tags, heading attributes, "=" headings). Each replacement runs only
 * when the text it is given holds its marker character: the trailing-"#" pattern is not anchored
 * at the start and tried every white-space run of every line, and most lines hold no markup.
 */
const TEXTILE_HEADING = /^\s*h[1-6]\.\s+/;

export function plainMarkup(raw: string): string {
  let text = raw;
  // Tags of HTML or XML that a converter wrote as text (pandoc's html4 and JATS fragments): "<p>Aanpak: X</p>".
  if (text.includes('<')) text = text.replace(/<\/?[A-Za-z][\w:-]*(?:\s[^<>]*)?\/?>/g, '');
  // Heading attributes of pandoc's extended markdown: "## Aanpak X {#aanpak-x .unnumbered}"; anchors a wiki
  // writer put in a heading: XWiki's "{{id name="x" /}}", Jira's "{anchor:x}".
  if (text.includes('{')) text = text.replace(/\s*\{[#.][^{}]*\}\s*$/, '').replace(/\{\{id\s[^{}]*\/\}\}|\{anchor:[^{}]*\}/g, '');
  // Textile's and Jira's heading mark: "h2. Aanpak: X".
  text = text.replace(TEXTILE_HEADING, '');
  // "=" headings of Haddock, MediaWiki and AsciiDoc: "== Aanpak: X", "== Aanpak: X ==".
  if (text.includes('=')) text = text.replace(/^\s*={1,6}\s+/, '').replace(/(?<=\S)\s+={1,6}\s*$/, '');
  if (text.includes('#')) text = text.replace(/^\s*#+\s*/, '');
  if (text.includes('#')) text = text.replace(/(?<!\s)\s+#+\s*$/, '');
  if (text.includes('**') || text.includes('__')) text = text.replace(/\*\*|__/g, '');
  return text.charCodeAt(0) === 42 ? text.replace(/^\*(.*)\*$/, '$1') : text;
}

/**
 * A table's title line without the markup a writer put around it: plainMarkup's heading marks and bold,
 * and one pair of emphasis marks around the whole that it leaves (org `/x/`, MediaWiki `'''x'''` and
 * `''x''`, `_x_`), so "'''Toeleiding'''" titles the table as "Toeleiding" does.
 */
export function plainTitle(line: string): string {
  let text = collapseWhitespace(plainMarkup(line));
  for (const mark of ["'''", "''", '*', '_', '/']) {
    if (text.length > 2 * mark.length && text.startsWith(mark) && text.endsWith(mark)) {
      text = text.slice(mark.length, -mark.length).trim();
      break;
    }
  }
  return text;
}

/** Collapses runs of white space inside a block and trims it (\s includes the no-break space). */
export function collapseWhitespace(text: string): string {
  // Most lines and cells have nothing to collapse: a test without allocating, then only the trim.
  return (UNCOLLAPSED.test(text) ? text.replace(COLLAPSIBLE, ' ') : text).trim();
}

/**
 * Exactly `text.split('\n').map(collapseWhitespace).filter(nonEmpty).join('\n')`, in one pass over
 * the text: a white-space run that holds a line break ends a block (the empty blocks it may span
 * are dropped), any other run is one space, and the ends are trimmed.
 */
export function collapseBlocks(text: string): string {
  if (!UNCOLLAPSED.test(text)) return text.trim();
  // Runs without a line break become one space; then every run of spaces and breaks that holds a
  // break becomes that break (" ?" before it: at most one space is left between two breaks' runs).
  return text.replace(COLLAPSIBLE_IN_BLOCK, ' ').replace(/ ?\n[ \n]*/g, '\n').trim();
}

/**
 * A hard line break as org, DokuWiki and LaTeX write it (pandoc's writers put one between a cell's
 * paragraphs): two backslashes before white space or the cell's end. Left as an escaped backslash, a
 * cell's second and third verdict ran on inside its first paragraph, and their marks were lost.
 */
const HARD_BREAK = /\\\\(?=\s|$)/g;

/** A line break written as the two characters "\n" inside a cell (ZimWiki: "beleid voor de groep GGSR\nDe gemeente zorgt"). */
const ESCAPED_LINE_BREAK = /(?<!\\)\\n(?=[^\s\p{Ll}])/gu;

/** Markdown's backslash escapes (pandoc escapes quotes, dots, brackets…): the character itself. */
const MARKDOWN_ESCAPE = /\\([!"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~\\])/g;

/**
 * Pandoc's markdown writer with its `smart` extension writes “ ” ‘ ’ – — … as plain " ' -- --- ...
 * and escapes the straight characters the source really had (\" \' \-- \...). In a document
 * written that way (findTextTables decides, from the escapes), the plain forms are read back as
 * the typographic ones, as pandoc's own reader would.
 */
export function smartPunctuation(raw: string): string {
  const kept: string[] = [];
  const protect = raw.replace(/\\(\.\.\.|-+|["'])/g, (_, char: string) => `\uE000${kept.push(char) - 1}\uE001`);
  return protect
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/\.\.\./g, '…')
    .replace(/(^|[\s([{\u2014\u2013])"/g, '$1“')
    .replace(/"/g, '”')
    .replace(/(^|[\s([{\u2014\u2013])'/g, '$1‘')
    .replace(/'/g, '’')
    .replace(/\uE000(\d+)\uE001/g, (_, index: string) => kept[Number(index)]!);
}

/**
 * An en dash between words as writers without it spell it: "--" (org, and markdown without smart
 * punctuation: "om -- in het belang van het gezin -- impopulaire") and a hyphen with two spaces each side
 * (Textile: "zijn  -  summier  -  beschreven"). No report writes either for anything else.
 */
const SPELLED_EN_DASH = /(?<=\S)(?: -- |  - {2})(?=\S)/g;

/** Text with its spelled en dashes (SPELLED_EN_DASH) as "–". */
export const withEnDashes = (text: string) => (text.includes('- ') ? text.replace(SPELLED_EN_DASH, ' – ') : text);

/**
 * Cell markup → blocks joined by "\n". Markdown emphasis and backslash escapes are undone;
 * bold is dropped (it carries no meaning we keep, and PDFs lose it anyway). `smart`: the
 * document uses pandoc's smart punctuation (see smartPunctuation).
 */
export function cellToText(raw: string, smart = false): string {
  // Each step only where its marker character occurs: most cells are plain text, and a cell
  // without "<", "\\", "&", "**" or "__" comes out of that step unchanged.
  let text = smart ? smartPunctuation(raw) : withEnDashes(raw);
  if (text.includes('<')) text = text.replace(BLOCK_TAG, '\n').replace(ANY_TAG, '');
  if (text.includes('\\')) text = text.replace(HARD_BREAK, '\n').replace(ESCAPED_LINE_BREAK, '\n').replace(MARKDOWN_ESCAPE, '$1');
  if (text.includes('&')) text = decodeEntities(text);
  if (text.includes('**')) text = text.replace(/\*\*(.+?)\*\*/g, '$1');
  if (text.includes('__')) text = text.replace(/__(.+?)__/g, '$1');
  return withoutBlockEmphasis(collapseBlocks(text));
}

/**
 * A block set whole in one-sign emphasis, as Jira, Textile and org write bold and markdown italics
 * ("*LET OP: … professionals.*", "*De aanpak is flexibel*"): the block without the two signs. Only
 * when the sign occurs nowhere else in the block ("*a* en *b*" stays as it is).
 */
export function withoutBlockEmphasis(blocks: string): string {
  if (!blocks.includes('*') && !blocks.includes('_')) return blocks;
  return blocks.replace(/^([*_])([^\s*_](?:[^*_\n]*[^\s*_])?)\1$/gm, '$2');
}

/** A cell's text pieces, with "\n" where a block opened or closed → its blocks, one per line, white space collapsed. */
export function blockLines(parts: string[]): string {
  return withoutBlockEmphasis(
    parts
      .join('')
      .split('\n')
      .map(collapseWhitespace)
      .filter((block) => block.length > 0)
      .join('\n'),
  );
}
