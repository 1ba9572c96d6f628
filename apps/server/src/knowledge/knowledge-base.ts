import { z } from 'zod';
import {
  KnowledgeBase,
  OpenAIEmbedder,
  PostgresKnowledgeBackend,
  SqliteKnowledgeBackend,
} from '@threadline/server/knowledge';
import { ConfigError, processEnv, type AppConfig } from '../config.js';

/** The knowledge base's own settings (embeddings); storage follows the app's store. */
const KnowledgeEnvSchema = z.object({
  THREADLINE_EMBEDDINGS_BASE_URL: z.url().optional(),
  THREADLINE_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  THREADLINE_EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  THREADLINE_EMBEDDINGS_DIMENSIONS: z
    .string()
    .regex(/^\d+$/, 'expected a positive integer')
    .transform(Number)
    .optional(),
});

const blankToUndefined = (
  env: Record<string, string | undefined>,
): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v?.trim() === '' ? undefined : v]));

/** The embedder the settings describe, or undefined (keyword search only). */
export function embedderFromEnv(
  env: Record<string, string | undefined> = processEnv(),
): OpenAIEmbedder | undefined {
  const parsed = KnowledgeEnvSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`),
    );
  }
  const s = parsed.data;
  if (!s.THREADLINE_EMBEDDINGS_BASE_URL) return undefined;
  if (!s.THREADLINE_EMBEDDINGS_MODEL) {
    throw new ConfigError([
      'THREADLINE_EMBEDDINGS_MODEL: required with THREADLINE_EMBEDDINGS_BASE_URL',
    ]);
  }
  return new OpenAIEmbedder({
    baseURL: s.THREADLINE_EMBEDDINGS_BASE_URL,
    model: s.THREADLINE_EMBEDDINGS_MODEL,
    apiKey: s.THREADLINE_EMBEDDINGS_API_KEY,
    dimensions: s.THREADLINE_EMBEDDINGS_DIMENSIONS,
  });
}

/**
 * The app's knowledge base: tables next to the thread store's (same SQLite file or PostgreSQL
 * schema, prefix `<store prefix>kb_`), vectors when an embeddings endpoint is configured.
 */
export function createKnowledgeBase(
  config: AppConfig,
  env: Record<string, string | undefined> = processEnv(),
): KnowledgeBase {
  const embedder = embedderFromEnv(env);
  const store = config.store;
  const tablePrefix = `${store.tablePrefix}kb_`;
  const backend =
    store.kind === 'postgres'
      ? new PostgresKnowledgeBackend({
          connectionString: store.connectionString,
          schema: store.schema,
          tablePrefix,
        })
      : new SqliteKnowledgeBackend({
          path: store.path,
          tablePrefix,
          vectors: embedder !== undefined,
        });
  return new KnowledgeBase({ backend, embedder });
}
