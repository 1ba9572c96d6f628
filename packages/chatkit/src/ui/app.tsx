import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatController } from '../controller.js';
import type { Translator } from '../i18n/index.js';
import { Markdown } from '../markdown/index.js';
import { Composer } from './composer.js';
import { pendingStructuredInput, StructuredInputPanel } from './structured-input.js';
import { Ctx, useControllerState } from './context.js';
import { Header } from './header.js';
import { HistoryPanel } from './history.js';
import { StartScreen } from './start-screen.js';
import { ThreadView } from './thread-view.js';

export interface AppProps {
  controller: ChatController;
  translator: Translator;
  /** Receives the composer's textarea so `focusComposer()` can reach it. */
  composerRef: { current: HTMLTextAreaElement | null };
}

export function App(props: AppProps) {
  const { controller, translator } = props;
  const state = useControllerState(controller);
  // A stable context value: memoized items must not re-render because the root did.
  const ui = useMemo(
    () => ({
      controller,
      t: (text: string, vars?: Record<string, string | number>) => translator.t(text, vars),
    }),
    [controller, translator],
  );
  const t = ui.t;
  const announce = useLiveAnnouncement(controller, state.streaming);
  const historyOpen = state.history.open;
  const wasOpen = useRef(historyOpen);
  // Focus returns to the composer when the history panel closes.
  useEffect(() => {
    if (wasOpen.current && !historyOpen) props.composerRef.current?.focus();
    wasOpen.current = historyOpen;
  }, [historyOpen]);
  const disclaimer = controller.options.disclaimer;
  const questions = pendingStructuredInput(state.items);
  const empty = state.threadId === null && state.items.length === 0 && !state.streaming;
  return (
    <Ctx.Provider value={ui}>
      <div
        class="root"
        lang={translator.locale}
        dir={translator.dir}
        role="region"
        aria-label={controller.options.frameTitle ?? t('Chat')}
      >
        <Header state={state} />
        <div class="body">
          {empty ? <StartScreen /> : <ThreadView state={state} />}
          {historyOpen ? <HistoryPanel state={state} /> : null}
        </div>
        {questions ? (
          <StructuredInputPanel key={questions.id} item={questions} busy={state.streaming} />
        ) : (
          <Composer state={state} textareaRef={props.composerRef} />
        )}
        {disclaimer?.text ? (
          <div class="disclaimer" data-contrast={Boolean(disclaimer.highContrast)}>
            <Markdown text={disclaimer.text} />
          </div>
        ) : null}
        <div class="sr-only" aria-live="polite" aria-atomic="true">
          {announce}
        </div>
      </div>
    </Ctx.Provider>
  );
}

/**
 * The live region speaks a short status when a response starts and the whole answer once it ends,
 * never each delta (a screen reader cannot follow a token stream).
 */
function useLiveAnnouncement(controller: ChatController, streaming: boolean): string {
  const [text, setText] = useState('');
  const was = useRef(streaming);
  useEffect(() => {
    if (streaming && !was.current) setText('…');
    if (!streaming && was.current) {
      const last = [...controller.state.items]
        .reverse()
        .find((i) => i.type === 'assistant_message');
      const content = last && 'content' in last ? (last.content as { text?: string }[]) : [];
      setText(content.map((c) => c.text ?? '').join(' '));
    }
    was.current = streaming;
  }, [streaming]);
  return text;
}
