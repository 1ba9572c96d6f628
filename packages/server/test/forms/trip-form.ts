import type { FormRequest } from '../../src/forms/index.js';

/** A form using every field type (shared by the form tests). */
export const field = (
  overrides: Partial<FormRequest['fields'][number]> &
    Pick<FormRequest['fields'][number], 'name' | 'type'>,
) => ({
  label: overrides.name,
  required: null,
  options: null,
  placeholder: null,
  ...overrides,
});

export const TRIP_REQUEST: FormRequest = {
  title: 'Trip details',
  description: 'So I can book the right trip.',
  fields: [
    field({
      name: 'destination',
      label: 'Destination',
      type: 'text',
      required: true,
      placeholder: 'City',
    }),
    field({ name: 'notes', label: 'Notes', type: 'textarea' }),
    field({
      name: 'travel_class',
      label: 'Class',
      type: 'select',
      required: true,
      options: [
        { value: 'economy', label: 'Economy' },
        { value: 'business', label: 'Business' },
      ],
    }),
    field({
      name: 'seat',
      label: 'Seat',
      type: 'radio',
      options: [
        { value: 'window', label: 'Window' },
        { value: 'aisle', label: 'Aisle' },
      ],
    }),
    field({ name: 'newsletter', label: 'Send me offers', type: 'checkbox' }),
    field({ name: 'date', label: 'Departure', type: 'date' }),
  ],
};
