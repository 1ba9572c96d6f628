#!/usr/bin/env node
// Type-checks the code users copy: every ```ts block of the READMEs and docs, and every JSDoc
// `@example` in the packages' sources. Each snippet becomes its own module under
// node_modules/.cache/snippets and is compiled with the repository's strict settings, resolving
// `@threadline/*` imports to the workspace sources (no build needed).
//
// A snippet is a complete module: it imports what it uses. A fragment that relies on names defined
// elsewhere declares them in a first line comment `// given: declare const store: Store<Ctx>;`
// (the comment is turned into code, so the fragment still reads naturally).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules/.cache/snippets');

function walk(dir, accept, found = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, accept, found);
    else if (accept(path)) found.push(path);
  }
  return found;
}

/** ```ts / ```typescript blocks of a Markdown file, with the line each starts on. */
function markdownSnippets(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    snippets.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return snippets;
}

/** JSDoc `@example` bodies: from the tag to the next tag or the end of the comment. */
function jsdocSnippets(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i])) continue;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (/^\s*\*\//.test(line) || /^\s*\*\s*@\w/.test(line)) break;
      const text = line.replace(/^\s*\* ?/, '');
      // A fenced example (```ts … ```) is the same snippet without its fences.
      body.push(/^```/.test(text) ? '' : text);
    }
    snippets.push({ line: i + 2, code: body.join('\n') });
    i = j;
  }
  return snippets;
}

const markdownFiles = [
  join(root, 'README.md'),
  ...walk(join(root, 'docs'), (p) => p.endsWith('.md')),
  ...['packages', 'apps'].flatMap((d) =>
    readdirSync(join(root, d))
      .map((name) => join(root, d, name, 'README.md'))
      .filter((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      }),
  ),
];
const sourceFiles = walk(
  join(root, 'packages'),
  (p) => p.endsWith('.ts') && !p.endsWith('.test.ts'),
).filter((p) => relative(root, p).split('/')[2] === 'src');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const origins = new Map();
let count = 0;
const emit = (file, snippet) => {
  const name = `snippet-${String(++count).padStart(3, '0')}.ts`;
  // `// given: <code>` lines declare what a fragment takes from its surroundings.
  const code = snippet.code.replace(/^\/\/ given: (.*)$/gm, '$1');
  // `export {}` keeps every snippet a module, so top-level names never collide.
  writeFileSync(join(outDir, name), `${code}\nexport {};\n`);
  origins.set(name, `${relative(root, file)}:${snippet.line}`);
};
for (const file of markdownFiles) for (const s of markdownSnippets(file)) emit(file, s);
for (const file of sourceFiles) for (const s of jsdocSnippets(file)) emit(file, s);

writeFileSync(
  join(outDir, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../../tsconfig.base.json',
    compilerOptions: { noEmit: true, customConditions: ['@threadline/source'] },
    include: ['*.ts'],
  }),
);

try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', outDir], {
    cwd: root,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  process.stdout.write(
    `snippets: ${count} compiled (${markdownFiles.length} documents, JSDoc examples)\n`,
  );
} catch (error) {
  const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  // Point each error at the document it came from.
  const mapped = output.replace(
    /node_modules\/\.cache\/snippets\/(snippet-\d+\.ts)\((\d+),(\d+)\)/g,
    (_, name, line, col) => `${origins.get(name)} (+${Number(line) - 1} lines, col ${col})`,
  );
  process.stderr.write(`${mapped.trim()}\n`);
  process.stderr.write(`snippets: type errors in the snippets above (${count} checked)\n`);
  process.exit(1);
}
