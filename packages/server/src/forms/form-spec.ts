import { z } from 'zod';
import { formatMessage, type Translate } from '../i18n/catalog.js';

/** The kinds of form fields. */
export const FORM_FIELD_TYPES = [
  'text',
  'textarea',
  'select',
  'radio',
  'checkbox',
  'date',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/**
 * The form the model asks for (the tool's parameters). Every key is present and optional values
 * are `null`, so the schema also works as an OpenAI strict function schema.
 */
export const FormRequestSchema = z.object({
  title: z.string().describe('Short title of the form'),
  description: z.string().nullable().describe('Why you need this information (optional)'),
  fields: z
    .array(
      z.object({
        name: z.string().describe('Key of the answer: letters, digits and underscores'),
        label: z.string().describe('The question shown to the user'),
        type: z.enum(FORM_FIELD_TYPES),
        required: z.boolean().nullable().describe('Whether an answer is required (default false)'),
        options: z
          .array(z.object({ value: z.string(), label: z.string() }))
          .nullable()
          .describe('Choices; required for select and radio fields'),
        placeholder: z.string().nullable().describe('Hint inside empty text fields (optional)'),
      }),
    )
    .describe('The questions, in order'),
});
export type FormRequest = z.infer<typeof FormRequestSchema>;

/** A validated form field. */
export interface FormField {
  name: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  options?: { value: string; label: string }[] | undefined;
  placeholder?: string | undefined;
}

/** A validated form. */
export interface FormSpec {
  title: string;
  description?: string | undefined;
  fields: FormField[];
}

/** How a stored pending form is read back (stored data is validated, never trusted). */
export const FormSpecSchema: z.ZodType<FormSpec> = z.object({
  title: z.string(),
  description: z.string().optional(),
  fields: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      type: z.enum(FORM_FIELD_TYPES),
      required: z.boolean(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      placeholder: z.string().optional(),
    }),
  ),
});

/** An answer value: text (dates as `YYYY-MM-DD`), a checkbox state, or null when left empty. */
export type FormAnswerValue = string | boolean | null;
export type FormAnswers = Record<string, FormAnswerValue>;

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Keys of the action payload that are not answers. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(['interaction_id', 'answers']);
const MAX_FIELDS = 30;
const MAX_TEXT_LENGTH = 10_000;

const blank = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Checks a form request from the model; an error text tells the model what to fix. */
export function normalizeFormRequest(request: FormRequest): { spec: FormSpec } | { error: string } {
  const title = blank(request.title);
  if (!title) return { error: 'The form needs a title.' };
  if (request.fields.length === 0) return { error: 'The form needs at least one field.' };
  if (request.fields.length > MAX_FIELDS)
    return { error: `A form may have at most ${MAX_FIELDS} fields.` };
  const names = new Set<string>();
  const fields: FormField[] = [];
  for (const raw of request.fields) {
    if (!NAME_PATTERN.test(raw.name) || RESERVED_FIELD_NAMES.has(raw.name)) {
      return {
        error: `Invalid field name "${raw.name}": use letters, digits and underscores (not interaction_id or answers).`,
      };
    }
    if (names.has(raw.name)) return { error: `Two fields are named "${raw.name}".` };
    names.add(raw.name);
    const options = raw.options?.filter((option) => option.value !== '');
    if ((raw.type === 'select' || raw.type === 'radio') && !options?.length) {
      return { error: `Field "${raw.name}" is a ${raw.type} field and needs options.` };
    }
    const placeholder = blank(raw.placeholder);
    fields.push({
      name: raw.name,
      label: blank(raw.label) ?? raw.name,
      type: raw.type,
      required: raw.required === true,
      ...(options?.length && (raw.type === 'select' || raw.type === 'radio') ? { options } : {}),
      ...(placeholder ? { placeholder } : {}),
    });
  }
  const description = blank(request.description);
  return { spec: { title, ...(description ? { description } : {}), fields } };
}

/** The raw value submitted for `field`: `payload.answers[name]` first, else the top-level `payload[name]`. */
function rawValue(payload: Record<string, unknown>, name: string): unknown {
  const answers = payload.answers;
  if (
    typeof answers === 'object' &&
    answers !== null &&
    !Array.isArray(answers) &&
    name in answers
  ) {
    return (answers as Record<string, unknown>)[name];
  }
  return payload[name];
}

/** `YYYY-MM-DD` naming a real day (no 31 February). */
function isCalendarDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

const TRUTHY = new Set(['true', 'on', 'yes', '1']);

/** The result of validating a submission. */
export type FormValidation =
  | { ok: true; answers: FormAnswers }
  | { ok: false; errors: Record<string, string>; answers: FormAnswers };

/**
 * Validates submitted answers against the form: required fields, choices among the options,
 * dates (`YYYY-MM-DD`, a full ISO date-time is cut to its date), text length. Accepts values under
 * `payload.answers` and, as the ChatKit client sends named form controls, at the top level.
 */
export function validateAnswers(
  spec: FormSpec,
  payload: Record<string, unknown>,
  /** Translates the error texts (English keys); default: English. */
  t: Translate = formatMessage,
): FormValidation {
  const answers: FormAnswers = {};
  const errors: Record<string, string> = {};
  for (const field of spec.fields) {
    const raw = rawValue(payload, field.name);
    if (field.type === 'checkbox') {
      const checked = raw === true || (typeof raw === 'string' && TRUTHY.has(raw.toLowerCase()));
      answers[field.name] = checked;
      if (field.required && !checked) errors[field.name] = t('Please check this box.');
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    answers[field.name] = text === '' ? null : text;
    if (text === '') {
      if (field.required) errors[field.name] = t('This field is required.');
      continue;
    }
    if (field.type === 'select' || field.type === 'radio') {
      if (!field.options?.some((option) => option.value === text))
        errors[field.name] = t('Choose one of the options.');
    } else if (field.type === 'date') {
      const date = /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
      if (!date || !isCalendarDate(date)) errors[field.name] = t('Enter a valid date.');
      else answers[field.name] = date;
    } else if (text.length > MAX_TEXT_LENGTH) {
      errors[field.name] = t('Keep it under {max} characters.', { max: MAX_TEXT_LENGTH });
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true, answers } : { ok: false, errors, answers };
}

/** An answer as text: the option's label for choices, yes/no for checkboxes, "(no answer)" when empty. */
export function answerText(field: FormField, value: FormAnswerValue | undefined): string {
  if (field.type === 'checkbox') return value === true ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '(no answer)';
  const text = String(value);
  const option = field.options?.find((candidate) => candidate.value === text);
  return option && option.label !== option.value ? `${option.label} (${option.value})` : text;
}
