/**
 * @module Knowledge base: collections of documents (Markdown, text, HTML, PDF, DOCX) chunked by
 * structure and searched by BM25, by vectors from any OpenAI-compatible `/embeddings` endpoint,
 * or both fused by reciprocal rank. Storage: SQLite (FTS5 + `sqlite-vec`) or PostgreSQL
 * (`tsvector` + pgvector when installed, exact search otherwise). Needs the optional peers of the
 * backend and formats it uses: `better-sqlite3` + `sqlite-vec`, or `pg`; `unpdf` (PDF),
 * `mammoth` (DOCX), `htmlparser2` (HTML and DOCX).
 */
export {
  KnowledgeBase,
  type CreateCollectionOptions,
  type IngestInput,
  type IngestProgress,
  type IngestResult,
  type KnowledgeBaseOptions,
  type Reranker,
  type SearchOptions,
} from './knowledge-base.js';
export type {
  Chunk,
  Collection,
  CollectionVisibility,
  KnowledgeDocument,
  Passage,
  SearchFilter,
  SearchMode,
} from './types.js';
export { canRead } from './access.js';
export { chunkBlocks, type ChunkingOptions, type DraftChunk } from './chunker.js';
export { reciprocalRankFusion, RRF_K } from './fusion.js';
export { queryTerms } from './query-terms.js';
export type { Block, LoadedDocument } from './loaders/blocks.js';
export {
  detectFormat,
  loadDocument,
  SUPPORTED_EXTENSIONS,
  type DocumentFormat,
} from './loaders/load-document.js';
export { loadMarkdown } from './loaders/markdown.js';
export { loadText } from './loaders/text.js';
export { loadHtml } from './loaders/html.js';
export { loadPdf } from './loaders/pdf.js';
export { loadDocx } from './loaders/docx.js';
export { normalize, type Embedder } from './embeddings/embedder.js';
export {
  EmbeddingError,
  OpenAIEmbedder,
  type OpenAIEmbedderOptions,
} from './embeddings/openai-embedder.js';
export type { KnowledgeBackend, PassageRow, RankedId } from './backends/backend.js';
export {
  SqliteKnowledgeBackend,
  type SqliteKnowledgeBackendOptions,
} from './backends/sqlite-backend.js';
export {
  PostgresKnowledgeBackend,
  type PostgresKnowledgeBackendOptions,
  type SqlQueryable,
} from './backends/postgres-backend.js';
export { KnowledgeCitations, passageSource, quote } from './citations.js';
export {
  citationsFor,
  runKnowledgeSearch,
  SEARCH_KNOWLEDGE_TOOL_NAME,
  SearchKnowledgeParameters,
  type SearchKnowledgeOptions,
  type SearchKnowledgePassage,
} from './search-tool.js';
export { documentEntity } from './entities.js';
