// The audio encoding of `input.transcribe`, checked byte for byte by the SDK's own decoder over HTTP.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioInput } from '../../../server/src/protocol/index.js';
import {
  DictationError,
  encodeBase64,
  startDictation,
  transcribe,
} from '../../src/dictation/index.js';
import {
  postRequest,
  startChatKitTestApp,
  type ChatKitTestApp,
} from '../helpers/chatkit-test-app.js';

describe('encodeBase64', () => {
  it('matches the standard alphabet with padding at every length', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 1000, 0x8000, 0x8001, 300_001]) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(encodeBase64(bytes), `length ${length}`).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('transcribe over HTTP', () => {
  let app: ChatKitTestApp;
  const received: AudioInput[] = [];
  beforeAll(async () => {
    app = await startChatKitTestApp({
      hooks: {
        transcribe: async (audio) => {
          received.push(audio);
          return { text: `heard ${audio.data.length} bytes of ${audio.media_type}` };
        },
      },
    });
  });
  afterAll(() => app.stop());

  it('sends base64 audio with its MIME type and returns the text', async () => {
    const audio = new Uint8Array(randomBytes(123_457));
    const text = await transcribe(
      postRequest(app.url),
      new Blob([audio], { type: 'audio/webm;codecs=opus' }),
      'audio/webm;codecs=opus',
    );
    expect(text).toBe('heard 123457 bytes of audio/webm');
    expect(received).toHaveLength(1);
    expect(received[0]!.mime_type).toBe('audio/webm;codecs=opus');
    expect(new Uint8Array(received[0]!.data)).toEqual(audio);
    expect(app.requests.at(-1)).toEqual({
      type: 'input.transcribe',
      params: {
        audio_base64: Buffer.from(audio).toString('base64'),
        mime_type: 'audio/webm;codecs=opus',
      },
    });
  });

  it('sends nothing for an empty recording', async () => {
    const before = app.requests.length;
    expect(await transcribe(postRequest(app.url), new Blob([]), 'audio/webm')).toBe('');
    expect(app.requests).toHaveLength(before);
  });

  it('reports a failed request as a DictationError', async () => {
    const error = await transcribe(
      () => Promise.reject(new Error('HTTP 500')),
      new Blob([new Uint8Array(10)]),
      'audio/ogg',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DictationError);
    expect(error).toMatchObject({ code: 'failed', reason: 'Dictation failed' });
  });
});

describe('startDictation without a microphone API', () => {
  it('says dictation is not supported (Node has no MediaRecorder)', async () => {
    const sent: unknown[] = [];
    const dictation = startDictation({ request: async (body) => sent.push(body) });
    await expect(dictation.ready).rejects.toMatchObject({
      code: 'unsupported',
      reason: 'Dictation is not supported in this browser',
    });
    await expect(dictation.stop()).rejects.toMatchObject({ code: 'unsupported' });
    dictation.cancel();
    expect(sent).toEqual([]);
  });
});
