import { tool, type Tool, type ToolToFinalOutputFunction } from '@openai/agents';
import { z } from 'zod';
import type { AgentContext } from '@threadline/server/agents';
import { streamStructuredInput, type StructuredInputQuestion } from '@threadline/server/forms';

/** The tool agents with `forms: true` get next to `ask_user_form`. */
export const QUESTIONS_TOOL_NAME = 'ask_user_questions';

const QuestionSchema = z.object({
  id: z.string().min(1).max(64).describe('A short stable id, e.g. "budget"'),
  question: z.string().min(1).max(500),
  options: z
    .array(z.string().min(1).max(200))
    .max(20)
    .nullable()
    .describe('The choices, or null for a free-text answer'),
  multiple: z.boolean().nullable().describe('Whether several choices may be picked'),
});
const QuestionsSchema = z.object({ questions: z.array(QuestionSchema).min(1).max(10) });

const DESCRIPTION =
  'Ask the user a few short questions (multiple choice or free text) shown in place of the composer. ' +
  'Your turn ends; the answers (or that the user skipped them) arrive in the next turn.';

/** The questions as `structured_input` entries; a repeated id gets its position appended. */
export function toStructuredQuestions(
  questions: z.output<typeof QuestionsSchema>['questions'],
): StructuredInputQuestion[] {
  const seen = new Set<string>();
  return questions.map((question, index) => {
    const id = seen.has(question.id) ? `${question.id}_${index + 1}` : question.id;
    seen.add(id);
    return question.options && question.options.length > 0
      ? {
          type: 'multiple_choice',
          id,
          question: question.question,
          options: question.options.map((value) => ({ value })),
          multiple: question.multiple ?? false,
        }
      : { type: 'freeform', id, question: question.question };
  });
}

/**
 * The Agents SDK tool that shows a pending `structured_input` item (docs/protocol.md §4.8); the
 * client answers with `threads.add_structured_input`, which resumes the agent.
 */
export function questionsAgentTool<TContext>(): Tool<AgentContext<TContext>> {
  return tool({
    name: QUESTIONS_TOOL_NAME,
    description: DESCRIPTION,
    parameters: QuestionsSchema,
    execute: async ({ questions }, runContext) => {
      await streamStructuredInput(runContext!.context, toStructuredQuestions(questions));
      return 'The questions are shown to the user. End your turn now; the answers come next turn.';
    },
  }) as Tool<AgentContext<TContext>>;
}

/** `toolUseBehavior` that ends the run once the questions are shown, else defers to `inner`. */
export function stopAfterQuestions(inner: ToolToFinalOutputFunction): ToolToFinalOutputFunction {
  return (runContext, results) => {
    const asked = results.find(
      (result) => result.type === 'function_output' && result.tool.name === QUESTIONS_TOOL_NAME,
    );
    return asked && asked.type === 'function_output'
      ? { isFinalOutput: true, isInterrupted: undefined, finalOutput: String(asked.output) }
      : inner(runContext, results);
  };
}
