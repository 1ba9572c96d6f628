import { h, render } from 'preact';
import { ChatController, type ComposerValue, type SendParams } from './controller.js';
import { createTranslator } from './i18n/index.js';
import type { ChatKitOptions } from './options.js';
import { DEEPLINK_EVENT, type DeeplinkDetail } from './markdown/index.js';
import { installFontFaces, themeStyles } from './theme/index.js';
import { App } from './ui/app.js';
import { baseStyles } from './ui/styles.js';
import { widgetStyles } from './widgets/index.js';

/**
 * `<openai-chatkit>`: the element API of OpenAI's runtime (methods and `chatkit.*` events), rendered
 * by Preact into an open shadow root instead of an iframe. Methods called before the first
 * `setOptions` wait for it.
 */
export class ChatKitElement extends HTMLElement {
  private controller: ChatController | null = null;
  private readonly root: ShadowRoot;
  private readonly themeStyle: HTMLStyleElement;
  private readonly mount: HTMLDivElement;
  private readonly composerRef: { current: HTMLTextAreaElement | null } = { current: null };
  private readyResolve!: (c: ChatController) => void;
  private readonly ready = new Promise<ChatController>((resolve) => (this.readyResolve = resolve));
  private locale: string | undefined;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = baseStyles + widgetStyles;
    this.themeStyle = document.createElement('style');
    this.mount = document.createElement('div');
    this.mount.style.height = '100%';
    this.root.append(style, this.themeStyle, this.mount);
    // Markdown turns `chatkit-link://` clicks into this composed event; the element re-emits it.
    this.root.addEventListener(DEEPLINK_EVENT, (event) => {
      event.stopPropagation();
      const { name, data } = (event as CustomEvent<DeeplinkDetail>).detail;
      this.emit('chatkit.deeplink', { name, data });
    });
  }

  private emit = (name: string, detail?: unknown): void => {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  };

  /** Replaces all options (no merging, as in OpenAI's runtime). */
  setOptions(options: ChatKitOptions): void {
    if (!options || typeof options !== 'object' || !options.api) {
      this.emit('chatkit.error', {
        error: new Error('setOptions needs an options object with `api`'),
      });
      return;
    }
    // The theme module reads any value defensively; our option type is only wider in value ranges.
    const theme = options.theme as Parameters<typeof themeStyles>[0];
    this.themeStyle.textContent = themeStyles(theme);
    installFontFaces(
      document,
      typeof theme === 'object' ? theme.typography?.fontSources : undefined,
    );
    const first = this.controller === null;
    if (first) this.controller = new ChatController(options, this.emit);
    else this.controller!.setOptions(options);
    if (first || options.locale !== this.locale) {
      this.locale = options.locale;
      this.renderApp();
    }
    if (first) {
      const controller = this.controller!;
      this.readyResolve(controller);
      // Ready after the host's effects have attached listeners: @openai/chatkit-react calls
      // setOptions in one effect and adds listeners in a later one, so a microtask is too early.
      const emitReady = () => setTimeout(() => this.emit('chatkit.ready'), 0);
      if (typeof requestAnimationFrame === 'function' && !document.hidden) {
        requestAnimationFrame(emitReady);
      } else emitReady();
      if (options.initialThread) void controller.setThreadId(options.initialThread);
    }
  }

  /** Property form, for frameworks that assign `element.options = …`. */
  set options(options: ChatKitOptions) {
    this.setOptions(options);
  }

  get options(): ChatKitOptions | undefined {
    return this.controller?.options;
  }

  private renderApp(): void {
    const controller = this.controller!;
    const translator = createTranslator(controller.options.locale);
    render(h(App, { controller, translator, composerRef: this.composerRef }), this.mount);
  }

  disconnectedCallback(): void {
    // Keep state: frameworks move elements around. A stream keeps running while detached.
  }

  async focusComposer(): Promise<void> {
    await this.ready;
    await new Promise((r) => requestAnimationFrame(r));
    this.composerRef.current?.focus();
  }

  async setThreadId(threadId: string | null): Promise<void> {
    await (await this.ready).setThreadId(threadId);
  }

  async sendUserMessage(params: SendParams): Promise<void> {
    await (await this.ready).sendUserMessage(params);
  }

  async setComposerValue(params: ComposerValue): Promise<void> {
    await (await this.ready).setComposerValue(params);
  }

  async sendCustomAction(
    action: { type: string; payload?: Record<string, unknown> },
    itemId?: string,
  ): Promise<void> {
    await (await this.ready).sendCustomAction(action, itemId);
  }

  async showHistory(): Promise<void> {
    await (await this.ready).showHistory();
  }

  async hideHistory(): Promise<void> {
    await (await this.ready).hideHistory();
  }

  async fetchUpdates(): Promise<void> {
    await (await this.ready).fetchUpdates();
  }
}

/** Defines `openai-chatkit` unless another runtime already did (then that one is kept). */
export function defineChatKitElement(): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get('openai-chatkit'))
    customElements.define('openai-chatkit', ChatKitElement);
}
