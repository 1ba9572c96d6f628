import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors.js';
import type { ThreadItem } from '../../../src/protocol/items.js';
import type { Thread } from '../../../src/protocol/thread.js';
import {
  ALICE,
  assistantMessage,
  at,
  fileAttachment,
  hiddenContext,
  ids,
  imageAttachment,
  makeThread,
  toolCall,
  userMessage,
  widgetItem,
} from '../fixtures.js';
import type { CurrentStore } from '../store-contract.js';

/** Save/load/update/delete of threads, items and attachments; values round-trip (§11.2 1–7, 11, 12). */
export function describeCrud(current: CurrentStore): void {
  describe('threads, items and attachments (§11.2)', () => {
    it('saves and loads thread metadata', async () => {
      const thread = makeThread('thr_1');
      await current().saveThread(thread, ALICE);
      expect(await current().loadThread('thr_1', ALICE)).toStrictEqual(thread);
    });

    it('saves and loads a thread with a null title', async () => {
      const thread = makeThread('thr_1', at(0), null);
      await current().saveThread(thread, ALICE);
      expect(await current().loadThread('thr_1', ALICE)).toStrictEqual(thread);
    });

    it('updates the title and overwrites metadata on save', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      const updated = {
        ...makeThread('thr_1'),
        title: 'Renamed',
        status: { type: 'locked' as const, reason: 'read only' },
        metadata: { replaced: true },
      };
      await current().saveThread(updated, ALICE);
      expect(await current().loadThread('thr_1', ALICE)).toStrictEqual(updated);
    });

    it('persists metadata fields only when given a Thread with items', async () => {
      const thread: Thread = {
        ...makeThread('thr_1'),
        items: { data: [assistantMessage('thr_1', 'msg_1')], has_more: false },
      };
      await current().saveThread(thread, ALICE);
      expect(await current().loadThread('thr_1', ALICE)).toStrictEqual(makeThread('thr_1'));
      expect((await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE)).data).toEqual([]);
    });

    it('raises NotFoundError for a missing thread', async () => {
      await expect(current().loadThread('thr_missing', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(current().deleteThread('thr_missing', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(
        current().addThreadItem('thr_missing', assistantMessage('thr_missing', 'msg_1'), ALICE),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('returns an empty page for the items of a missing thread', async () => {
      expect(await current().loadThreadItems('thr_missing', null, 10, 'asc', ALICE)).toEqual({
        data: [],
        has_more: false,
      });
    });

    it('round-trips every item kind exactly, including nested widget JSON and attachment metadata', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      const items: ThreadItem[] = [
        userMessage('thr_1', 'msg_1'),
        assistantMessage('thr_1', 'msg_2'),
        widgetItem('thr_1', 'msg_3'),
        toolCall('thr_1', 'tc_1'),
        hiddenContext('thr_1', 'hc_1'),
      ];
      for (const item of items) await current().addThreadItem('thr_1', item, ALICE);
      const page = await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE);
      expect(page).toStrictEqual({ data: items, has_more: false });
      for (const item of items) {
        expect(await current().loadItem('thr_1', item.id, ALICE)).toStrictEqual(item);
      }
    });

    it('updates an existing assistant message and widget with saveItem', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await current().addThreadItem('thr_1', assistantMessage('thr_1', 'msg_1'), ALICE);
      await current().addThreadItem('thr_1', widgetItem('thr_1', 'msg_2'), ALICE);
      const message = assistantMessage('thr_1', 'msg_1', at(2), 'Edited');
      const widget = widgetItem('thr_1', 'msg_2', at(3), 'Stop');
      await current().saveItem('thr_1', message, ALICE);
      await current().saveItem('thr_1', widget, ALICE);
      expect(await current().loadItem('thr_1', 'msg_1', ALICE)).toStrictEqual(message);
      expect(await current().loadItem('thr_1', 'msg_2', ALICE)).toStrictEqual(widget);
      expect(ids(await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE))).toEqual([
        'msg_1',
        'msg_2',
      ]);
    });

    it('inserts with saveItem when the item is new (upsert)', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      const item = toolCall('thr_1', 'tc_1');
      await current().saveItem('thr_1', item, ALICE);
      expect(await current().loadItem('thr_1', 'tc_1', ALICE)).toStrictEqual(item);
    });

    it('raises NotFoundError when loading a missing item', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await expect(current().loadItem('thr_1', 'msg_missing', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(current().loadItem('thr_missing', 'msg_missing', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('deletes one item and treats deleting an absent item as a no-op', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await current().addThreadItem('thr_1', userMessage('thr_1', 'msg_1'), ALICE);
      await current().addThreadItem('thr_1', assistantMessage('thr_1', 'msg_2'), ALICE);
      await current().deleteThreadItem('thr_1', 'msg_1', ALICE);
      await current().deleteThreadItem('thr_1', 'msg_1', ALICE);
      await current().deleteThreadItem('thr_1', 'msg_never', ALICE);
      expect(ids(await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE))).toEqual([
        'msg_2',
      ]);
      await expect(current().loadItem('thr_1', 'msg_1', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('saves and loads a file attachment', async () => {
      const attachment = fileAttachment('atc_1');
      await current().saveAttachment(attachment, ALICE);
      expect(await current().loadAttachment('atc_1', ALICE)).toStrictEqual(attachment);
    });

    it('saves and loads an image attachment with preview_url and metadata', async () => {
      const attachment = imageAttachment('atc_1');
      await current().saveAttachment(attachment, ALICE);
      expect(await current().loadAttachment('atc_1', ALICE)).toStrictEqual(attachment);
    });

    it('upserts an attachment (the server adds thread_id later) and deletes it', async () => {
      await current().saveAttachment(fileAttachment('atc_1'), ALICE);
      const linked = { ...fileAttachment('atc_1', 'thr_1'), upload_descriptor: null };
      await current().saveAttachment(linked, ALICE);
      expect(await current().loadAttachment('atc_1', ALICE)).toStrictEqual(linked);
      await current().deleteAttachment('atc_1', ALICE);
      await expect(current().loadAttachment('atc_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(current().deleteAttachment('atc_1', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('deletes a thread with its items and attachments, and nothing else', async () => {
      await current().saveThread(makeThread('thr_1'), ALICE);
      await current().saveThread(makeThread('thr_2'), ALICE);
      await current().addThreadItem('thr_1', userMessage('thr_1', 'msg_1'), ALICE);
      await current().addThreadItem('thr_2', userMessage('thr_2', 'msg_1'), ALICE);
      await current().saveAttachment(fileAttachment('atc_1', 'thr_1'), ALICE);
      await current().saveAttachment(fileAttachment('atc_2', 'thr_2'), ALICE);
      await current().saveAttachment(fileAttachment('atc_3'), ALICE);

      await current().deleteThread('thr_1', ALICE);

      await expect(current().loadThread('thr_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(current().loadItem('thr_1', 'msg_1', ALICE)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(current().loadAttachment('atc_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(current().deleteThread('thr_1', ALICE)).rejects.toBeInstanceOf(NotFoundError);
      expect(ids(await current().loadThreadItems('thr_2', null, 10, 'asc', ALICE))).toEqual([
        'msg_1',
      ]);
      expect((await current().loadAttachment('atc_2', ALICE)).id).toBe('atc_2');
      expect((await current().loadAttachment('atc_3', ALICE)).id).toBe('atc_3');
      // Re-creating the id must not resurrect old items (no orphans left behind).
      await current().saveThread(makeThread('thr_1'), ALICE);
      expect((await current().loadThreadItems('thr_1', null, 10, 'asc', ALICE)).data).toEqual([]);
    });
  });
}
