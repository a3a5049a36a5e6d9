/**
 * Outcome sources whose shared bodies (SharedBodies: what the panel and rows threads read) are wrong in
 * the two ways a thread must notice: not readable at all, or each one where the next report's lies.
 */
import type { OutcomeSource, SpillStore } from '../../pipeline/outcome-store.js';

/** The bodies are said to be behind a descriptor that is not open: the first read fails (EBADF). */
export function unreadableBodies(source: OutcomeSource): OutcomeSource {
  return { heads: source.heads, load: (head) => source.load(head), shareBodies: (heads) => ({ fd: 1_000_000, offsets: heads.map(() => 0), lengths: heads.map(() => 10) }) };
}

/** Every body's location one place off: each read gives the next report's body. */
export function misplacedBodies(store: SpillStore): OutcomeSource {
  return {
    heads: store.heads,
    load: (head) => store.load(head),
    shareBodies: (heads) => {
      const shared = store.shareBodies(heads);
      const rotate = <T>(list: T[]) => [...list.slice(1), list[0]!];
      return { fd: shared.fd, offsets: rotate(shared.offsets), lengths: rotate(shared.lengths) };
    },
  };
}
