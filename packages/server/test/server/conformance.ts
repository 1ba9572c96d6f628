import { describe } from 'vitest';
import { actionsSuite } from './conformance/actions.js';
import { addUserMessageSuite } from './conformance/add-user-message.js';
import { attachmentsSuite } from './conformance/attachments.js';
import { cancellationSuite } from './conformance/cancellation.js';
import { clientToolOutputSuite } from './conformance/client-tool-output.js';
import { contextSuite } from './conformance/context.js';
import { eagerValidationSuite } from './conformance/eager-validation.js';
import { useHarness, type MakeStore } from './conformance/harness.js';
import { integrationErrorsSuite } from './conformance/integration-errors.js';
import { itemsSuite } from './conformance/items.js';
import { pipelineSuite } from './conformance/pipeline.js';
import { retrySuite } from './conformance/retry.js';
import { structuredInputSuite } from './conformance/structured-input.js';
import { threadUpdatesSuite } from './conformance/thread-updates.js';
import { threadsCreateSuite } from './conformance/threads-create.js';
import { threadsJsonSuite } from './conformance/threads-json.js';
import { transcribeSuite } from './conformance/transcribe.js';

export type { MakeStore } from './conformance/harness.js';

/**
 * The server conformance suite: every case of chatkit-python's `test_chatkit_server.py`
 * (docs/protocol.md §11.1, adapted to our documented deviations) plus the rules of §1–§7, driven
 * through `process()` against the given store. The store is created once for the suite; each test
 * works as fresh users, so any store that isolates data by owner can run it.
 *
 * @example
 * describeServerConformance('MemoryStore', async () => ({ store: new MemoryStore() }));
 */
export function describeServerConformance(storeName: string, makeStore: MakeStore): void {
  describe(`ChatKitServer conformance with ${storeName}`, () => {
    const h = useHarness(makeStore);
    threadsCreateSuite(h);
    addUserMessageSuite(h);
    threadUpdatesSuite(h);
    pipelineSuite(h);
    integrationErrorsSuite(h);
    cancellationSuite(h);
    clientToolOutputSuite(h);
    structuredInputSuite(h);
    retrySuite(h);
    actionsSuite(h);
    threadsJsonSuite(h);
    itemsSuite(h);
    attachmentsSuite(h);
    transcribeSuite(h);
    contextSuite(h);
    eagerValidationSuite(h);
  });
}
