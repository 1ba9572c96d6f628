import type { StructuredInputItem } from '../protocol/items.js';
import type { StructuredInputSubmission } from '../protocol/structured-input.js';
import type { Logger } from './logger.js';

/**
 * Applies a submission to a pending structured-input item (§6.6 step 3): missing, skipped or empty
 * answers become `{values: [], skipped: true}`; a single-choice question keeps its first value;
 * values are not checked against the options (free text is allowed); unknown ids are ignored.
 */
export function answerStructuredInput(
  item: StructuredInputItem,
  submission: StructuredInputSubmission,
  logger: Logger,
): StructuredInputItem {
  const known = new Set(item.inputs.map((input) => input.id));
  for (const id of Object.keys(submission.answers)) {
    if (!known.has(id)) logger.warn(`Ignoring answer for unknown structured input ${id}`);
  }
  const inputs = item.inputs.map((input) => {
    const answer = submission.answers[input.id];
    if (
      submission.status === 'skipped' ||
      !answer ||
      answer.skipped ||
      answer.values.length === 0
    ) {
      return { ...input, answer: { values: [], skipped: true } };
    }
    const values =
      input.type === 'multiple_choice' && !input.multiple
        ? answer.values.slice(0, 1)
        : answer.values;
    return { ...input, answer: { values, skipped: false } };
  });
  return { ...structuredClone(item), status: submission.status, inputs };
}
