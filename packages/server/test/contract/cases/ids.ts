import { describe, expect, it } from 'vitest';
import type { ThreadMetadata } from '../../../src/protocol/thread.js';
import type { StoreItemType } from '../../../src/stores/ids.js';
import { Store } from '../../../src/stores/store.js';
import {
  ALICE,
  assistantMessage,
  ids,
  makeThread,
  toolCall,
  type TestContext,
} from '../fixtures.js';
import type { CurrentStore } from '../store-contract.js';

type StoreClass = abstract new (...args: never[]) => Store<TestContext>;

/**
 * Re-types the store under test as an instance of a subclass that overrides the id generators
 * (the reference's custom-id store, §11.2 case 16). The subclass extends the store's own class,
 * so every storage method is the real one; only the prototype of this one instance changes.
 */
function withCustomIds(store: Store<TestContext>): Store<TestContext> {
  let counter = 0;
  const Base = (store as object).constructor as StoreClass;
  abstract class CustomIdStore extends Base {
    override generateThreadId(_context: TestContext): string {
      return `thr_custom_${++counter}`;
    }
    override generateItemId(
      itemType: StoreItemType,
      thread: ThreadMetadata,
      _context: TestContext,
    ): string {
      return `${itemType}_custom_${++counter}_${thread.id}`;
    }
  }
  Object.setPrototypeOf(store, CustomIdStore.prototype);
  expect(store).toBeInstanceOf(Base);
  expect(store).toBeInstanceOf(Store);
  return store;
}

/** Id generation (docs/protocol.md §7.1, §11.2 15–16). */
export function describeIds(current: CurrentStore): void {
  describe('ids (§7.1)', () => {
    it('generates default ids as <prefix>_<24 hex>', () => {
      const store = current();
      const thread = makeThread('thr_1');
      expect(store.generateThreadId(ALICE)).toMatch(/^thr_[0-9a-f]{24}$/);
      const expected: Record<StoreItemType, string> = {
        message: 'msg',
        tool_call: 'tc',
        task: 'tsk',
        workflow: 'wf',
        sdk_hidden_context: 'shcx',
      };
      for (const [type, prefix] of Object.entries(expected) as [StoreItemType, string][]) {
        expect(store.generateItemId(type, thread, ALICE)).toMatch(
          new RegExp(`^${prefix}_[0-9a-f]{24}$`),
        );
      }
      expect(store.generateThreadId(ALICE)).not.toBe(store.generateThreadId(ALICE));
    });

    it('stores and loads ids from overridden generators (custom-id subclass)', async () => {
      const store = withCustomIds(current());
      const threadId = store.generateThreadId(ALICE);
      expect(threadId).toBe('thr_custom_1');
      const thread = makeThread(threadId);
      await store.saveThread(thread, ALICE);
      const messageId = store.generateItemId('message', thread, ALICE);
      const toolCallId = store.generateItemId('tool_call', thread, ALICE);
      const taskId = store.generateItemId('task', thread, ALICE);
      expect([messageId, toolCallId, taskId]).toEqual([
        'message_custom_2_thr_custom_1',
        'tool_call_custom_3_thr_custom_1',
        'task_custom_4_thr_custom_1',
      ]);
      expect(store.generateThreadId(ALICE)).toBe('thr_custom_5');
      await store.addThreadItem(threadId, assistantMessage(threadId, messageId), ALICE);
      await store.addThreadItem(threadId, toolCall(threadId, toolCallId), ALICE);
      expect(await store.loadThread(threadId, ALICE)).toStrictEqual(thread);
      expect(ids(await store.loadThreadItems(threadId, null, 10, 'asc', ALICE))).toEqual([
        messageId,
        toolCallId,
      ]);
      expect(await store.loadItem(threadId, toolCallId, ALICE)).toStrictEqual(
        toolCall(threadId, toolCallId),
      );
    });
  });
}
