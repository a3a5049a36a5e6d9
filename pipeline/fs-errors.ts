/**
 * One wording for file-system errors, shared by input collection, the embedded pool and the queue
 * mode, so both run modes write the same manifest. An fs error's own message names the absolute
 * path, which must never reach the dataset, so only its code is used.
 */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'not a directory',
  ENAMETOOLONG: 'file name too long',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code) return 'unknown error';
  return REASONS[code] ?? `error ${code}`;
}
