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

/** Collapses runs of white space inside a block and trims it. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

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
 * Cell markup → blocks joined by "\n". Markdown emphasis and backslash escapes are undone;
 * bold is dropped (it carries no meaning we keep, and PDFs lose it anyway). `smart`: the
 * document uses pandoc's smart punctuation (see smartPunctuation).
 */
export function cellToText(raw: string, smart = false): string {
  const withBreaks = (smart ? smartPunctuation(raw) : raw).replace(BLOCK_TAG, '\n').replace(ANY_TAG, '');
  const unescaped = decodeEntities(withBreaks.replace(MARKDOWN_ESCAPE, '$1'))
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1');
  return unescaped
    .split('\n')
    .map(collapseWhitespace)
    .filter((block) => block.length > 0)
    .join('\n');
}
