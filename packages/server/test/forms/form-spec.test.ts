import { describe, expect, it } from 'vitest';
import {
  FORM_ACTIONS,
  FormInteractions,
  formSummaryWidget,
  formWidget,
  validateAnswers,
  type FormSpec,
} from '../../src/forms/index.js';
import { normalizeFormRequest } from '../../src/forms/form-spec.js';
import { WidgetRootSchema } from '../../src/protocol/index.js';
import { TRIP_REQUEST, field } from './trip-form.js';

const spec = (): FormSpec => {
  const result = normalizeFormRequest(TRIP_REQUEST);
  if ('error' in result) throw new Error(result.error);
  return result.spec;
};

describe('normalizeFormRequest', () => {
  it('keeps a valid request and drops empty optional texts', () => {
    const result = spec();
    expect(result.title).toBe('Trip details');
    expect(result.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['destination', 'text', true],
      ['notes', 'textarea', false],
      ['travel_class', 'select', true],
      ['seat', 'radio', false],
      ['newsletter', 'checkbox', false],
      ['date', 'date', false],
    ]);
    expect(result.fields[0]).toEqual({
      name: 'destination',
      label: 'Destination',
      type: 'text',
      required: true,
      placeholder: 'City',
    });
    expect(result.fields[1]).toEqual({
      name: 'notes',
      label: 'Notes',
      type: 'textarea',
      required: false,
    });
  });

  it.each([
    ['no fields', { ...TRIP_REQUEST, fields: [] }, /at least one field/],
    ['no title', { ...TRIP_REQUEST, title: '  ' }, /needs a title/],
    [
      'a dotted name',
      { ...TRIP_REQUEST, fields: [field({ name: 'a.b', type: 'text' })] },
      /Invalid field name "a.b"/,
    ],
    [
      'a reserved name',
      { ...TRIP_REQUEST, fields: [field({ name: 'interaction_id', type: 'text' })] },
      /Invalid field name/,
    ],
    [
      'a duplicate name',
      {
        ...TRIP_REQUEST,
        fields: [field({ name: 'a', type: 'text' }), field({ name: 'a', type: 'date' })],
      },
      /Two fields are named "a"/,
    ],
    [
      'a select without options',
      { ...TRIP_REQUEST, fields: [field({ name: 'a', type: 'select' })] },
      /needs options/,
    ],
  ])('explains %s to the model', (_name, request, message) => {
    const result = normalizeFormRequest(request);
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('validateAnswers', () => {
  it('reads payload.answers first, then top-level control values, and normalizes them', () => {
    const result = validateAnswers(spec(), {
      interaction_id: 'form_1',
      answers: { destination: '  Lisbon ' },
      destination: 'ignored',
      travel_class: 'economy',
      seat: 'window',
      newsletter: 'on',
      date: '2030-05-01T00:00:00.000Z',
      notes: '',
    });
    expect(result).toEqual({
      ok: true,
      answers: {
        destination: 'Lisbon',
        notes: null,
        travel_class: 'economy',
        seat: 'window',
        newsletter: true,
        date: '2030-05-01',
      },
    });
  });

  it('reports every invalid field and keeps what was entered', () => {
    const result = validateAnswers(spec(), {
      travel_class: 'first',
      seat: 'roof',
      date: '2030-02-31',
      newsletter: false,
    });
    if (result.ok) throw new Error('expected the answers to be refused');
    expect(result.errors).toEqual({
      destination: 'This field is required.',
      travel_class: 'Choose one of the options.',
      seat: 'Choose one of the options.',
      date: 'Enter a valid date.',
    });
    expect(result.answers.travel_class).toBe('first');
  });

  it('requires a required checkbox to be checked', () => {
    const required = {
      title: 'T',
      fields: [{ name: 'ok', label: 'I agree', type: 'checkbox' as const, required: true }],
    };
    expect(validateAnswers(required, { ok: false })).toMatchObject({
      ok: false,
      errors: { ok: 'Please check this box.' },
    });
    expect(validateAnswers(required, { ok: true })).toEqual({ ok: true, answers: { ok: true } });
  });
});

describe('form widgets (§8)', () => {
  it('builds a valid form with every control and the three actions carrying the interaction id', () => {
    const widget = formWidget(spec(), 'form_1', {
      values: { travel_class: 'business', newsletter: true },
      errors: { destination: 'This field is required.' },
    });
    expect(WidgetRootSchema.safeParse(widget).success).toBe(true);
    const json = JSON.stringify(widget);
    for (const type of [
      'Input',
      'Textarea',
      'Select',
      'RadioGroup',
      'Checkbox',
      'DatePicker',
      'Label',
    ])
      expect(json).toContain(`"type":"${type}"`);
    expect(json).toContain('"defaultValue":"business"');
    expect(json).toContain('"defaultChecked":true');
    expect(json).toContain('"value":"This field is required."');
    const form = (
      widget as {
        children: {
          type: string;
          onSubmitAction?: unknown;
          children: { type: string; children?: unknown[] }[];
        }[];
      }
    ).children[0]!;
    expect(form.type).toBe('Form');
    expect(form.onSubmitAction).toEqual({
      type: FORM_ACTIONS.submit,
      payload: { interaction_id: 'form_1' },
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
    const buttons = form.children.at(-1)!.children as {
      label: string;
      submit?: boolean;
      onClickAction?: { type: string; payload: unknown };
    }[];
    expect(
      buttons.map((b) => [
        b.label,
        b.submit ?? false,
        b.onClickAction?.type,
        b.onClickAction?.payload,
      ]),
    ).toEqual([
      ['Cancel', false, 'human.cancel', { interaction_id: 'form_1' }],
      ['Use your best judgement', false, 'human.best_judgement', { interaction_id: 'form_1' }],
      ['Submit', true, undefined, undefined],
    ]);
  });

  it('builds read-only summaries without controls or actions', () => {
    for (const outcome of [
      {
        kind: 'submitted' as const,
        answers: {
          destination: 'Lisbon',
          notes: null,
          travel_class: 'economy',
          seat: null,
          newsletter: false,
          date: '2030-05-01',
        },
      },
      { kind: 'best_judgement' as const },
      { kind: 'cancelled' as const },
    ]) {
      const widget = formSummaryWidget(spec(), outcome);
      expect(WidgetRootSchema.safeParse(widget).success).toBe(true);
      expect(JSON.stringify(widget)).not.toMatch(/Action|"name":/);
    }
    expect(
      JSON.stringify(
        formSummaryWidget(spec(), { kind: 'submitted', answers: { travel_class: 'economy' } }),
      ),
    ).toContain('Economy (economy)');
  });
});

describe('FormInteractions.isFormAction', () => {
  it('recognizes exactly the three human.* actions', () => {
    const forms = new FormInteractions();
    expect(Object.values(FORM_ACTIONS).map((type) => forms.isFormAction({ type }))).toEqual([
      true,
      true,
      true,
    ]);
    for (const type of ['toString', 'constructor', 'human.other', '__proto__'])
      expect(forms.isFormAction({ type })).toBe(false);
  });
});
