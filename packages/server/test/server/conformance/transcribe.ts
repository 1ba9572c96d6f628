import { describe, expect, it, vi } from 'vitest';
import { InvalidRequestError, NotImplementedError } from '../../../src/index.js';
import type { AudioInput } from '../../../src/protocol/index.js';
import type { TestContext } from '../../helpers/make-server.js';
import type { HarnessAccessor } from './harness.js';

const AUDIO = new Uint8Array([0, 1, 2, 127, 128, 250, 255]);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

const transcribe = (audio: string, mimeType: string) => ({
  type: 'input.transcribe',
  params: { audio_base64: audio, mime_type: mimeType },
});

export function transcribeSuite(h: HarnessAccessor): void {
  describe('input.transcribe (§2.16)', () => {
    // §11.1 #45
    it('decodes the base64 audio, normalizes the media type and passes the context', async () => {
      const t = h();
      const calls: [AudioInput, TestContext][] = [];
      const server = t.server({
        async transcribe(audio, context) {
          calls.push([audio, context]);
          return { text: 'ok' };
        },
      });
      const body = await t.body(server, transcribe(base64(AUDIO), 'audio/webm;codecs=opus'));
      expect(body).toBe('{"text":"ok"}');
      expect(calls).toHaveLength(1);
      const [audio, context] = calls[0]!;
      expect(audio.data).toBeInstanceOf(Uint8Array);
      expect([...audio.data]).toEqual([...AUDIO]);
      expect(audio.mime_type).toBe('audio/webm;codecs=opus');
      expect(audio.media_type).toBe('audio/webm');
      expect(context).toBe(t.ctx);
      expect(t.calls).toEqual([]);
    });

    it('keeps a media type without parameters and tolerates whitespace in the base64', async () => {
      const t = h();
      const audios: AudioInput[] = [];
      const server = t.server({
        async transcribe(audio) {
          audios.push(audio);
          return { text: '' };
        },
      });
      const encoded = base64(AUDIO);
      const wrapped = `${encoded.slice(0, 4)}\n${encoded.slice(4)}\n`;
      expect(await t.json(server, transcribe(wrapped, 'audio/mp4'))).toEqual({ text: '' });
      expect(audios[0]?.media_type).toBe('audio/mp4');
      expect([...audios[0]!.data]).toEqual([...AUDIO]);
    });

    it('rejects invalid base64 with InvalidRequestError naming the field', async () => {
      const t = h();
      const hook = vi.fn(async () => ({ text: 'never' }));
      const server = t.server({ transcribe: hook });
      // Unpadded base64 too: Python's b64decode refuses it, although atob() accepts it.
      for (const bad of ['not base64 at all!', 'AAEC/w', 'AAE']) {
        const error = await server
          .process(JSON.stringify(transcribe(bad, 'audio/ogg')), t.ctx)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidRequestError);
        expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual([
          'params.audio_base64',
        ]);
      }
      expect(hook).not.toHaveBeenCalled();
    });

    it('propagates the default NotImplementedError', async () => {
      const t = h();
      const server = t.server();
      await expect(
        server.process(JSON.stringify(transcribe(base64(AUDIO), 'audio/webm')), t.ctx),
      ).rejects.toThrow(NotImplementedError);
    });
  });
}
