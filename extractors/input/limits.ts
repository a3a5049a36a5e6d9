/**
 * Resource limits per input, applied inside extraction so the embedded pool and the queue workers
 * enforce the same ones. A file that breaks a limit fails alone with a clear code (too_large,
 * too_deep); the batch goes on. The limits are set once per thread or process (setInputLimits, from
 * the CLI's options) rather than passed through every reader, so extractReport keeps its signature.
 * The defaults are generous: a real report is well under a megabyte of text; they exist to stop
 * crafted or broken files, not to judge real ones.
 */
import { ExtractionFailure } from '../model.js';

export interface InputLimits {
  /** A document larger than this is not read at all. */
  maxFileBytes: number;
  /** What the parts of a Word document that are read (all but its images) may inflate to. */
  maxInflateBytes: number;
  /** Text, HTML and DocBook documents larger than this are refused: the table finders' memory grows with the text. */
  maxTextBytes: number;
  /** Paragraphs of a Word document: the converter spends kilobytes on each (100k paragraphs took 1 GB). */
  maxParagraphs: number;
  /** Element nesting of HTML (and Word's HTML) beyond which a document is refused rather than walked. */
  maxDepth: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxFileBytes: 128 * MB,
  maxInflateBytes: 64 * MB,
  // A text report is 20-100 KB; a 50 MB single line took 1.4 GB and 100 s.
  maxTextBytes: 16 * MB,
  // A 60-page report has a few thousand.
  maxParagraphs: 50_000,
  // Real reports nest a few dozen deep (tables in tables, lists); browsers give up around 512.
  maxDepth: 512,
});

/**
 * The limits a process starts with: the defaults, or what STJ_MAX_FILE_MB / STJ_MAX_INFLATE_MB say
 * (the CLI sets them from its options, so the threads a queue worker starts inherit them too).
 */
function fromEnvironment(): InputLimits {
  const mb = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value * MB : fallback;
  };
  return {
    maxFileBytes: mb('STJ_MAX_FILE_MB', DEFAULT_LIMITS.maxFileBytes),
    maxInflateBytes: mb('STJ_MAX_INFLATE_MB', DEFAULT_LIMITS.maxInflateBytes),
    maxTextBytes: mb('STJ_MAX_TEXT_MB', DEFAULT_LIMITS.maxTextBytes),
    maxParagraphs: DEFAULT_LIMITS.maxParagraphs,
    maxDepth: DEFAULT_LIMITS.maxDepth,
  };
}

let current: InputLimits = fromEnvironment();

export function setInputLimits(limits: Partial<InputLimits>): void {
  current = { ...fromEnvironment(), ...limits };
}

export function inputLimits(): Readonly<InputLimits> {
  return current;
}

export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

export function checkFileSize(size: number): void {
  const { maxFileBytes } = current;
  if (size > maxFileBytes) {
    throw new ExtractionFailure('too_large', `file too large: ${megabytes(size)} is over the limit of ${megabytes(maxFileBytes)} (--max-file-mb)`);
  }
}

export function checkTextSize(size: number, format: string): void {
  const { maxTextBytes } = current;
  if (size > maxTextBytes) {
    throw new ExtractionFailure('too_large', `${format} document too large: ${megabytes(size)} is over the limit of ${megabytes(maxTextBytes)} for text, HTML and DocBook (--max-text-mb); a report is well under 1 MB`);
  }
}

/**
 * A recursive walk of a crafted document (100k nested elements) overflows the stack; that is a
 * property of the document, so it fails as too_deep rather than as an internal error.
 */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

export function tooDeep(detail: string): ExtractionFailure {
  return new ExtractionFailure('too_deep', `document nested too deeply: ${detail} (limit ${current.maxDepth})`);
}
