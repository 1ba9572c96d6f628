// The public surface of @threadline/server, one report per subpath export, read from the built
// declaration files (`npm run build` first). `--check` fails when the surface differs from the
// committed report, so a change to what users can import is a reviewed change (CONTRIBUTING.md).
// `npm run api:update` rewrites the reports.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_DIR = path.join(ROOT, 'packages/server');
const REPORT_DIR = path.join(PACKAGE_DIR, 'api');
const check = process.argv.includes('--check');

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types)
  .map(([subpath, target]) => ({ subpath, file: path.join(PACKAGE_DIR, target.types) }));

const program = ts.createProgram(
  entries.map((entry) => entry.file),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
);
const checker = program.getTypeChecker();
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The statement to print for a declaration: a variable's whole `declare const` line. */
function statementOf(declaration) {
  if (ts.isVariableDeclaration(declaration)) return declaration.parent.parent;
  return declaration;
}

function isInternal(declaration) {
  return ts.getJSDocTags(statementOf(declaration)).some((tag) => tag.tagName.text === 'internal');
}

function render(symbol) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declarations = target.declarations ?? [];
  const printed = declarations.map((declaration) => {
    const statement = statementOf(declaration);
    const text = printer.printNode(ts.EmitHint.Unspecified, statement, declaration.getSourceFile());
    return text.replace(/^export declare |^export |^declare /, '');
  });
  const renamed = target.name !== symbol.name ? `// exported as ${symbol.name}\n` : '';
  return {
    name: symbol.name,
    internal: declarations.some(isInternal),
    text: renamed + [...new Set(printed)].join('\n'),
  };
}

function exportsOf(file) {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} is missing: run npm run build first`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  return moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
}

const resolve = (symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

/** Every declaration a user can name through some subpath. */
const exported = new Set(
  entries.flatMap((entry) => exportsOf(entry.file).flatMap((s) => resolve(s).declarations ?? [])),
);

/**
 * Declarations of this package that the public ones reach (a base class, an option type) without
 * being exported themselves: they are part of the surface too, as api-extractor's "forgotten
 * exports" are, so a change to them must show in the report.
 */
function reachableUnexported(symbols) {
  const found = new Map();
  const queue = symbols.flatMap((s) => resolve(s).declarations ?? []);
  const distDir = path.join(PACKAGE_DIR, 'dist');
  while (queue.length > 0) {
    const declaration = queue.pop();
    const visit = (node) => {
      const name = ts.isTypeReferenceNode(node)
        ? node.typeName
        : ts.isExpressionWithTypeArguments(node)
          ? node.expression
          : ts.isTypeQueryNode(node)
            ? node.exprName
            : undefined;
      if (name) {
        const symbol = checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.right : name);
        const target = symbol ? resolve(symbol) : undefined;
        for (const d of target?.declarations ?? []) {
          const inPackage = d.getSourceFile().fileName.startsWith(distDir);
          if (!inPackage || exported.has(d) || ts.isTypeParameterDeclaration(d)) continue;
          if (!found.has(target)) {
            found.set(target, true);
            queue.push(d);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(statementOf(declaration));
  }
  return [...found.keys()];
}

function reportFor({ subpath, file }) {
  const symbols = exportsOf(file);
  const rendered = symbols.map(render).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const reached = reachableUnexported(symbols)
    .map(render)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const section = (items) => items.map((item) => '```ts\n' + item.text + '\n```\n').join('\n');
  const publicItems = rendered.filter((item) => !item.internal);
  const internalItems = rendered.filter((item) => item.internal);
  let text = `# \`${specifier}\`\n\n<!-- Generated by scripts/api-report.mjs; do not edit. -->\n\n`;
  text += `${publicItems.length} public names, ${internalItems.length} internal.\n\n`;
  text += section(publicItems);
  if (reached.length > 0) {
    text += `\n## Reached but not exported (a base class, a parameter's type)\n\n`;
    text += section(reached);
  }
  if (internalItems.length > 0) {
    text += `\n## Internal (\`@internal\`: for Threadline's own packages, not covered by semver)\n\n`;
    text += section(internalItems);
  }
  return {
    name: `${subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-')}.api.md`,
    text,
  };
}

const reports = entries.map(reportFor);
if (check) {
  const committed = new Set(safeList(REPORT_DIR));
  const changed = reports.filter((report) => {
    committed.delete(report.name);
    return safeRead(path.join(REPORT_DIR, report.name)) !== report.text;
  });
  const stale = [...committed];
  if (changed.length > 0 || stale.length > 0) {
    for (const report of changed)
      process.stderr.write(`api: ${report.name} differs from the built surface\n`);
    for (const name of stale) process.stderr.write(`api: ${name} has no subpath export any more\n`);
    process.stderr.write(
      'The public API changed: review it, then run `npm run api:update` and commit the report.\n',
    );
    process.exit(1);
  }
  const total = reports.reduce(
    (sum, r) => sum + Number(/^(\d+) public/m.exec(r.text)?.[1] ?? 0),
    0,
  );
  process.stdout.write(`api: ${reports.length} subpaths, ${total} public names, unchanged\n`);
} else {
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  for (const report of reports) writeFileSync(path.join(REPORT_DIR, report.name), report.text);
  process.stdout.write(
    `api: wrote ${reports.length} reports to ${path.relative(ROOT, REPORT_DIR)}` + '\n',
  );
}

function safeList(dir) {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.api.md'));
  } catch {
    return [];
  }
}

function safeRead(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
