import type { ThreadMetadata } from '@threadline/server';
import type { AgentDefinition, AgentsFile, ModelChoice } from '../config/agents-file.js';

/** Where a thread remembers which agent it talks to (server-private thread metadata). */
export const AGENT_METADATA_KEY = 'agent_id';

/** The configured agents, looked up by id; the default one answers when none is named. */
export class AgentRegistry {
  readonly defaultAgent: AgentDefinition;
  private readonly byId: Map<string, AgentDefinition>;

  constructor(
    file: AgentsFile,
    /** The model used by agents that name none (`THREADLINE_MODEL`). */
    readonly defaultModel: string,
  ) {
    this.byId = new Map(file.agents.map((agent) => [agent.id, agent]));
    this.defaultAgent = this.byId.get(file.defaultAgent ?? '') ?? file.agents[0]!;
  }

  get all(): AgentDefinition[] {
    return [...this.byId.values()];
  }

  get(id: string): AgentDefinition | undefined {
    return this.byId.get(id);
  }

  /** The agent a thread belongs to; threads of a removed agent fall back to the default one. */
  forThread(thread: ThreadMetadata): AgentDefinition {
    const id = thread.metadata[AGENT_METADATA_KEY];
    return (typeof id === 'string' ? this.byId.get(id) : undefined) ?? this.defaultAgent;
  }

  /** Whether a thread shows up in `agentId`'s history (threads without an agent go to the default). */
  threadBelongsTo(thread: ThreadMetadata, agentId: string): boolean {
    const id = thread.metadata[AGENT_METADATA_KEY];
    if (typeof id === 'string') return id === agentId;
    return agentId === this.defaultAgent.id;
  }

  modelOf(agent: AgentDefinition): string {
    return agent.model ?? this.defaultModel;
  }

  /** The model picker's choices: the agent's list, with its default model first if missing. */
  modelChoices(agent: AgentDefinition): ModelChoice[] {
    const model = this.modelOf(agent);
    if (agent.models.length === 0) return [];
    return agent.models.some((m) => m.id === model)
      ? agent.models
      : [{ id: model, label: model }, ...agent.models];
  }

  /** Model ids a turn may select for this agent. */
  allowedModels(agent: AgentDefinition): string[] {
    return [this.modelOf(agent), ...agent.models.map((m) => m.id)];
  }
}
