import { sampleWav, startFakeModelServer, type FakeModelServer } from '@threadline/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { JWT_SECRET } from '../helpers/tokens.js';
import { httpCall } from './http-client.js';

describe('input.transcribe against an OpenAI-compatible transcription endpoint', () => {
  let fake: FakeModelServer;
  let server: ChildServer;

  beforeAll(async () => {
    fake = await startFakeModelServer([], { transcript: 'Book a table for two.' });
    await ensureBuilt();
    server = await startChildServer({
      THREADLINE_AUTH: 'jwt',
      JWT_SECRET,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      THREADLINE_MODEL_PROVIDER: 'openai-chat',
      THREADLINE_TRANSCRIBE_MODEL: 'whisper-test',
      THREADLINE_TRANSCRIBE_MAX_SECONDS: '2',
      THREADLINE_TRANSCRIBE_MAX_BYTES: '200000',
      MAX_BODY_BYTES: '4194304',
      CHATKIT_UPLOAD_STRATEGY: 'disabled',
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  const transcribe = (audio: Buffer, mimeType: string) =>
    httpCall(server.url)('lea', {
      type: 'input.transcribe',
      params: { audio_base64: audio.toString('base64'), mime_type: mimeType },
    });

  it('sends the recording to the endpoint and returns its text', async () => {
    const wav = sampleWav(0.5);
    const res = await transcribe(wav, 'audio/wav');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: 'Book a table for two.' });
    expect(fake.transcriptions).toHaveLength(1);
    const [sent] = fake.transcriptions;
    expect(sent!.fields.model).toBe('whisper-test');
    expect(sent!.filename).toBe('recording.wav');
    expect(sent!.file.equals(wav)).toBe(true);
  });

  it('refuses too long or too large a recording with 413, without calling the endpoint', async () => {
    const long = await transcribe(sampleWav(3), 'audio/wav');
    expect(long.status).toBe(413);
    expect(JSON.stringify(await long.json())).toContain('the limit is 2 s');
    const big = await transcribe(Buffer.alloc(250_000, 1), 'audio/webm;codecs=opus');
    expect(big.status).toBe(413);
    expect(JSON.stringify(await big.json())).toContain('the limit is 200000 bytes');
    expect(fake.transcriptions).toHaveLength(1);
  });
});
