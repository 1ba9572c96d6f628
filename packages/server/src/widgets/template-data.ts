import { z } from 'zod';
import { ConfigurationError } from '../errors.js';

/** Checks template data; throws a ConfigurationError naming the first failing fields. */
export type TemplateDataValidator = (data: Readonly<Record<string, unknown>>) => void;

/** `tasks[0].title` from a zod issue path; `(root)` for the data object itself. */
function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name === '' ? String(key) : `.${String(key)}`;
  }
  return name === '' ? '(root)' : name;
}

/**
 * A validator for the `jsonSchema` of a `.widget` definition (draft 2020-12), as the seeds'
 * template services check data before hydrating (docs/seeds.md §A.3). Returns undefined for an
 * empty schema. The schema is converted once, with zod's JSON Schema reader.
 *
 * @throws ConfigurationError when the schema uses a feature the reader does not support.
 */
export function compileDataValidator(
  templateName: string,
  schema: Readonly<Record<string, unknown>>,
): TemplateDataValidator | undefined {
  if (Object.keys(schema).length === 0) return undefined;
  let zodSchema: z.ZodType;
  try {
    zodSchema = z.fromJSONSchema(schema);
  } catch (error) {
    throw new ConfigurationError(
      `Widget template '${templateName}' has a jsonSchema that cannot be used for validation: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  return (data) => {
    const result = zodSchema.safeParse(data);
    if (result.success) return;
    const problems = result.error.issues
      .slice(0, 5)
      .map((issue) => `${fieldName(issue.path)}: ${issue.message}`);
    throw new ConfigurationError(
      `Widget template '${templateName}' data does not match its jsonSchema: ${problems.join('; ')}`,
      { cause: result.error },
    );
  };
}
