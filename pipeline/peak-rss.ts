/**
 * The process's peak resident set size in KB, for the bench's memory figures. On Linux this is VmHWM
 * of /proc/self/status: `process.resourceUsage().maxRSS` (getrusage) is carried over from the parent
 * through fork and exec, so a measurement process started by a large bench process reported the
 * parent's peak instead of its own. Elsewhere, getrusage is all there is.
 */
import { readFileSync } from 'node:fs';

export function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}
