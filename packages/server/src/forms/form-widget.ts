import type { WidgetComponent, WidgetRoot } from '../protocol/widgets/index.js';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Label,
  RadioGroup,
  Row,
  Select,
  Text,
  Textarea,
  Title,
} from '../widgets/builders.js';
import { answerText, type FormAnswers, type FormField, type FormSpec } from './form-spec.js';

/** Action types of the form buttons (docs/seeds.md §A.5). */
export const FORM_ACTIONS = {
  submit: 'human.form_submit',
  bestJudgement: 'human.best_judgement',
  cancel: 'human.cancel',
} as const;
export type FormActionType = (typeof FORM_ACTIONS)[keyof typeof FORM_ACTIONS];

/** Button labels and summary texts of the form widgets. */
export interface FormWidgetTexts {
  submit: string;
  bestJudgement: string;
  cancel: string;
  submitted: string;
  bestJudgementChosen: string;
  cancelled: string;
  bestJudgementNote: string;
  cancelledNote: string;
}

export const DEFAULT_FORM_WIDGET_TEXTS: FormWidgetTexts = {
  submit: 'Submit',
  bestJudgement: 'Use your best judgement',
  cancel: 'Cancel',
  submitted: 'Submitted',
  bestJudgementChosen: 'Best judgement',
  cancelled: 'Cancelled',
  bestJudgementNote: 'You asked the assistant to use its best judgement.',
  cancelledNote: 'You cancelled this form.',
};

/** What the form shows: previous values and errors when it comes back after an invalid submit. */
export interface FormWidgetState {
  values?: FormAnswers | undefined;
  errors?: Record<string, string> | undefined;
}

function control(field: FormField, value: FormAnswers[string] | undefined): WidgetComponent {
  const text = typeof value === 'string' ? value : undefined;
  const common = { name: field.name, ...(text === undefined ? {} : { defaultValue: text }) };
  const placeholder = field.placeholder ? { placeholder: field.placeholder } : {};
  switch (field.type) {
    case 'text':
      return Input({ ...common, ...placeholder, required: field.required });
    case 'textarea':
      return Textarea({
        ...common,
        ...placeholder,
        required: field.required,
        rows: 3,
        autoResize: true,
      });
    case 'select':
      return Select({ ...common, ...placeholder, options: field.options ?? [], block: true });
    case 'radio':
      return RadioGroup({
        ...common,
        options: field.options ?? [],
        direction: 'col',
        ariaLabel: field.label,
        required: field.required,
      });
    case 'date':
      return DatePicker({ ...common, ...placeholder });
    case 'checkbox':
      return Checkbox({
        name: field.name,
        label: field.label,
        defaultChecked: value === true,
        required: field.required,
      });
    default: {
      const unreachable: never = field.type;
      throw new Error(`Unknown field type ${String(unreachable)}`);
    }
  }
}

function fieldBlock(field: FormField, state: FormWidgetState): WidgetComponent {
  const children: WidgetComponent[] = [];
  const label = `${field.label}${field.required ? ' *' : ''}`;
  if (field.type !== 'checkbox')
    children.push(Label({ value: label, fieldName: field.name, size: 'sm', weight: 'medium' }));
  children.push(control(field, state.values?.[field.name]));
  const error = state.errors?.[field.name];
  if (error) children.push(Text({ value: error, size: 'sm', color: 'danger' }));
  return Col({ gap: 1, key: field.name, children });
}

/**
 * The form as a widget: a `Card` holding a `Form` whose submit sends `human.form_submit`, plus
 * "use your best judgement" (`human.best_judgement`) and cancel (`human.cancel`) buttons. Every
 * action's payload carries `interaction_id`; the client adds the named controls' values.
 */
export function formWidget(
  spec: FormSpec,
  interactionId: string,
  state: FormWidgetState = {},
  texts: FormWidgetTexts = DEFAULT_FORM_WIDGET_TEXTS,
): WidgetRoot {
  const payload = { interaction_id: interactionId };
  const children: WidgetComponent[] = [Title({ value: spec.title, size: 'sm' })];
  if (spec.description)
    children.push(Text({ value: spec.description, size: 'sm', color: 'secondary' }));
  for (const field of spec.fields) children.push(fieldBlock(field, state));
  children.push(
    Row({
      gap: 2,
      justify: 'end',
      wrap: 'wrap',
      children: [
        Button({
          label: texts.cancel,
          variant: 'ghost',
          onClickAction: { type: FORM_ACTIONS.cancel, payload },
        }),
        Button({
          label: texts.bestJudgement,
          variant: 'outline',
          onClickAction: { type: FORM_ACTIONS.bestJudgement, payload },
        }),
        Button({ label: texts.submit, submit: true, style: 'primary' }),
      ],
    }),
  );
  return Card({
    size: 'md',
    children: [
      Form({
        direction: 'col',
        gap: 3,
        onSubmitAction: { type: FORM_ACTIONS.submit, payload },
        children,
      }),
    ],
  });
}

/** How a form was resolved. */
export type FormOutcome =
  { kind: 'submitted'; answers: FormAnswers } | { kind: 'best_judgement' } | { kind: 'cancelled' };

/** The read-only card that replaces a resolved form. */
export function formSummaryWidget(
  spec: FormSpec,
  outcome: FormOutcome,
  texts: FormWidgetTexts = DEFAULT_FORM_WIDGET_TEXTS,
): WidgetRoot {
  const badge =
    outcome.kind === 'submitted'
      ? Badge({ label: texts.submitted, color: 'success' })
      : outcome.kind === 'best_judgement'
        ? Badge({ label: texts.bestJudgementChosen, color: 'info' })
        : Badge({ label: texts.cancelled, color: 'secondary' });
  const body: WidgetComponent[] =
    outcome.kind === 'submitted'
      ? spec.fields.map((field) =>
          Col({
            gap: 0,
            key: field.name,
            children: [
              Text({ value: field.label, size: 'xs', color: 'secondary' }),
              Text({ value: answerText(field, outcome.answers[field.name]), size: 'sm' }),
            ],
          }),
        )
      : [
          Text({
            value:
              outcome.kind === 'best_judgement' ? texts.bestJudgementNote : texts.cancelledNote,
            size: 'sm',
            color: 'secondary',
          }),
        ];
  return Card({
    size: 'md',
    children: [
      Row({
        justify: 'between',
        align: 'center',
        children: [Title({ value: spec.title, size: 'sm' }), badge],
      }),
      ...body,
    ],
  });
}

/** Clipboard text of a form or its summary. */
export function formCopyText(spec: FormSpec, outcome?: FormOutcome): string {
  if (!outcome) return [spec.title, ...spec.fields.map((field) => `- ${field.label}`)].join('\n');
  if (outcome.kind !== 'submitted')
    return `${spec.title}: ${outcome.kind === 'cancelled' ? 'cancelled' : 'best judgement'}`;
  return [
    spec.title,
    ...spec.fields.map(
      (field) => `- ${field.label}: ${answerText(field, outcome.answers[field.name])}`,
    ),
  ].join('\n');
}
