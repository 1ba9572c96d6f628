import {
  ICON_NAMES,
  type WidgetComponent,
  type WidgetRootInput,
} from '../../src/protocol/index.js';

/**
 * The widget gallery: one `Basic` root holding a `Card` per component family, so a single thread
 * item shows every widget component (docs/protocol.md §8.3, plus `Table`) and every action kind
 * (server streaming, server sync, client, form submit, card confirm/cancel, list item click,
 * control change). Each card's `key` is `gallery-<family>`. The sync button's action is answered by
 * the `gallery_sync` tool (an MCP tool the app calls for sync actions of the same name), which
 * returns the gallery with the button's counter raised.
 */

/** The sync action's type: also the name of the MCP tool that answers it. */
export const GALLERY_SYNC_ACTION = 'gallery_sync';

const action = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  payload: { source: 'gallery' },
  ...extra,
});

const card = (
  family: string,
  title: string,
  children: WidgetComponent[],
  extra: Record<string, unknown> = {},
) => ({
  type: 'Card' as const,
  key: `gallery-${family}`,
  size: 'md' as const,
  children: [{ type: 'Title', value: title, size: 'sm' }, ...children],
  ...extra,
});

/** Every ChatKit icon name shown in one wrapping row, plus two `lucide:` icons. */
const ICONS = [...ICON_NAMES, 'lucide:rocket', 'lucide:zap'];

/** A 1×1 PNG (accent blue), so the gallery needs no network. */
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgaPj/HwAEhgKAaEh+XQAAAABJRU5ErkJggg==';

/** The gallery; `synced` counts the sync button's clicks so far (shown on the button). */
export function widgetGallery(options: { synced?: number } = {}): WidgetRootInput {
  const synced = options.synced ?? 0;
  return {
    type: 'Basic',
    gap: 4,
    children: [
      card('text', 'Text', [
        { type: 'Text', value: 'Body text, medium weight', weight: 'medium' },
        {
          type: 'Text',
          value: 'Italic, struck through',
          italic: true,
          lineThrough: true,
          size: 'sm',
        },
        {
          type: 'Text',
          value:
            'A long line that is truncated with an ellipsis once it no longer fits the card width at all',
          truncate: true,
        },
        {
          type: 'Text',
          value: 'Streaming text',
          streaming: true,
          id: 'gallery-stream',
          color: 'secondary',
        },
        { type: 'Caption', value: 'A caption under the text' },
        { type: 'Title', value: 'Title 2xl', size: '2xl' },
        {
          type: 'Markdown',
          value: 'Markdown with **bold**, `code`, a [link](https://example.com) and $E=mc^2$.',
        },
        { type: 'Text', value: 'مرحبا — right-to-left text', textAlign: 'start' },
      ]),
      card('badges', 'Badges and icons', [
        {
          type: 'Row',
          gap: 2,
          wrap: 'wrap',
          children: [
            { type: 'Badge', label: 'secondary' },
            { type: 'Badge', label: 'success', color: 'success' },
            { type: 'Badge', label: 'danger', color: 'danger', variant: 'solid' },
            { type: 'Badge', label: 'warning', color: 'warning', variant: 'outline' },
            { type: 'Badge', label: 'info', color: 'info', pill: true },
            { type: 'Badge', label: 'discovery', color: 'discovery', size: 'lg' },
          ],
        },
        {
          type: 'Row',
          gap: 2,
          wrap: 'wrap',
          children: ICONS.map((name) => ({ type: 'Icon', name, size: 'lg' })),
        },
      ]),
      card('layout', 'Layout', [
        {
          type: 'Row',
          gap: 3,
          children: [
            {
              type: 'Box',
              padding: 3,
              radius: 'md',
              background: 'blue-100',
              children: [{ type: 'Text', value: 'Box' }],
            },
            { type: 'Spacer' },
            {
              type: 'Col',
              gap: 1,
              padding: { x: 3, y: 2 },
              border: 1,
              radius: 'sm',
              children: [
                { type: 'Text', value: 'Col 1', size: 'sm' },
                { type: 'Text', value: 'Col 2', size: 'sm' },
              ],
            },
          ],
        },
        { type: 'Divider', spacing: 2 },
        {
          type: 'Box',
          direction: 'row',
          justify: 'between',
          align: 'center',
          padding: 2,
          background: { light: 'gray-100', dark: 'gray-800' },
          border: { bottom: { size: 2, color: 'purple' } },
          children: [
            {
              type: 'Image',
              src: PIXEL,
              alt: 'Blue pixel',
              size: 40,
              radius: 'full',
              fit: 'cover',
            },
            {
              type: 'Transition',
              key: 'gallery-transition',
              children: { type: 'Text', key: 'v1', value: 'Transition child' },
            },
          ],
        },
      ]),
      card('controls', 'Form controls', [
        {
          type: 'Form',
          direction: 'col',
          gap: 2,
          onSubmitAction: action('gallery.form_submit'),
          children: [
            { type: 'Label', value: 'Name', fieldName: 'name' },
            { type: 'Input', name: 'name', placeholder: 'Your name', required: true },
            { type: 'Label', value: 'Notes', fieldName: 'notes' },
            { type: 'Textarea', name: 'notes', rows: 2, placeholder: 'Anything else?' },
            {
              type: 'Row',
              gap: 2,
              children: [
                {
                  type: 'Select',
                  name: 'size',
                  placeholder: 'Size',
                  options: [
                    { value: 's', label: 'Small' },
                    { value: 'l', label: 'Large' },
                  ],
                  onChangeAction: action('gallery.select_change', { loadingBehavior: 'none' }),
                },
                { type: 'DatePicker', name: 'when', defaultValue: '2026-01-15T00:00:00Z' },
              ],
            },
            { type: 'Checkbox', name: 'agree', label: 'I agree', defaultChecked: true },
            {
              type: 'RadioGroup',
              name: 'color',
              direction: 'row',
              defaultValue: 'red',
              options: [
                { value: 'red', label: 'Red' },
                { value: 'green', label: 'Green' },
              ],
            },
            { type: 'Button', label: 'Submit form', submit: true, style: 'primary' },
          ],
        },
      ]),
      card('buttons', 'Buttons and actions', [
        {
          type: 'Row',
          gap: 2,
          wrap: 'wrap',
          children: [
            {
              type: 'Button',
              label: 'Server action',
              color: 'primary',
              onClickAction: action('gallery.server'),
            },
            {
              type: 'Button',
              label: synced === 0 ? 'Sync action' : `Synced ${synced}×`,
              variant: 'outline',
              onClickAction: action(GALLERY_SYNC_ACTION, {
                payload: { source: 'gallery', synced },
                streaming: false,
              }),
            },
            {
              type: 'Button',
              label: 'Client action',
              variant: 'soft',
              color: 'discovery',
              onClickAction: action('gallery.client', { handler: 'client' }),
            },
            {
              type: 'Button',
              label: 'Container loading',
              variant: 'ghost',
              iconStart: 'reload',
              onClickAction: action('gallery.container', { loadingBehavior: 'container' }),
            },
            {
              type: 'Button',
              iconStart: 'star',
              uniform: true,
              pill: true,
              color: 'warning',
              onClickAction: action('gallery.icon'),
            },
            { type: 'Button', label: 'Disabled', disabled: true },
          ],
        },
      ]),
      card('chart', 'Chart', [
        {
          type: 'Chart',
          height: 200,
          xAxis: { dataKey: 'month', labels: { jan: 'Jan', feb: 'Feb', mar: 'Mar', apr: 'Apr' } },
          showLegend: true,
          data: [
            { month: 'jan', desktop: 186, mobile: 80, visits: 120 },
            { month: 'feb', desktop: 305, mobile: 200, visits: 260 },
            { month: 'mar', desktop: 237, mobile: 120, visits: 180 },
            { month: 'apr', desktop: 73, mobile: 190, visits: 140 },
          ],
          series: [
            { type: 'bar', dataKey: 'desktop', label: 'Desktop', color: 'blue', stack: 'a' },
            { type: 'bar', dataKey: 'mobile', label: 'Mobile', color: 'purple', stack: 'a' },
            {
              type: 'line',
              dataKey: 'visits',
              label: 'Visits',
              color: 'orange',
              curveType: 'monotone',
            },
          ],
        },
        {
          type: 'Chart',
          height: 120,
          xAxis: 'day',
          showYAxis: false,
          data: [
            { day: 'Mon', v: 3 },
            { day: 'Tue', v: 5 },
            { day: 'Wed', v: 4 },
            { day: 'Thu', v: 7 },
          ],
          series: [
            { type: 'area', dataKey: 'v', label: 'Value', color: 'green', curveType: 'natural' },
          ],
        },
      ]),
      card('table', 'Table', [
        {
          type: 'Table',
          children: [
            {
              type: 'Table.Row',
              header: true,
              children: [
                { type: 'Table.Cell', children: [{ type: 'Text', value: 'Item' }] },
                { type: 'Table.Cell', align: 'end', children: [{ type: 'Text', value: 'Qty' }] },
              ],
            },
            {
              type: 'Table.Row',
              children: [
                { type: 'Table.Cell', children: [{ type: 'Text', value: 'Apples' }] },
                { type: 'Table.Cell', align: 'end', children: [{ type: 'Text', value: '3' }] },
              ],
            },
            {
              type: 'Table.Row',
              children: [
                { type: 'Table.Cell', children: [{ type: 'Text', value: 'Pears' }] },
                { type: 'Table.Cell', align: 'end', children: [{ type: 'Text', value: '5' }] },
              ],
            },
          ],
        },
      ]),
      card(
        'confirm',
        'Card as a form with confirm and cancel',
        [{ type: 'Input', name: 'reason', placeholder: 'Reason', defaultValue: 'Looks good' }],
        {
          asForm: true,
          status: { text: 'Needs approval', icon: 'check-circle' },
          confirm: { label: 'Approve', action: action('gallery.approve') },
          cancel: { label: 'Reject', action: action('gallery.reject') },
        },
      ),
      {
        type: 'ListView',
        key: 'gallery-listview',
        limit: 2,
        status: { text: 'ListView with clickable rows', icon: 'notebook' },
        children: ['First row', 'Second row', 'Third row (after “Show more”)'].map(
          (value, index) => ({
            type: 'ListViewItem',
            key: `row-${index}`,
            gap: 3,
            onClickAction: action('gallery.row_click', { payload: { row: index } }),
            children: [
              { type: 'Icon', name: 'chevron-right', color: 'secondary' },
              { type: 'Text', value, size: 'sm' },
            ],
          }),
        ),
      },
    ],
  };
}
