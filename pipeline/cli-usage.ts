/** A wrong command line: the CLI prints the message and exits 2. Its own module, so the CLI's entry loads nothing else. */
export class UsageError extends Error {}
