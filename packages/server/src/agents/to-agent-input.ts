import type { AgentInputItem } from '@openai/agents';
import type { ThreadItem } from '../protocol/items.js';
import type { ModelInputItem } from '../turn/input/model-input.js';
import { ThreadItemConverter } from '../turn/input/thread-item-converter.js';

/** Model input is already in the Agents SDK's shapes; this only names the type. */
export const asAgentInput = (items: ModelInputItem[]): AgentInputItem[] => items;

/**
 * Thread items as Agents SDK input with a default `ThreadItemConverter` (chatkit-python
 * `simple_to_agent_input`). Use a converter instance (or subclass) for attachments and tags.
 */
export async function simpleToAgentInput(
  items: ThreadItem | readonly ThreadItem[],
): Promise<AgentInputItem[]> {
  return asAgentInput(await new ThreadItemConverter().toAgentInput(items));
}
