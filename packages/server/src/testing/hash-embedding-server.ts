import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running local embeddings server (OpenAI-compatible `POST /v1/embeddings`). */
export interface HashEmbeddingServer {
  readonly url: string;
  /** `url + '/v1'`: the embedder's `baseURL`. */
  readonly baseURL: string;
  readonly dimensions: number;
  /** Embedding requests received (including refused ones) and the inputs they carried. */
  readonly requests: Array<{ inputs: number; status: number }>;
  /** Answers the next `count` requests with HTTP 429 (and `Retry-After: 0`). */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** FNV-1a 32-bit: a fixed, fast hash so vectors are identical across runs and machines. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic embedding that is honestly lexical: signed feature hashing of lower-cased word
 * unigrams, word bigrams and character 4-grams of words (so `install`/`installing` overlap). It
 * knows no synonyms; it stands in for a model in tests, not for semantics.
 */
export function hashEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number): void => {
    const hash = fnv1a(feature);
    vector[hash % dimensions]! += hash & 0x80000000 ? -weight : weight;
  };
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  words.forEach((word, index) => {
    add(`w:${word}`, 1);
    if (index > 0) add(`b:${words[index - 1]} ${word}`, 0.5);
    const padded = `^${word}$`;
    for (let i = 0; i + 4 <= padded.length; i++) add(`c:${padded.slice(i, i + 4)}`, 0.25);
  });
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Starts a local `/v1/embeddings` server answering with {@link hashEmbedding} vectors. */
export async function startHashEmbeddingServer(
  options: { dimensions?: number } = {},
): Promise<HashEmbeddingServer> {
  const dimensions = options.dimensions ?? 256;
  const requests: Array<{ inputs: number; status: number }> = [];
  let failures = 0;
  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        send(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
        return;
      }
      const body = JSON.parse(await readBody(req)) as { input?: string | string[]; model?: string };
      const inputs = typeof body.input === 'string' ? [body.input] : (body.input ?? []);
      if (failures > 0) {
        failures--;
        requests.push({ inputs: inputs.length, status: 429 });
        send(
          res,
          429,
          { error: { message: 'Rate limit', type: 'rate_limit_exceeded' } },
          { 'retry-after': '0' },
        );
        return;
      }
      requests.push({ inputs: inputs.length, status: 200 });
      send(res, 200, {
        object: 'list',
        model: body.model ?? 'hash',
        data: inputs.map((input, index) => ({
          object: 'embedding',
          index,
          embedding: hashEmbedding(input, dimensions),
        })),
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    })().catch((error: unknown) => send(res, 400, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    dimensions,
    requests,
    failNext(count) {
      failures = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
