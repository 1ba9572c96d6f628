import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../src/index.js';
import { REQUEST_TYPES } from '../../src/protocol/index.js';
import { parseRequest } from '../../src/server/parse-request.js';
import { makeServer } from '../helpers/make-server.js';

const encoder = new TextEncoder();
const input = {
  content: [{ type: 'input_text', text: 'hi' }],
  attachments: [],
  inference_options: {},
};

/** Runs `parseRequest` and returns the `InvalidRequestError` it must throw. */
function rejection(body: Parameters<typeof parseRequest>[0]): InvalidRequestError {
  try {
    parseRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error(`Expected ${JSON.stringify(body)} to be rejected`);
}

const paths = (error: InvalidRequestError) => error.issues.map((issue) => issue.path);

describe('request parsing (§1.4; deviation: InvalidRequestError with field paths)', () => {
  describe('body', () => {
    it('rejects malformed JSON', () => {
      expect(rejection('{"type": "threads.list", ').message).toBe('Request body is not valid JSON');
    });

    it('rejects bytes that are not UTF-8', () => {
      expect(rejection(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).message).toBe(
        'Request body is not valid UTF-8',
      );
    });

    it.each(['[]', '42', 'null', '"threads.list"', 'true'])(
      'rejects the non-object body %s',
      (body) => {
        expect(rejection(body).message).toMatch(/must be a JSON object/);
      },
    );

    it('accepts text, bytes, an ArrayBuffer and an already-parsed object alike', () => {
      const body = { type: 'threads.list', params: {} };
      const text = JSON.stringify(body);
      const bytes = encoder.encode(text);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      for (const form of [text, bytes, buffer, body]) {
        expect(parseRequest(form)).toEqual({
          type: 'threads.list',
          params: { order: 'desc' },
          metadata: {},
        });
      }
    });
  });

  describe('type', () => {
    it('rejects a missing type, naming the field', () => {
      const error = rejection({ params: {} });
      expect(error.message).toBe('Request "type" is missing');
      expect(paths(error)).toEqual(['type']);
    });

    it('rejects a non-string type', () => {
      expect(paths(rejection({ type: 7, params: {} }))).toEqual(['type']);
    });

    it('rejects an unknown type and lists every valid one', () => {
      const error = rejection({ type: 'threads.cancel', params: {} });
      expect(error.message).toBe('Unknown request type "threads.cancel"');
      expect(paths(error)).toEqual(['type']);
      expect(REQUEST_TYPES).toHaveLength(16);
      for (const type of REQUEST_TYPES) expect(error.issues[0]?.message).toContain(type);
    });
  });

  describe('params', () => {
    it('rejects missing params, even for an op whose params are all optional', () => {
      for (const type of ['threads.list', 'threads.create']) {
        const error = rejection({ type });
        expect(paths(error)).toEqual(['params']);
        expect(error.message).toMatch(new RegExp(`^Invalid ${type} request: params: `));
      }
    });

    it('names the path of an invalid nested field', () => {
      const error = rejection({
        type: 'threads.create',
        params: { input: { ...input, content: [{ type: 'input_video', url: 'x' }] } },
      });
      expect(paths(error)).toEqual(['params.input.content[0].type']);
      expect(error.message).toMatch(
        /^Invalid threads\.create request: params\.input\.content\[0\]\.type: /,
      );
    });

    it('names every invalid field', () => {
      const error = rejection({
        type: 'items.feedback',
        params: { thread_id: '', item_ids: 'msg_1', kind: 'meh' },
      });
      expect(paths(error).sort()).toEqual(['params.item_ids', 'params.kind', 'params.thread_id']);
    });

    it('accepts result: null for add_client_tool_output but rejects a missing result', () => {
      expect(
        parseRequest({
          type: 'threads.add_client_tool_output',
          params: { thread_id: 'thr_1', result: null },
        }),
      ).toMatchObject({ params: { thread_id: 'thr_1', result: null } });
      for (const result of [0, false, '', [], { nested: { deep: true } }]) {
        expect(
          parseRequest({
            type: 'threads.add_client_tool_output',
            params: { thread_id: 'thr_1', result },
          }),
        ).toMatchObject({ params: { result } });
      }
      const error = rejection({
        type: 'threads.add_client_tool_output',
        params: { thread_id: 'thr_1' },
      });
      expect(paths(error)).toEqual(['params.result']);
    });

    it('ignores unknown top-level and params fields', () => {
      const parsed = parseRequest({
        type: 'threads.get_by_id',
        params: { thread_id: 'thr_1', include_everything: true },
        metadata: { locale: 'fr' },
        extra: 1,
      });
      expect(parsed).toEqual({
        type: 'threads.get_by_id',
        params: { thread_id: 'thr_1' },
        metadata: { locale: 'fr' },
      });
    });

    it('fills defaults: order desc, metadata {}, structured-input answers', () => {
      expect(parseRequest({ type: 'items.list', params: { thread_id: 'thr_1' } })).toEqual({
        type: 'items.list',
        params: { thread_id: 'thr_1', order: 'desc' },
        metadata: {},
      });
      expect(
        parseRequest({
          type: 'threads.add_structured_input',
          params: { thread_id: 'thr_1', item_id: 'si_1', input: { answers: { q: {} } } },
        }),
      ).toMatchObject({
        params: { input: { status: 'answered', answers: { q: { values: [], skipped: false } } } },
      });
    });

    it('accepts limits from 0 to 1000 and null, and rejects anything else', () => {
      for (const limit of [0, 1, 1000, null]) {
        expect(parseRequest({ type: 'threads.list', params: { limit } })).toMatchObject({
          params: { limit },
        });
      }
      for (const limit of [1001, -1, 2.5, '20']) {
        expect(paths(rejection({ type: 'threads.list', params: { limit } }))).toEqual([
          'params.limit',
        ]);
        expect(
          paths(rejection({ type: 'items.list', params: { thread_id: 'thr_1', limit } })),
        ).toEqual(['params.limit']);
      }
    });

    it('rejects an unknown order', () => {
      expect(paths(rejection({ type: 'threads.list', params: { order: 'newest' } }))).toEqual([
        'params.order',
      ]);
    });
  });

  describe('through process()', () => {
    it('throws InvalidRequestError from process() before anything else happens', async () => {
      const { server } = makeServer();
      await expect(server.process('not json', { userId: 'u' })).rejects.toThrow(
        InvalidRequestError,
      );
      const error = await server
        .process({ type: 'threads.update', params: { thread_id: 'thr_1' } }, { userId: 'u' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(paths(error as InvalidRequestError)).toEqual(['params.title']);
    });
  });
});
