import { setTracingDisabled } from '@openai/agents';

let optedIn = false;
let applied = false;

/**
 * Agents SDK tracing is off unless you opt in (tracing would upload every conversation to the
 * OpenAI dashboard). Applied when the bridge is first used (`new AgentContext`,
 * `streamAgentResponse`), not at import: the package is `"sideEffects": false`, so an import-time
 * switch could be dropped by a bundler, and importing a module should not change global state.
 */
export function applyTracingDefault(): void {
  if (applied || optedIn) return;
  applied = true;
  setTracingDisabled(true);
}

/** Opt in to Agents SDK tracing (exports traces to OpenAI); call after importing the bridge. */
export function enableAgentsTracing(): void {
  optedIn = true;
  setTracingDisabled(false);
}
