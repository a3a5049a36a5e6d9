/**
 * The temporary files a workbook is made in, beside its final path: the package itself, renamed into
 * place when complete, and the entry file of the sheets deflated in a second thread. Named by the
 * process id (every thread of the process shares it), so the main thread can remove them after
 * stopping the workbook's threads, which then cannot.
 */
export function packageTempPath(outPath: string): string {
  return `${outPath}.${process.pid}.tmp`;
}

export function sheetsEntryPath(outPath: string): string {
  return `${outPath}.${process.pid}.sheets.tmp`;
}

export function workbookTempPaths(outPath: string): string[] {
  return [packageTempPath(outPath), sheetsEntryPath(outPath)];
}
