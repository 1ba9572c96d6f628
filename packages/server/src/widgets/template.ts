import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { WidgetRootSchema, type WidgetRoot } from '../protocol/widgets/index.js';
import { compileTemplate, type CompiledTemplate } from './jinja/render.js';
import { readWidgetFile } from './template-file.js';

/** The content of a `.widget` file, as exported by widgets.chatkit.studio (§8.4). */
export const WidgetTemplateDefinitionSchema = z.looseObject({
  /** Only `"1.0"` is supported. */
  version: z.string(),
  name: z.string(),
  /** A Jinja2 template that renders widget JSON. */
  template: z.string(),
  /** JSON Schema of the template data; kept, never used for validation. */
  jsonSchema: z.record(z.string(), z.unknown()).optional(),
  /** Ignored. */
  outputJsonPreview: z.unknown().optional(),
  /** Ignored. */
  encodedWidget: z.string().optional(),
});
export type WidgetTemplateDefinition = z.input<typeof WidgetTemplateDefinitionSchema>;

/**
 * A widget template from a `.widget` file (chatkit-python `WidgetTemplate`): a Jinja2 template
 * rendered with your data into a widget root. Templates compile once, in the constructor, with a
 * built-in Jinja2-compatible engine (StrictUndefined, no autoescaping, `tojson` as in Jinja).
 * Only `"version": "1.0"` definitions are accepted.
 *
 * @example
 * ```ts
 * import { WidgetTemplate } from '@threadline/server/widgets';
 *
 * const template = await WidgetTemplate.fromFile(new URL('./author.widget', import.meta.url));
 * const widget = template.build({ name: 'Harry Potter', bio: 'The boy who lived' });
 * ```
 */
export class WidgetTemplate {
  /** The spec version; always `"1.0"`. */
  readonly version: string;
  /** The template's display name. */
  readonly name: string;
  /** The template source. */
  readonly template: string;
  /** The `jsonSchema` of the definition (chatkit-python `data_schema`); `{}` when absent. */
  readonly dataSchema: Readonly<Record<string, unknown>>;
  private readonly compiled: CompiledTemplate;

  /** @throws ConfigurationError for a malformed definition, another version, or a template syntax error. */
  constructor(definition: WidgetTemplateDefinition) {
    const parsed = WidgetTemplateDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      throw new ConfigurationError(`Invalid widget definition: ${z.prettifyError(parsed.error)}`, {
        cause: parsed.error,
      });
    }
    const { version, name, template, jsonSchema } = parsed.data;
    if (version !== '1.0')
      throw new ConfigurationError(`Unsupported widget spec version: ${version}`);
    this.version = version;
    this.name = name;
    this.template = template;
    this.dataSchema = jsonSchema ?? {};
    this.compiled = compileTemplate(template);
  }

  /** Parses the JSON text of a `.widget` file. */
  static fromJSON(text: string): WidgetTemplate {
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      throw new ConfigurationError('Invalid widget definition: not JSON', { cause: error });
    }
    return new WidgetTemplate(definition as WidgetTemplateDefinition);
  }

  /**
   * Reads a `.widget` file. Needs `node:fs` (Node, Bun, Deno); elsewhere use `fromJSON`. A
   * relative string path resolves against the working directory, not the caller's file as in
   * Python: pass `new URL('./x.widget', import.meta.url)` for that.
   */
  static async fromFile(path: string | URL): Promise<WidgetTemplate> {
    return WidgetTemplate.fromJSON(await readWidgetFile(path));
  }

  /**
   * Renders the template with `data` as its top-level variables and returns the widget root
   * (`Card`, `ListView` or `Basic`). The result is validated with `WidgetRootSchema` but returned
   * exactly as rendered, like chatkit-python's `DynamicWidgetRoot`: unknown props are kept and
   * ActionConfig defaults are not filled in (the client applies them).
   *
   * @throws ConfigurationError when rendering fails (e.g. an undefined variable), the output is not
   * JSON, or it is not a valid widget root.
   */
  build(data?: Readonly<Record<string, unknown>> | null): WidgetRoot {
    const rendered = this.compiled.render(data ?? {});
    let json: unknown;
    try {
      json = JSON.parse(rendered);
    } catch (error) {
      throw new ConfigurationError(`Widget template '${this.name}' did not render valid JSON`, {
        cause: error,
      });
    }
    const result = WidgetRootSchema.safeParse(json);
    if (!result.success) {
      throw new ConfigurationError(
        `Widget template '${this.name}' rendered an invalid widget: ${z.prettifyError(result.error)}`,
        { cause: result.error },
      );
    }
    return json as WidgetRoot;
  }
}
