import { z } from 'zod';

/** Both fields are always emitted. */
export const StructuredInputAnswerSchema = z.object({
  values: z.array(z.string()).default([]),
  skipped: z.boolean().default(false),
});
export type StructuredInputAnswer = z.output<typeof StructuredInputAnswerSchema>;

const inputBase = {
  /** Stable question id, the key of the client's answer. */
  id: z.string(),
  question: z.string(),
  answer: StructuredInputAnswerSchema.nullish(),
};

export const MultipleChoiceInputSchema = z.object({
  ...inputBase,
  type: z.literal('multiple_choice'),
  options: z.array(z.object({ value: z.string() })),
  multiple: z.boolean().default(false),
});
export const FreeformInputSchema = z.object({
  ...inputBase,
  type: z.literal('freeform'),
  description: z.string().nullish(),
});
export const StructuredInputSchema = z.discriminatedUnion('type', [
  MultipleChoiceInputSchema,
  FreeformInputSchema,
]);
export type StructuredInput = z.output<typeof StructuredInputSchema>;

/** What the client submits in `threads.add_structured_input`. */
export const StructuredInputSubmissionSchema = z.object({
  status: z.enum(['answered', 'skipped']).default('answered'),
  answers: z
    .record(
      z.string(),
      z.object({
        values: z.array(z.string()).default([]),
        skipped: z.boolean().default(false),
      }),
    )
    .default({}),
});
export type StructuredInputSubmission = z.output<typeof StructuredInputSubmissionSchema>;
