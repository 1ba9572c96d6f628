import type { UserMessageContentInput } from '../options.js';
import { useUi } from './context.js';

export function StartScreen() {
  const { controller, t } = useUi();
  const start = controller.options.startScreen;
  const prompts = start?.prompts ?? [];
  const send = (prompt: string | UserMessageContentInput[]) =>
    void controller.sendUserMessage(
      typeof prompt === 'string' ? { text: prompt } : { content: prompt },
    );
  return (
    <div class="start">
      {/* Host texts are in the host's language, not the UI locale: let the browser pick their direction. */}
      <h2 dir="auto">{start?.greeting ?? t('What can I help with today?')}</h2>
      {prompts.length > 0 ? (
        <ul class="prompts" aria-label={t('Suggested prompts')}>
          {prompts.map((p, i) => (
            <li key={i}>
              <button type="button" class="prompt" dir="auto" onClick={() => send(p.prompt)}>
                {p.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
