import {
  SAMPLE_PNG,
  samplePdf,
  sampleWav,
  startFakeModelServer,
  type FakeModelServer,
  type FakeRequest,
} from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { readEvents, streamedText, threadIdOf, userInput } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

const PDF = samplePdf(['Quarterly revenue grew 12%']);
const PDF_DATA_URL = `data:application/pdf;base64,${PDF.toString('base64')}`;
const PNG_DATA_URL = `data:image/png;base64,${SAMPLE_PNG.toString('base64')}`;
const NOTES = 'Meeting notes: ship on Friday.';

/** The content parts of every user message of a request, whatever the API's shape. */
function userParts(request: FakeRequest): Record<string, unknown>[] {
  const messages = (request.body.input ?? request.body.messages ?? []) as {
    role?: string;
    content?: unknown;
  }[];
  return messages
    .filter((m) => m.role === 'user')
    .flatMap((m) =>
      typeof m.content === 'string'
        ? [{ type: 'text', text: m.content }]
        : (m.content as Record<string, unknown>[]),
    );
}

const textOf = (part: Record<string, unknown>): string =>
  typeof part.text === 'string' ? part.text : '';

const TAG = {
  type: 'input_tag',
  id: 'acct_7',
  text: 'Acme Corp',
  data: { plan: 'gold' },
  group: 'Accounts',
  interactive: false,
};

// PDFs go as file input on Responses and Anthropic, as extracted text on an OpenAI-compatible
// Chat server.
describe.each(['openai-responses', 'openai-chat', 'anthropic'] as const)(
  'attachments and @-mentions reach a real model (%s)',
  (provider) => {
    let fake: FakeModelServer;
    let server: ChildServer;

    beforeAll(async () => {
      fake = await startFakeModelServer(() => ({ text: 'Answered.' }));
      await ensureBuilt();
      server = await startChildServer({
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        ...(provider === 'anthropic'
          ? { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: fake.url }
          : { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseURL }),
        THREADLINE_MODEL_PROVIDER: provider,
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      });
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await fake?.close();
    });

    const upload = async (bytes: Uint8Array, name: string, type: string): Promise<string> => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      const res = await fetch(`${server.url}/chatkit/upload`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${await jwtFor('ada')}` },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };

    it('sends an image, a PDF, a text file and a tag, and keeps answering follow-ups', async () => {
      const ids = [
        await upload(SAMPLE_PNG, 'dot.png', 'image/png'),
        await upload(PDF, 'report.pdf', 'application/pdf'),
        await upload(Buffer.from(NOTES), 'notes.txt', 'text/plain'),
        await upload(sampleWav(0.1), 'memo.wav', 'audio/wav'),
      ];
      const call = httpCall(server.url);
      const first = await readEvents(
        await call('ada', {
          type: 'threads.create',
          params: {
            input: {
              content: [{ type: 'input_text', text: 'Summarize these for ' }, TAG],
              attachments: ids,
              inference_options: {},
            },
          },
        }),
      );
      expect(first.filter((e) => e.type === 'error')).toEqual([]);
      expect(streamedText(first)).toBe('Answered.');
      // The one file the model cannot take is named to the user, and the turn still runs.
      expect(first.filter((e) => e.type === 'notice')).toEqual([
        {
          type: 'notice',
          level: 'warning',
          message: 'The assistant could not read **memo.wav**: its file type is not supported.',
        },
      ]);

      const parts = userParts(fake.requests.at(-1)!);
      const texts = parts.map(textOf).join('\n');
      expect(texts).toContain('Summarize these for @Acme Corp');
      expect(texts).toContain(
        '<Tag id="acct_7" label="Acme Corp" group="Accounts">\n{"plan":"gold"}\n</Tag>',
      );
      expect(texts).toContain(`<File name="notes.txt">\n${NOTES}\n</File>`);
      expect(texts).toContain(
        '[The user attached "memo.wav" (audio/wav), which this assistant cannot read: the file type is not supported.]',
      );
      if (provider === 'openai-responses') {
        expect(parts).toContainEqual({
          type: 'input_image',
          image_url: PNG_DATA_URL,
          detail: 'auto',
        });
        expect(parts).toContainEqual({
          type: 'input_file',
          file_data: PDF_DATA_URL,
          filename: 'report.pdf',
        });
      } else if (provider === 'anthropic') {
        expect(fake.requests.at(-1)!.path).toBe('/v1/messages');
        expect(parts).toContainEqual({
          type: 'image',
          source: { type: 'base64', media_type: 'image/png', data: SAMPLE_PNG.toString('base64') },
        });
        expect(parts).toContainEqual({
          type: 'document',
          source: { type: 'base64', media_type: 'application/pdf', data: PDF.toString('base64') },
          title: 'report.pdf',
        });
      } else {
        expect(parts).toContainEqual({
          type: 'image_url',
          image_url: { url: PNG_DATA_URL, detail: 'auto' },
        });
        expect(texts).toContain('<File name="report.pdf">\nQuarterly revenue grew 12%\n</File>');
        expect(JSON.stringify(parts)).not.toContain('application/pdf;base64');
      }

      const threadId = threadIdOf(first);
      for (const text of ['Thanks! And the totals?', 'One more question']) {
        const before = fake.requests.length;
        const next = await readEvents(
          await call('ada', {
            type: 'threads.add_user_message',
            params: { thread_id: threadId, input: userInput(text) },
          }),
        );
        expect(next.filter((e) => e.type === 'error' || e.type === 'notice')).toEqual([]);
        expect(streamedText(next)).toBe('Answered.');
        expect(fake.requests.length).toBe(before + 1);
        // The history still carries the earlier attachments, and the new message.
        const history = JSON.stringify(userParts(fake.requests.at(-1)!));
        expect(history).toContain(SAMPLE_PNG.toString('base64'));
        expect(history).toContain(NOTES);
        expect(history).toContain(text);
      }
    });
  },
);
