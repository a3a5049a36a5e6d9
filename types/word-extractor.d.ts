// word-extractor 1.x ships no types; only what read-doc.ts uses.
declare module 'word-extractor' {
  interface WordDocument {
    /** The main text: table cells end in a tab, table rows and paragraphs in a line end. */
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>;
  }
}
