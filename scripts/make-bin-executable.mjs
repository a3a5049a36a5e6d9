// tsc writes dist/pipeline/cli.js with mode 0644; the package's bin (and `npx stj-findings`) needs it executable.
import { chmodSync, statSync } from 'node:fs';

const bin = new URL('../dist/pipeline/cli.js', import.meta.url);
chmodSync(bin, statSync(bin).mode | 0o111);
