/** `<openai-chatkit>` as this site uses it (the runtime's element API, packages/chatkit/README.md). */
export interface ChatKitElement extends HTMLElement {
  setOptions(options: Record<string, unknown>): void;
}

const MARKER = 'data-threadline-chatkit';

/**
 * Loads the ChatKit runtime the Threadline server serves (`<url>/chatkit/chatkit.js`, an ES module
 * whose lazy chunks load from the same server) once per page, and resolves when `<openai-chatkit>`
 * is defined. Rejects when the script fails to load or the element is not defined in time, so the
 * panel can say so instead of staying blank.
 */
export function loadChatKit(scriptUrl: string, timeoutMs = 15_000): Promise<void> {
  if (customElements.get('openai-chatkit')) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${scriptUrl} did not define <openai-chatkit> in time`)),
      timeoutMs,
    );
    let script = document.querySelector<HTMLScriptElement>(`script[${MARKER}]`);
    if (!script) {
      script = document.createElement('script');
      script.type = 'module';
      script.src = scriptUrl;
      script.setAttribute(MARKER, '');
      document.head.append(script);
    }
    script.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error(`${scriptUrl} could not be loaded`));
    });
    void customElements.whenDefined('openai-chatkit').then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
