/**
 * `threadline kb <add|list|remove|search>`: manages the knowledge base agents search with
 * `knowledge` in the agents file. Storage and embeddings follow the app's settings.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  detectFormat,
  SUPPORTED_EXTENSIONS,
  type Collection,
  type KnowledgeBase,
  type SearchMode,
} from '@threadline/server/knowledge';
import { START_OPTIONS, startOverrides, UsageError } from '../cli-args.js';
import { loadConfig } from '../config.js';
import { createKnowledgeBase } from '../knowledge/knowledge-base.js';
import { KbProgress } from './kb-progress.js';

export const KB_USAGE = `Usage: threadline kb <command> [options]

Commands:
  add <paths|urls…>   Ingest files, folders (recursively) and http(s) URLs.
                      Options: --collection <name> (default "docs"), --user <id> [--org <id>]
                      (a private collection of that user; public otherwise)
  list                Collections with their document and chunk counts; with --collection, its documents
  remove              --collection <name>: delete the collection; with <sources|document ids…>: delete those documents
  search "<query>"    Ranked passages with scores. Options: --collection <name> (repeatable),
                      --user <id> [--org <id>] (search as that user), --mode keyword|vector|hybrid, --limit <n>, --json

Every command takes --config <file>. Markdown, text, HTML, PDF and DOCX are supported.
`;

const OPTIONS = {
  config: START_OPTIONS.config,
  collection: { type: 'string', multiple: true },
  user: { type: 'string' },
  org: { type: 'string' },
  mode: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const isUrl = (value: string): boolean => /^https?:\/\//i.test(value);

/** Files under `path` with a supported extension (dot folders and node_modules skipped). */
async function collectFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [resolve(path)];
  const out: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await collectFiles(full)));
    else if (
      entry.isFile() &&
      SUPPORTED_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))
    ) {
      out.push(resolve(full));
    }
  }
  return out.sort();
}

async function ingestUrl(kb: KnowledgeBase, collection: Collection, url: string) {
  const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const mimeType = response.headers.get('content-type') ?? undefined;
  if (!detectFormat(url, mimeType))
    throw new Error(`unsupported content type ${mimeType ?? '(none)'}`);
  const modified = response.headers.get('last-modified');
  return kb.ingest(collection.id, {
    source: url,
    bytes: new Uint8Array(await response.arrayBuffer()),
    mimeType,
    updatedAt: modified ? new Date(modified) : undefined,
  });
}

async function add(kb: KnowledgeBase, positionals: string[], values: KbValues): Promise<void> {
  if (positionals.length === 0) throw new UsageError('kb add: give at least one path or URL');
  const owner = values.user ? { userId: values.user, tenantId: values.org ?? null } : null;
  const name = values.collection?.[0] ?? 'docs';
  const sources: string[] = [];
  for (const item of positionals) {
    if (isUrl(item)) sources.push(item);
    else {
      try {
        sources.push(...(await collectFiles(item)));
      } catch {
        throw new UsageError(`kb add: cannot read ${item}`);
      }
    }
  }
  const collection = await kb.ensureCollection({ name, owner });
  const progress = new KbProgress(sources.length);
  const counts = { added: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const source of sources) {
    try {
      const result = isUrl(source)
        ? await ingestUrl(kb, collection, source)
        : await kb.ingestFile(collection.id, source);
      counts[result.status]++;
      progress.fileDone(source, result);
    } catch (error) {
      counts.failed++;
      progress.fileFailed(source, (error as Error).message);
    }
  }
  const t = progress.totals;
  process.stdout.write(
    `Collection "${collection.name}" (${collection.visibility}${owner ? ` to ${owner.userId}` : ''}): ` +
      `${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed; ` +
      `${t.chunks} chunks, ${t.embedded} embedded, ${t.cached} from cache, in ${t.seconds.toFixed(1)}s\n`,
  );
  if (counts.failed > 0) process.exitCode = 1;
}

async function findCollection(
  kb: KnowledgeBase,
  name: string,
  values: KbValues,
): Promise<Collection> {
  const owner = values.user ? { userId: values.user, tenantId: values.org ?? null } : 'admin';
  const found = await kb.findCollection(name, owner);
  if (!found) throw new UsageError(`kb: no collection "${name}"`);
  return found;
}

async function list(kb: KnowledgeBase, values: KbValues): Promise<void> {
  if (values.collection?.[0]) {
    const collection = await findCollection(kb, values.collection[0], values);
    for (const d of await kb.listDocuments(collection.id)) {
      process.stdout.write(
        `${d.id}  ${String(d.chunkCount).padStart(5)} chunks  ${d.updatedAt}  ${d.title}  (${d.source})\n`,
      );
    }
    return;
  }
  const collections = await kb.listCollections('admin');
  if (collections.length === 0)
    process.stdout.write('No collections yet: threadline kb add <paths…>\n');
  for (const c of collections) {
    const documents = await kb.listDocuments(c.id);
    const chunks = documents.reduce((sum, d) => sum + d.chunkCount, 0);
    const access =
      c.visibility === 'public'
        ? `public${c.tenantId ? ` (org ${c.tenantId})` : ''}`
        : `private to ${c.owner?.userId}${c.owner?.tenantId ? ` (org ${c.owner.tenantId})` : ''}`;
    process.stdout.write(
      `${c.name}  ${access}  ${documents.length} documents  ${chunks} chunks  ${c.id}\n`,
    );
  }
}

async function remove(kb: KnowledgeBase, positionals: string[], values: KbValues): Promise<void> {
  const name = values.collection?.[0];
  if (!name) throw new UsageError('kb remove: --collection <name> is required');
  const collection = await findCollection(kb, name, values);
  if (positionals.length === 0) {
    await kb.deleteCollection(collection.id);
    process.stdout.write(`Removed collection "${collection.name}"\n`);
    return;
  }
  const documents = await kb.listDocuments(collection.id);
  for (const target of positionals) {
    const absolute = isUrl(target) ? target : resolve(target);
    const document = documents.find(
      (d) => d.id === target || d.source === target || d.source === absolute,
    );
    if (!document)
      throw new UsageError(`kb remove: no document "${target}" in "${collection.name}"`);
    await kb.deleteDocument(document.id);
    process.stdout.write(`Removed ${document.source}\n`);
  }
}

async function search(kb: KnowledgeBase, positionals: string[], values: KbValues): Promise<void> {
  const query = positionals.join(' ').trim();
  if (query === '') throw new UsageError('kb search: give a query');
  const mode = values.mode as SearchMode | undefined;
  if (mode && !['keyword', 'vector', 'hybrid'].includes(mode)) {
    throw new UsageError('kb search: --mode is keyword, vector or hybrid');
  }
  const limit = values.limit === undefined ? 5 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new UsageError('kb search: --limit is 1 to 100');
  const owner = values.user ? { userId: values.user, tenantId: values.org ?? null } : 'admin';
  const passages = await kb.search(query, { owner, collections: values.collection, mode, limit });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(passages, null, 2)}\n`);
    return;
  }
  if (passages.length === 0) process.stdout.write('No passages found.\n');
  passages.forEach((p, i) => {
    const text = p.text.replace(/\s+/g, ' ');
    process.stdout.write(
      `${i + 1}. [${p.score.toFixed(4)}] ${p.title}${p.section ? ` — ${p.section}` : ''}\n` +
        `   ${p.source}  (${p.collectionName}, ${p.id})\n   ${text.length > 240 ? `${text.slice(0, 240)}…` : text}\n`,
    );
  });
}

interface KbValues {
  config?: string | undefined;
  collection?: string[] | undefined;
  user?: string | undefined;
  org?: string | undefined;
  mode?: string | undefined;
  limit?: string | undefined;
  json?: boolean | undefined;
  help?: boolean | undefined;
}

/** Runs `threadline kb …` (argv after `kb`). */
export async function runKb(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  if (!command || command === 'help' || values.help) {
    process.stdout.write(KB_USAGE);
    return;
  }
  if (!['add', 'list', 'remove', 'search'].includes(command)) {
    throw new UsageError(`unknown kb command "${command}"\n\n${KB_USAGE}`);
  }
  const config = loadConfig(startOverrides({ config: values.config }));
  const kb = createKnowledgeBase(config);
  try {
    if (command === 'add') await add(kb, positionals, values);
    else if (command === 'list') await list(kb, values);
    else if (command === 'remove') await remove(kb, positionals, values);
    else await search(kb, positionals, values);
  } finally {
    await kb.close();
  }
}
