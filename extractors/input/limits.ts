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
  /** Element nesting of HTML (and Word's HTML) beyond which a document is refused rather than walked. */
  maxDepth: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxFileBytes: 128 * MB,
  maxInflateBytes: 64 * MB,
  // Real reports nest a few dozen deep (tables in tables, lists); browsers give up around 512.
  maxDepth: 512,
});

let current: InputLimits = { ...DEFAULT_LIMITS };

export function setInputLimits(limits: Partial<InputLimits>): void {
  current = { ...DEFAULT_LIMITS, ...limits };
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
