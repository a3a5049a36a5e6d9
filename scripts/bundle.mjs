#!/usr/bin/env node
// Second step of `npm run build`, after tsc: the programs that start often are rewritten as bundles,
// so a start reads a few files instead of hundreds. Node's ES module loader pays per module (resolve,
// read, translate, link): the CLI's import and each extraction thread loaded about 190 small modules
// each (most of them zod's), which cost every thread about as much as extracting several reports.
//
//   dist/pipeline/cli.js                the command line (the package's bin)
//   dist/pipeline/extraction-worker.js  an embedded import's thread
//   dist/pipeline/queue/parse-thread.js a queue worker's thread
//   dist/pipeline/compare/panel-thread.js, export/rows-thread.js, export/workbook-thread.js,
//   export/xlsx/sheets-thread.js        the export's threads (each started once per large import)
//
// They share chunks (dist/pipeline/chunk-*.js), one per piece loaded on demand (the import command, the
// queue mode, the workbook writer), so lazy loading stays lazy. Every other file of dist/ is tsc's, as
// before: the bench and anything else importing single modules use those.
//
// Only the packages in BUNDLED are inlined (pure JavaScript without file lookups of their own); every
// other package stays an import from node_modules, as it is for tsc's output (pdfjs-dist, mammoth and
// exceljs load files by path, BullMQ its Lua scripts). zod's locales other than English are left out
// (zodEnglishOnly below): half of zod's code, parsed by every thread, never used.
//
// The sources are bundled as they are (esbuild strips the types; tsc has checked them): chunk names are
// content hashes, so the same sources give the same files.
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUNDLED = new Set(['zod', 'csv-parse', 'csv-stringify', 'natural', 'parse5', 'entities']);

/** The package a bare import names: `zod`, `csv-parse/sync` → csv-parse, `@scope/x/y` → @scope/x. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      return BUNDLED.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * zod's index exports every locale (64 of them, half of zod's code) through `z.locales`, which this
 * program never uses: it keeps zod's default, English, which zod loads from its own file. The other
 * locales are left out of the bundles; calling one says so rather than failing obscurely.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/^export \{ default as (\w+) \} from "\.\/[\w-]+\.js";$/gm, (line, name) =>
        name === 'en' ? line : `export const ${name} = () => { throw new Error('zod locale ${name} is not in this build (scripts/bundle.mjs)'); };`,
      );
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

// Chunks of an earlier build would otherwise pile up.
const outPipeline = path.join(root, 'dist', 'pipeline');
for (const name of readdirSync(outPipeline)) if (/^chunk-.*\.js$/.test(name)) rmSync(path.join(outPipeline, name));

await build({
  absWorkingDir: root,
  entryPoints: [
    'pipeline/cli.ts',
    'pipeline/extraction-worker.ts',
    'pipeline/queue/parse-thread.ts',
    'pipeline/compare/panel-thread.ts',
    'pipeline/export/rows-thread.ts',
    'pipeline/export/workbook-thread.ts',
    'pipeline/export/xlsx/sheets-thread.ts',
  ],
  outbase: '.',
  outdir: 'dist',
  // Next to cli.js and extraction-worker.js: code that finds a sibling by import.meta.url
  // (run-embedded.ts's './extraction-worker.js') finds it from a chunk too.
  chunkNames: 'pipeline/chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Class and function names as the sources have them (error names, stack traces), not renamed apart.
  keepNames: true,
  // CommonJS inside the bundle (natural) may require Node's own modules.
  banner: { js: "import { createRequire as __stjCreateRequire } from 'node:module'; const require = __stjCreateRequire(import.meta.url);" },
  plugins: [externalPackages, zodEnglishOnly],
  logLevel: 'warning',
});
