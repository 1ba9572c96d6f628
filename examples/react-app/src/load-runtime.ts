/**
 * Loads the `<openai-chatkit>` runtime and says when it is usable. `@openai/chatkit-react` only
 * waits for the element to be defined, forever: a blocked or mistyped script URL would leave an
 * empty box. Here a load error or a timeout becomes a message the page can show.
 */
export class RuntimeLoadError extends Error {
  override name = 'RuntimeLoadError';
}

const ELEMENT = 'openai-chatkit';

export function loadChatKitRuntime(src: string, timeoutMs: number): Promise<void> {
  if (customElements.get(ELEMENT)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let script = document.querySelector<HTMLScriptElement>(`script[data-chatkit-runtime]`);
    if (!script) {
      script = document.createElement('script');
      // Threadline's runtime is an ES module (it loads lazy chunks next to itself); across
      // origins the Threadline server must allow this page in CORS_ORIGINS.
      script.type = 'module';
      script.src = src;
      script.dataset.chatkitRuntime = '';
      document.head.append(script);
    }
    const timer = setTimeout(
      () =>
        reject(
          new RuntimeLoadError(
            `The chat runtime at ${src} did not define <${ELEMENT}> within ${Math.round(timeoutMs / 1000)} s.`,
          ),
        ),
      timeoutMs,
    );
    script.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new RuntimeLoadError(`The chat runtime could not be loaded from ${src}.`));
    });
    void customElements.whenDefined(ELEMENT).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
