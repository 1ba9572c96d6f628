import { setTracingDisabled } from '@openai/agents';

let optedIn = false;
let applied = false;

/**
 * Agents SDK tracing is off unless you opt in: importing the bridge disables it (tracing would
 * upload every conversation to the OpenAI dashboard). Called again by the bridge entry points so
 * bundlers cannot drop it.
 */
export function applyTracingDefault(): void {
  if (applied || optedIn) return;
  applied = true;
  setTracingDisabled(true);
}

applyTracingDefault();

/** Opt in to Agents SDK tracing (exports traces to OpenAI); call after importing the bridge. */
export function enableAgentsTracing(): void {
  optedIn = true;
  setTracingDisabled(false);
}
