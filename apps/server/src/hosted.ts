import OpenAI from 'openai';
import type { ClientSecretMinter } from './routes/client-secret.js';

/** Hosted mode: ChatKit sessions for a workflow, created through the OpenAI API. */
export function openAIClientSecretMinter(options: {
  apiKey: string;
  baseURL?: string | undefined;
  workflowId: string;
}): ClientSecretMinter {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 1,
    timeout: 15_000,
  });
  return {
    async mint(user) {
      const session = await client.beta.chatkit.sessions.create({
        user,
        workflow: { id: options.workflowId },
      });
      return session.client_secret;
    },
  };
}
