import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (content hashes of documents, chunks and embedding inputs). */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
