import type { AppConfig } from '../config.js';

/**
 * Settings that are valid but probably not what was meant: printed by `check-config` and logged at
 * start-up. Each names the setting to change.
 */
export function configWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.auth.methods.length === 0) {
    warnings.push(
      'THREADLINE_AUTH is not set: every /chatkit request is refused with 401, so no one can use this server. ' +
        'For a local try-out set THREADLINE_AUTH=anonymous (with HOST=127.0.0.1); in production use jwt, session or header.',
    );
  }
  if (!config.demo.enabled && config.model.fallbackToChat) {
    warnings.push(
      'OPENAI_BASE_URL is set without THREADLINE_MODEL_PROVIDER: the Responses API is tried first and Chat Completions used after a 404. ' +
        'Set THREADLINE_MODEL_PROVIDER=openai-chat for Ollama, vLLM or LM Studio (or openai-responses for servers that have it).',
    );
  }
  if (!config.demo.enabled && !config.model.configured) {
    warnings.push(
      config.model.provider === 'anthropic'
        ? 'No model is configured: every message gets a notice. Set ANTHROPIC_API_KEY (THREADLINE_MODEL_PROVIDER is anthropic), or start with --demo.'
        : 'No model is configured: every message gets a notice. Set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server), or THREADLINE_MODEL_PROVIDER=anthropic with ANTHROPIC_API_KEY, or start with --demo.',
    );
  }
  if (config.attachmentStorage.kind === 's3' && config.chatkit.uploadStrategy === 'disabled') {
    warnings.push(
      'S3_BUCKET is set but CHATKIT_UPLOAD_STRATEGY is disabled: no attachment is stored. Set CHATKIT_UPLOAD_STRATEGY=direct or two_phase.',
    );
  }
  return warnings;
}
