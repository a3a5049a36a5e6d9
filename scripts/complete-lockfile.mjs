#!/usr/bin/env node
// The npm registry mirror this project is built against serves only some platform builds of
// packages such as rollup and msgpackr-extract. `npm install` then leaves those optional
// dependencies out of package-lock.json, and `npm ci` (which CI runs) rejects the lock as out of
// sync. This script adds the missing entries with the os/cpu/libc that their names state, which
// is what a lock written against the full registry holds: npm ci skips them on other platforms.
//
// Run it after every `npm install` that changes the lock:  node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS_NAMES = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU_NAMES = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** Platform fields from a name like `@rollup/rollup-linux-arm-musleabihf`; null when the name says none. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS_NAMES.includes(part));
  const cpu = parts.find((part) => CPU_NAMES.includes(part));
  if (!os || !cpu) return null;
  const fields = { cpu: [cpu], os: [os] };
  if (parts.some((part) => part.startsWith('musl'))) fields.libc = ['musl'];
  else if (os === 'linux' && parts.some((part) => part.startsWith('gnu'))) fields.libc = ['glibc'];
  return fields;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const childPath = `node_modules/${name}`;
    if (packages[childPath] || packages[`${path}/${childPath}`]) continue;
    const platform = platformOf(name);
    if (!platform) {
      console.error(`left alone (no platform in its name): ${name}@${version}, wanted by ${path}`);
      continue;
    }
    packages[childPath] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.error(`package-lock.json: added ${added} platform-specific optional entries`);
