import { SqliteKnowledgeBackend } from '@threadline/server/knowledge';
import { knowledgeBaseContract } from './knowledge-base-contract.js';

knowledgeBaseContract('SQLite', async (vectors) => new SqliteKnowledgeBackend({ vectors }));
