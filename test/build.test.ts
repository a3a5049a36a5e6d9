/**
 * What `npm run build` makes beyond tsc's output (scripts/bundle.mjs, scripts/generate-reference.mjs):
 * the bin is a runnable bundle, and the bundles' assumptions about the sources hold.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );

describe('the build', () => {
  it('makes dist/pipeline/cli.js an executable bundle that loads only its own chunks and Node', () => {
    const cli = path.resolve('dist/pipeline/cli.js');
    const text = readFileSync(cli, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    const imports = [...text.matchAll(/(?:^import .* from |^} from |^import )"([^"]+)"/gm)].map((m) => m[1]!);
    expect(imports.every((specifier) => specifier.startsWith('node:') || /^\.\/chunk-[\w-]+\.js$/.test(specifier))).toBe(true);
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })).toMatch(/^stj-findings \d+\.\d+\.\d+\n$/);
  });

  it('can leave zod\'s locales out of the bundles: no source uses them', () => {
    for (const file of [...sourceFiles('pipeline'), ...sourceFiles('extractors'), ...sourceFiles('bench')]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\.locales\b|zod\/v4\/locales|zod\/locales/);
    }
  });
});
