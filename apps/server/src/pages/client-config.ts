import type { AgentRegistry } from '../assistant/agents.js';
import type { AppConfig } from '../config.js';
import type { AgentDefinition } from '../config/agents-file.js';
import { isBundledScript } from './client-bundle.js';

/**
 * What the browser needs to configure `<openai-chatkit>` for one agent. Only public settings:
 * never a secret. URLs are relative unless `PUBLIC_URL`/`CHATKIT_API_URL` make them absolute; the
 * boot script resolves relative ones against its own origin.
 */
export interface ClientConfig {
  agentId: string;
  mode: 'self_hosted' | 'hosted';
  scriptUrl: string;
  /** Our bundle is an ES module (it loads lazy chunks); other scripts load as classic scripts. */
  scriptModule: boolean;
  apiUrl: string;
  domainKey: string;
  clientSecretUrl: string;
  title: string;
  upload: { type: 'direct'; uploadUrl: string } | { type: 'two_phase' } | null;
  attachments: { maxSize: number; maxCount: number; accept: Record<string, string[]> | null };
  startScreen: { greeting?: string; prompts: { label: string; prompt: string; icon?: string }[] };
  placeholder?: string;
  tools: {
    id: string;
    label: string;
    icon: string;
    shortLabel?: string;
    placeholderOverride?: string;
    pinned?: boolean;
  }[];
  models: { id: string; label: string; description?: string; default?: boolean }[];
}

/** `url` with `agent_id` set, keeping any other query parameters. */
function withAgent(url: string, agentId: string): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('agent_id', agentId);
  return `${path}?${params.toString()}`;
}

const absolute = (base: string | undefined, path: string): string =>
  base && path.startsWith('/') ? `${base}${path}` : path;

export function clientConfig(
  config: AppConfig,
  agents: AgentRegistry,
  agent: AgentDefinition,
): ClientConfig {
  const base = config.server.publicUrl;
  const { chatkit } = config;
  const uploadUrl = absolute(base, withAgent('/chatkit/upload', agent.id));
  const upload =
    chatkit.uploadStrategy === 'disabled' || chatkit.maxAttachments === 0
      ? null
      : chatkit.uploadStrategy === 'direct'
        ? { type: 'direct' as const, uploadUrl }
        : { type: 'two_phase' as const };
  const accept =
    chatkit.allowedMimeTypes.length === 0
      ? null
      : Object.fromEntries(chatkit.allowedMimeTypes.map((mime) => [mime, [] as string[]]));
  const defaultModel = agents.modelOf(agent);
  return {
    agentId: agent.id,
    mode: chatkit.mode,
    scriptUrl: absolute(base, chatkit.scriptUrl),
    scriptModule: isBundledScript(chatkit.scriptUrl),
    apiUrl: absolute(base, withAgent(chatkit.apiUrl, agent.id)),
    domainKey: chatkit.domainKey,
    clientSecretUrl: absolute(base, '/chatkit/client_secret'),
    title: chatkit.title === 'Threadline' && agents.all.length > 1 ? agent.name : chatkit.title,
    upload,
    attachments: { maxSize: chatkit.uploadMaxBytes, maxCount: chatkit.maxAttachments, accept },
    startScreen: {
      ...(agent.greeting ? { greeting: agent.greeting } : {}),
      prompts: agent.startPrompts.map((p) => ({
        label: p.label,
        prompt: p.prompt,
        ...(p.icon ? { icon: p.icon } : {}),
      })),
    },
    ...(agent.placeholder ? { placeholder: agent.placeholder } : {}),
    tools: agent.composerTools.map(({ instructions: _i, forceTool: _f, ...tool }) => tool),
    models: agents.modelChoices(agent).map((m) => ({
      ...m,
      ...(m.id === defaultModel ? { default: true } : {}),
    })),
  };
}
