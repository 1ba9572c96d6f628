// Scans packages/chatkit/src for `t('…')` and `msg('…')` literals: each must be a known message,
// so every catalog (checked complete in catalogs.test.ts) translates it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/index.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const CALL =
  /(?<![\w$])(t|msg)\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\])*)`)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

/** Comment lines blanked (kept as empty lines so line numbers hold): examples in docs are not uses. */
const withoutCommentLines = (source: string) =>
  source
    .split('\n')
    .map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? '' : line))
    .join('\n');

interface Use {
  text: string;
  where: string;
}

function literalUses(): { uses: Use[]; dynamic: string[] } {
  const uses: Use[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = withoutCommentLines(readFileSync(file, 'utf8'));
    for (const match of source.matchAll(CALL)) {
      const line = source.slice(0, match.index).split('\n').length;
      const where = `${relative(SRC, file)}:${line}`;
      const template = match[4];
      if (template !== undefined && template.includes('${')) {
        dynamic.push(`${where} ${match[0]}`);
        continue;
      }
      uses.push({ text: unescape(match[2] ?? match[3] ?? template ?? ''), where });
    }
  }
  return { uses, dynamic };
}

it('finds the marked strings (the scanner works)', () => {
  const { uses } = literalUses();
  expect(uses.map((u) => u.text)).toContain('This file type is not accepted');
});

it('has a catalog entry for every t()/msg() literal in the source', () => {
  const known = new Set<string>(MESSAGES);
  const { uses, dynamic } = literalUses();
  const missing = uses
    .filter((use) => !known.has(use.text))
    .map((use) => `${use.where}: ${JSON.stringify(use.text)}`);
  // Add each missing string to src/i18n/messages.ts and translate it in every catalog.
  expect(missing, `Untranslated strings:\n${missing.join('\n')}`).toEqual([]);
  expect(dynamic, 'Translate literals, not built strings (use {placeholders})').toEqual([]);
});
