import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../src/index.js';
import { MemoryStore } from '../../src/stores/memory/index.js';
import { RecordingAttachmentStore } from '../helpers/attachment-store.js';
import {
  CONTEXT,
  json,
  ScriptedServer,
  textInput,
  type TestContext,
} from '../helpers/make-server.js';

class LimitedAttachments extends RecordingAttachmentStore<TestContext> {
  override readonly maxAttachmentsPerMessage = 2;
}

describe('attachments per message (issue #3 limits)', () => {
  it('refuses a message with more attachments than the store allows, before any stream', async () => {
    const store = new MemoryStore<TestContext>();
    const server = new ScriptedServer({}, store, new LimitedAttachments());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await json<{ id: string }>(server, {
        type: 'attachments.create',
        params: { name: `f${i}.txt`, size: 1, mime_type: 'text/plain' },
      });
      ids.push(created.id);
    }
    const request = (attachments: string[]) =>
      server.process(
        JSON.stringify({
          type: 'threads.create',
          params: { input: textInput('x', { attachments }) },
        }),
        CONTEXT,
      );

    const rejected = request(ids);
    await expect(rejected).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(rejected).rejects.toMatchObject({
      issues: [{ path: 'params.input.attachments' }],
    });
    expect((await store.loadThreads(10, null, 'desc', CONTEXT)).data).toEqual([]);

    // The same id twice counts once; two distinct ids are within the limit.
    await expect(request([ids[0]!, ids[0]!, ids[1]!])).resolves.toMatchObject({ kind: 'stream' });
  });
});
