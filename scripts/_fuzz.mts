import { readFileSync, readdirSync } from 'node:fs';
import { extractReport } from '../extractors/extract-report.js';
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const files = ['rtf/word', 'rtf/pandoc', 'odt/word', 'odt/pandoc'].flatMap((d) => readdirSync(`fixtures/rendered/${d}`).map((f) => `fixtures/rendered/${d}/${f}`));
const outcomes = new Map<string, number>();
let slowest = 0;
for (let i = 0; i < 300; i++) {
  const file = files[Math.floor(rnd() * files.length)]!;
  const bytes = Buffer.from(readFileSync(file));
  const kind = Math.floor(rnd() * 4);
  let mutated: Buffer;
  if (kind === 0) mutated = bytes.subarray(0, Math.floor(rnd() * bytes.length));
  else if (kind === 1) { mutated = Buffer.from(bytes); for (let k = 0; k < 20; k++) mutated[Math.floor(rnd() * mutated.length)] = Math.floor(rnd() * 256); }
  else if (kind === 2) { const s = bytes.toString('latin1'); const at = Math.floor(rnd() * s.length); mutated = Buffer.from(s.slice(0, at) + ['{', '}', '\\', '\\u99999999', '\\bin999999999 ', "\\'", '\\uc-5 ', '{\\*', '\\trowd', '\\cell', '\\row'][Math.floor(rnd() * 11)] + s.slice(at), 'latin1'); }
  else { const s = bytes.toString('latin1'); const a = Math.floor(rnd() * s.length); mutated = Buffer.from(s.slice(0, a) + s.slice(a + Math.floor(rnd() * 2000)), 'latin1'); }
  const t = performance.now();
  const r = await extractReport(mutated, file.split('/').pop()!);
  const ms = performance.now() - t; slowest = Math.max(slowest, ms);
  const key = `${file.split('/')[2]} ${r.ok ? 'ok' : r.failure.code}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  if (!r.ok && r.failure.code === 'internal_error') console.log('INTERNAL', file, kind, r.failure.message.slice(0, 200));
}
console.log([...outcomes].sort(), 'slowest ms', Math.round(slowest));
