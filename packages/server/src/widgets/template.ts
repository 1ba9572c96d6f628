import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { WidgetRootSchema, type WidgetRoot } from '../protocol/widgets/index.js';
import { compileTemplate, type CompiledTemplate } from './jinja/render.js';
import { compileDataValidator, type TemplateDataValidator } from './template-data.js';
import { readWidgetFile } from './template-file.js';

/** The content of a `.widget` file, as exported by widgets.chatkit.studio (§8.4). */
export const WidgetTemplateDefinitionSchema = z.looseObject({
  /** Only `"1.0"` is supported. */
  version: z.string(),
  name: z.string(),
  /** A Jinja2 template that renders widget JSON. */
  template: z.string(),
  /** JSON Schema (draft 2020-12) of the template data; `build` validates the data against it. */
  jsonSchema: z.record(z.string(), z.unknown()).optional(),
  /** A Jinja2 template of the widget's clipboard text, rendered with the same data (docs/seeds.md §A.3). */
  copy_text: z.string().optional(),
  /** Ignored. */
  outputJsonPreview: z.unknown().optional(),
  /** Ignored. */
  encodedWidget: z.string().optional(),
});
export type WidgetTemplateDefinition = z.input<typeof WidgetTemplateDefinitionSchema>;

/**
 * A widget template from a `.widget` file (chatkit-python `WidgetTemplate`): a Jinja2 template
 * rendered with your data into a widget root. Templates compile once, in the constructor, with a
 * built-in Jinja2-compatible engine (StrictUndefined, no autoescaping, `tojson` as in Jinja and
 * its `json` alias). The data is validated against the definition's `jsonSchema` before
 * rendering, and an optional `copy_text` template gives the clipboard text (`buildCopyText`), as
 * the seeds write templates (docs/seeds.md §A.3). Only `"version": "1.0"` definitions are accepted.
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
  /** The `copy_text` template source, if the definition has one. */
  readonly copyTextTemplate: string | undefined;
  private readonly compiled: CompiledTemplate;
  private readonly compiledCopyText: CompiledTemplate | undefined;
  private readonly validateData: TemplateDataValidator | undefined;

  /**
   * @throws ConfigurationError for a malformed definition, another version, a template syntax
   * error, or a `jsonSchema` that cannot be read.
   */
  constructor(definition: WidgetTemplateDefinition) {
    const parsed = WidgetTemplateDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      throw new ConfigurationError(`Invalid widget definition: ${z.prettifyError(parsed.error)}`, {
        cause: parsed.error,
      });
    }
    const { version, name, template, jsonSchema, copy_text: copyText } = parsed.data;
    if (version !== '1.0')
      throw new ConfigurationError(`Unsupported widget spec version: ${version}`);
    this.version = version;
    this.name = name;
    this.template = template;
    this.dataSchema = jsonSchema ?? {};
    this.copyTextTemplate = copyText;
    this.compiled = compileTemplate(template);
    this.compiledCopyText = copyText === undefined ? undefined : compileTemplate(copyText);
    this.validateData = compileDataValidator(name, this.dataSchema);
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
   * @throws ConfigurationError when the data does not match the `jsonSchema` (the message names
   * the failing fields), rendering fails (e.g. an undefined variable), the output is not JSON, or
   * it is not a valid widget root.
   */
  build(data?: Readonly<Record<string, unknown>> | null): WidgetRoot {
    const values = data ?? {};
    this.validateData?.(values);
    const rendered = this.compiled.render(values);
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

  /**
   * Renders the definition's `copy_text` template with `data` (validated like `build`), trimmed;
   * undefined when the definition has none.
   *
   * @throws ConfigurationError when the data does not match the `jsonSchema` or rendering fails.
   */
  buildCopyText(data?: Readonly<Record<string, unknown>> | null): string | undefined {
    if (this.compiledCopyText === undefined) return undefined;
    const values = data ?? {};
    this.validateData?.(values);
    return this.compiledCopyText.render(values).trim();
  }
}
