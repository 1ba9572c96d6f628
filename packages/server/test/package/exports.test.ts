import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<
    string,
    string | { '@threadline/source': string; types: string; default: string }
  >;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
};

/** Entries that must run on any runtime (Node, Bun, Deno, edge) without optional packages. */
const RUNTIME_NEUTRAL = [
  '.',
  './protocol',
  './http',
  './widgets',
  './stores/memory',
  './turn',
  './forms',
  './actions',
];
const ALLOWED_PACKAGES = new Set(['zod']);

const importsOf = (file: string): string[] => {
  // Comments (JSDoc examples mention package names) are not imports.
  const source = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    specifiers.push(match[1]!);
  }
  for (const match of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g))
    specifiers.push(match[1]!);
  return specifiers;
};

/** Every package or builtin a source file pulls in, following relative imports transitively. */
function transitiveExternals(entry: string): Map<string, string> {
  const externals = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        queue.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      } else if (!externals.has(spec)) {
        externals.set(spec, file);
      }
    }
  }
  return externals;
}

describe('package exports', () => {
  const entries = Object.entries(pkg.exports).filter(([key]) => key !== './package.json');

  it.each(entries)('%s points at a source file and matching dist paths', (key, target) => {
    if (typeof target === 'string')
      throw new Error(`${key} must use the source/types/default form`);
    expect(existsSync(join(root, target['@threadline/source'])), target['@threadline/source']).toBe(
      true,
    );
    const stem = target['@threadline/source'].replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '');
    expect(target.types).toBe(`${stem}.d.ts`);
    expect(target.default).toBe(`${stem}.js`);
  });

  it.each(RUNTIME_NEUTRAL)('%s pulls in no node: module and no optional peer', (key) => {
    const target = pkg.exports[key];
    if (!target || typeof target === 'string') throw new Error(`missing export ${key}`);
    const externals = transitiveExternals(join(root, target['@threadline/source']));
    const offending = [...externals].filter(([spec]) => !ALLOWED_PACKAGES.has(spec));
    expect(offending.map(([spec, file]) => `${spec} (from ${file.slice(root.length)})`)).toEqual(
      [],
    );
  });

  it('declares zod as its only required peer; every other peer is optional', () => {
    const optional = pkg.peerDependenciesMeta ?? {};
    const required = Object.keys(pkg.peerDependencies ?? {}).filter(
      (name) => !optional[name]?.optional,
    );
    expect(required).toEqual(['zod']);
  });
});
