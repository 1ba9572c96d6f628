import type { z } from 'zod';
import type { ThreadMetadata, ThreadStreamEventInput } from '@threadline/server';
import type { AgentDefinition } from '../../config/agents-file.js';
import type { AppContext } from '../../context.js';

/** What a built-in tool may touch while it runs. */
export interface ToolTurn {
  thread: ThreadMetadata;
  context: AppContext;
  agent: AgentDefinition;
  signal: AbortSignal | undefined;
  /** Streams an event (a widget, a progress update) to the client while the model runs. */
  emit(event: ThreadStreamEventInput): Promise<void>;
  /** A new item id for events the tool emits. */
  newItemId(): string;
}

/** A built-in tool, free of any model SDK: the responder turns it into an Agents SDK tool. */
export interface BuiltinTool<TArgs = unknown> {
  readonly name: string;
  readonly description: string;
  readonly parameters: z.ZodType<TArgs>;
  execute(args: TArgs, turn: ToolTurn): Promise<unknown>;
}

export const defineBuiltinTool = <S extends z.ZodType>(tool: {
  name: string;
  description: string;
  parameters: S;
  execute(args: z.output<S>, turn: ToolTurn): Promise<unknown>;
}): BuiltinTool<z.output<S>> => tool as BuiltinTool<z.output<S>>;
