/**
 * The options of `<openai-chatkit>` as this runtime reads them. Kept structurally wider than
 * `ChatKitOptions` of `@openai/chatkit`, so that any options object written for OpenAI's runtime is
 * accepted unchanged (test/options-compat.test-d.ts proves it at compile time). Callbacks use method
 * syntax so their parameters compare bivariantly with the official signatures.
 */

export type UploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

export interface CustomApiOptions {
  url: string;
  /** Accepted for compatibility; this runtime never verifies domain keys (it calls no one but `url`). */
  domainKey?: string;
  fetch?: typeof fetch;
  uploadStrategy?: UploadStrategy;
}

export interface HostedApiOptions {
  getClientSecret(currentClientSecret: string | null): Promise<string>;
  /** Where hosted-mode requests go; defaults to OpenAI's ChatKit endpoint. */
  url?: string;
  fetch?: typeof fetch;
}

export type UserMessageContentInput =
  | { type: 'input_text'; text: string }
  | {
      type: 'input_tag';
      text: string;
      id: string;
      group?: string;
      data?: Record<string, unknown>;
      interactive?: boolean;
    };

export type AttachmentInput =
  | { type: 'file'; id: string; name: string; mime_type: string }
  | { type: 'image'; id: string; name: string; mime_type: string; preview_url: string };

export interface HeaderActionOption {
  icon: string;
  onClick(): void;
}

export interface ToolOption {
  id: string;
  label: string;
  icon?: string;
  shortLabel?: string;
  placeholderOverride?: string;
  pinned?: boolean;
  persistent?: boolean;
}

export interface ModelOption {
  id: string;
  label: string;
  description?: string;
  disabled?: boolean;
  default?: boolean;
}

export interface AttachmentsOption {
  enabled: boolean;
  maxSize?: number | Record<string, number>;
  maxCount?: number;
  accept?: Record<string, string[]>;
}

export interface FontSource {
  family: string;
  src: string;
  weight?: string | number;
  style?: 'normal' | 'italic' | 'oblique';
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional';
  unicodeRange?: string;
}

export interface ThemeObject {
  colorScheme?: 'light' | 'dark';
  typography?: {
    baseSize?: number;
    fontSources?: FontSource[];
    fontFamily?: string;
    fontFamilyMono?: string;
  };
  radius?: 'pill' | 'round' | 'soft' | 'sharp';
  density?: 'compact' | 'normal' | 'spacious';
  color?: {
    grayscale?: { hue: number; tint: number; shade?: number };
    accent?: { primary: string; level: number };
    surface?: { background: string; foreground: string };
  };
}

export type ThemeOptions = 'light' | 'dark' | ThemeObject;

export interface EntityOption {
  id: string;
  title: string;
  icon?: string;
  interactive?: boolean;
  group?: string;
  data?: Record<string, string>;
}

/** An entry of the composer's `/` menu. */
export interface CommandOption {
  id: string;
  label: string;
  description?: string;
  icon?: string;
  group?: string;
}

/** What a chosen command yields: an entity to insert, or a nested menu. */
export type CommandSelection =
  { type: 'entity'; entity: EntityOption } | { type: 'menu'; commands: CommandOption[] };

export interface ChatKitOptions {
  api: CustomApiOptions | HostedApiOptions;
  locale?: string;
  theme?: ThemeOptions;
  frameTitle?: string;
  initialThread?: string | null;
  onClientTool?(toolCall: {
    name: string;
    params: Record<string, unknown>;
  }): Promise<Record<string, unknown>> | Record<string, unknown>;
  header?: {
    enabled?: boolean;
    title?: { enabled?: boolean; text?: string };
    leftAction?: HeaderActionOption;
    rightAction?: HeaderActionOption;
  };
  history?: { enabled?: boolean; showDelete?: boolean; showRename?: boolean };
  startScreen?: {
    greeting?: string;
    prompts?: { label: string; prompt: string | UserMessageContentInput[]; icon?: string }[];
  };
  threadItemActions?: { feedback?: boolean; retry?: boolean };
  composer?: {
    placeholder?: string;
    attachments?: AttachmentsOption;
    tools?: ToolOption[];
    models?: ModelOption[];
    dictation?: { enabled: boolean };
  };
  disclaimer?: { text: string; highContrast?: boolean };
  entities?: {
    onTagSearch?(query: string): Promise<EntityOption[]>;
    showComposerMenu?: boolean;
    onClick?(entity: EntityOption): void;
    onRequestPreview?(entity: EntityOption): Promise<{ preview: unknown }>;
  };
  commands?: {
    enabled: boolean;
    onSearch?(query: string): Promise<CommandOption[]>;
    onSelect?(command: CommandOption): Promise<void | CommandSelection>;
  };
  widgets?: {
    onAction?(
      action: { type: string; payload?: Record<string, unknown> },
      widgetItem: { id: string; widget: unknown },
    ): Promise<void>;
  };
  thread?: { autoScroll?: boolean };
}

export const isHostedApi = (api: ChatKitOptions['api']): api is HostedApiOptions =>
  typeof (api as HostedApiOptions).getClientSecret === 'function';
