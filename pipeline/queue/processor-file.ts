/**
 * Where the compiled sandboxed processor lives. BullMQ loads it with a plain import() in a worker
 * thread, which cannot load TypeScript; from dist/ it is the sibling .js file, and when this module
 * runs from source (vitest, tsx) it is the copy that `npm run build` put in dist/.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function parseProcessorFile(): URL {
  const sibling = new URL('./parse-processor.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL('../../dist/pipeline/queue/parse-processor.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`cannot find the compiled parse processor (looked for ${fileURLToPath(sibling)} and ${fileURLToPath(built)}); run \`npm run build\``);
}
