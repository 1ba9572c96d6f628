// `structured_input` items (docs/protocol.md §4.8): a pending one replaces the composer with its
// questions and a skip option, answered through `threads.add_structured_input` (§2.4); an answered
// or skipped one stays in the thread as a read-only list of questions and answers.
import { useState } from 'preact/hooks';
import type { StructuredInputItem } from '@threadline/server/protocol';
import type { Item } from '../state/types.js';
import { useUi } from './context.js';

type Question = StructuredInputItem['inputs'][number];

/** The pending structured input the thread ends with, if any: it takes the composer's place. */
export function pendingStructuredInput(items: readonly Item[]): StructuredInputItem | undefined {
  const last = items.at(-1);
  return last?.type === 'structured_input' &&
    (last as StructuredInputItem).status !== 'answered' &&
    (last as StructuredInputItem).status !== 'skipped'
    ? (last as StructuredInputItem)
    : undefined;
}

/** An answered or skipped structured input, as it stays in the thread (a pending one: nothing). */
export function StructuredInputSummary(props: { item: StructuredInputItem }) {
  const { t } = useUi();
  const { item } = props;
  if (item.status !== 'answered' && item.status !== 'skipped') return null;
  return (
    <div class="structured-summary" data-item-id={item.id} data-item-type="structured_input">
      <dl>
        {item.inputs.map((input) => (
          <div key={input.id}>
            <dt dir="auto">{input.question}</dt>
            <dd dir="auto">
              {input.answer && !input.answer.skipped && input.answer.values.length > 0
                ? input.answer.values.join(', ')
                : t('Skipped')}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The questions in place of the composer, with submit and skip. */
export function StructuredInputPanel(props: { item: StructuredInputItem; busy: boolean }) {
  const { controller, t } = useUi();
  const { item, busy } = props;
  const [values, setValues] = useState<Record<string, string[]>>({});
  const set = (id: string, next: string[]) => setValues((prev) => ({ ...prev, [id]: next }));
  const toggle = (question: Question, value: string, on: boolean) => {
    const current = values[question.id] ?? [];
    const multiple = question.type === 'multiple_choice' && question.multiple;
    if (!multiple) return set(question.id, on ? [value] : []);
    set(question.id, on ? [...current, value] : current.filter((v) => v !== value));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const answers: Record<string, { values: string[] }> = {};
    for (const [id, picked] of Object.entries(values)) {
      const cleaned = picked.map((v) => v.trim()).filter((v) => v !== '');
      if (cleaned.length > 0) answers[id] = { values: cleaned };
    }
    void controller.addStructuredInput(item.id, { status: 'answered', answers });
  };
  return (
    <form
      class="structured-input"
      aria-label={t('Questions')}
      data-item-id={item.id}
      data-item-type="structured_input"
      onSubmit={submit}
    >
      {item.inputs.map((question) => (
        <fieldset key={question.id} disabled={busy}>
          <legend dir="auto">{question.question}</legend>
          {question.type === 'multiple_choice' ? (
            question.options.map((option) => (
              <label key={option.value} dir="auto">
                <input
                  type={question.multiple ? 'checkbox' : 'radio'}
                  name={`si-${question.id}`}
                  value={option.value}
                  checked={(values[question.id] ?? []).includes(option.value)}
                  onChange={(e) => toggle(question, option.value, e.currentTarget.checked)}
                />
                {option.value}
              </label>
            ))
          ) : (
            <textarea
              rows={2}
              dir="auto"
              aria-label={question.question}
              placeholder={question.description ?? undefined}
              value={(values[question.id] ?? [])[0] ?? ''}
              onInput={(e) => set(question.id, [e.currentTarget.value])}
            />
          )}
        </fieldset>
      ))}
      <div class="structured-actions">
        <button
          type="button"
          class="btn"
          disabled={busy}
          onClick={() => void controller.addStructuredInput(item.id, { status: 'skipped' })}
        >
          {t('Skip')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('Submit answers')}
        </button>
      </div>
    </form>
  );
}
