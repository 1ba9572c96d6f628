// Interactive components: Button and the form controls (docs/protocol.md §8.3). Named controls
// register with the nearest form scope; `onChangeAction` fires with the new value in `formData`.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fieldId } from './field-id.js';
import { Icon } from './icons/icon.js';
import { actionOf, fireAction, useFormScope, useRuntime } from './runtime.js';
import { Spinner } from './spinner.js';
import { CONTROL_HEIGHT, ICON_SIZE, spacing } from './tokens.js';
import type { Props } from './types.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Value state of a named control, readable by the enclosing form at submit time. */
function useField<T>(name: string, initial: T): [T, (value: T) => void] {
  const scope = useFormScope();
  const [value, setValue] = useState(initial);
  const current = useRef(value);
  current.current = value;
  useEffect(
    () => (scope && name ? scope.register(name, () => current.current) : undefined),
    [scope, name],
  );
  // A widget replaced by the server (e.g. a form sent back with errors) brings new defaults.
  const seenInitial = useRef(initial);
  useEffect(() => {
    if (seenInitial.current !== initial) {
      seenInitial.current = initial;
      setValue(initial);
    }
  }, [initial]);
  return [value, setValue];
}

/** Fires a control's `onChangeAction` with its new value (loading: none unless asked). */
function useChangeAction(node: Props) {
  const runtime = useRuntime();
  const scope = useFormScope();
  const action = actionOf(node.onChangeAction);
  const name = str(node.name) ?? '';
  return (value: unknown) => {
    if (action) void fireAction(runtime, action, scope, 'none', undefined, { [name]: value });
  };
}

function controlClass(base: string, node: Props, fallbackVariant: string): string {
  const variant = str(node.variant) ?? fallbackVariant;
  return `${base} tl-w-v-${variant}${node.pill === true ? ' tl-w-pill' : ''}${node.block === true ? ' tl-w-block' : ''}`;
}

function controlStyle(node: Props): JSX.CSSProperties {
  const height = CONTROL_HEIGHT[str(node.size) ?? 'md'] ?? CONTROL_HEIGHT.md!;
  const style: Record<string, string> = { minHeight: `${height}px` };
  const gutter = spacing(
    { '2xs': 1, xs: 1.5, sm: 2, md: 2.5, lg: 3, xl: 4 }[str(node.gutterSize) ?? ''] ?? undefined,
  );
  if (gutter) style.paddingInline = gutter;
  return style;
}

const BUTTON_COLORS = /^(primary|secondary|info|discovery|success|caution|warning|danger)$/;

export function Button(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const scope = useFormScope();
  const [busy, setBusy] = useState(false);
  const action = actionOf(node.onClickAction);
  const submit = node.submit === true;
  const color =
    str(node.color) && BUTTON_COLORS.test(str(node.color)!)
      ? str(node.color)!
      : node.style === 'primary'
        ? 'primary'
        : 'secondary';
  const variant = str(node.variant) ?? 'solid';
  const iconSize = ICON_SIZE[str(node.iconSize) ?? 'md'] ?? 16;
  const nativeSubmit = submit && scope !== null && scope.parent === null && !action;
  const onClick = () => {
    if (busy) return;
    if (action) {
      if (submit && scope && !scope.validate()) return;
      void fireAction(runtime, action, scope, 'self', setBusy);
    } else if (submit && scope && !nativeSubmit) {
      void scope.submit();
    }
  };
  const className = [
    'tl-w-button',
    `tl-w-${variant}`,
    `tl-w-c-${color}`,
    node.pill === true ? 'tl-w-pill' : '',
    node.uniform === true ? 'tl-w-uniform' : '',
    node.block === true ? 'tl-w-block' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const height = CONTROL_HEIGHT[str(node.size) ?? 'md'] ?? CONTROL_HEIGHT.md!;
  return (
    <button
      type={nativeSubmit ? 'submit' : 'button'}
      class={className}
      style={{
        minHeight: `${height}px`,
        ...(node.uniform === true ? { width: `${height}px` } : {}),
      }}
      disabled={node.disabled === true || busy || runtime.containerBusy}
      aria-busy={busy || undefined}
      aria-label={!str(node.label) && str(node.iconStart) ? str(node.iconStart) : undefined}
      onClick={nativeSubmit ? undefined : onClick}
    >
      {busy ? (
        <Spinner />
      ) : str(node.iconStart) ? (
        <Icon name={str(node.iconStart)!} size={iconSize} />
      ) : null}
      {str(node.label) ? <span dir="auto">{str(node.label)}</span> : null}
      {str(node.iconEnd) ? <Icon name={str(node.iconEnd)!} size={iconSize} /> : null}
    </button>
  );
}

interface Option {
  value: string;
  label: string;
  disabled?: boolean;
  description?: string;
}

function optionsOf(value: unknown): Option[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (option): option is Option =>
      typeof option === 'object' &&
      option !== null &&
      typeof (option as Option).value === 'string' &&
      typeof (option as Option).label === 'string',
  );
}

/** Above this many options a Select shows a filter field unless `searchable: false` (§8.3). */
const SEARCH_THRESHOLD = 15;

export function Select(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const name = str(node.name) ?? '';
  const [value, setValue] = useField(name, str(node.defaultValue) ?? '');
  const [query, setQuery] = useState('');
  const change = useChangeAction(node);
  const options = optionsOf(node.options);
  const searchable = node.searchable ?? options.length > SEARCH_THRESHOLD;
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? options.filter(
        (option) => option.value === value || option.label.toLowerCase().includes(needle),
      )
    : options;
  const select = (
    <select
      id={fieldId(runtime.uid, name)}
      name={name}
      title={str(node.placeholder) ?? name}
      class={controlClass('tl-w-control tl-w-select', node, 'outline')}
      style={controlStyle(node)}
      value={value}
      disabled={node.disabled === true || runtime.containerBusy}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        change(event.currentTarget.value);
      }}
    >
      <option
        value=""
        disabled={node.clearable !== true}
        hidden={node.clearable !== true && value !== ''}
      >
        {str(node.placeholder) ?? ''}
      </option>
      {shown.map((option) => (
        <option
          key={option.value}
          value={option.value}
          disabled={option.disabled === true}
          title={option.description}
        >
          {option.label}
        </option>
      ))}
    </select>
  );
  if (searchable !== true) return select;
  return (
    <div class="tl-w-searchable">
      <input
        type="search"
        class="tl-w-control tl-w-input"
        placeholder="Search…"
        aria-label={`Search ${str(node.placeholder) ?? name}`}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {select}
    </div>
  );
}

export function DatePicker(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const name = str(node.name) ?? '';
  const [value, setValue] = useField(name, (str(node.defaultValue) ?? '').slice(0, 10));
  const change = useChangeAction(node);
  return (
    <input
      type="date"
      id={fieldId(runtime.uid, name)}
      name={name}
      title={str(node.placeholder) ?? name}
      class={controlClass('tl-w-control tl-w-date', node, 'outline')}
      style={controlStyle(node)}
      value={value}
      min={str(node.min)?.slice(0, 10)}
      max={str(node.max)?.slice(0, 10)}
      placeholder={str(node.placeholder)}
      disabled={node.disabled === true || runtime.containerBusy}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        change(event.currentTarget.value);
      }}
    />
  );
}

export function Checkbox(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const name = str(node.name) ?? '';
  const [checked, setChecked] = useField(name, node.defaultChecked === true);
  const change = useChangeAction(node);
  return (
    <label class="tl-w-check" dir="auto">
      <input
        type="checkbox"
        id={fieldId(runtime.uid, name)}
        name={name}
        checked={checked}
        required={node.required === true}
        disabled={node.disabled === true || runtime.containerBusy}
        onChange={(event) => {
          setChecked(event.currentTarget.checked);
          change(event.currentTarget.checked);
        }}
      />
      {str(node.label) ? <span>{str(node.label)}</span> : null}
    </label>
  );
}

export function RadioGroup(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const name = str(node.name) ?? '';
  const [value, setValue] = useField(name, str(node.defaultValue) ?? '');
  const change = useChangeAction(node);
  const options = optionsOf(node.options);
  const groupName = `${runtime.uid}-${name}`;
  return (
    <div
      role="radiogroup"
      id={fieldId(runtime.uid, name)}
      aria-label={str(node.ariaLabel) ?? name}
      aria-required={node.required === true || undefined}
      class={`tl-w-radios tl-w-dir-${node.direction === 'row' ? 'row' : 'col'}`}
    >
      {options.map((option, index) => (
        <label key={option.value} class="tl-w-check" dir="auto">
          <input
            type="radio"
            name={groupName}
            value={option.value}
            checked={value === option.value}
            required={node.required === true && index === 0}
            disabled={node.disabled === true || option.disabled === true || runtime.containerBusy}
            onChange={() => {
              setValue(option.value);
              change(option.value);
            }}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}

const INPUT_TYPES = /^(number|email|text|password|tel|url)$/;

function textFieldProps(node: Props, runtime: { uid: string; containerBusy: boolean }) {
  const name = str(node.name) ?? '';
  return {
    id: fieldId(runtime.uid, name),
    name,
    // A fallback accessible name for fields without a Label (a Label's text wins over `title`).
    title: str(node.placeholder) ?? name,
    placeholder: str(node.placeholder),
    required: node.required === true,
    pattern: str(node.pattern),
    disabled: node.disabled === true || runtime.containerBusy,
    autoFocus: node.autoFocus === true,
    autoComplete: node.allowAutofillExtensions === true ? undefined : 'off',
    'data-1p-ignore': node.allowAutofillExtensions === true ? undefined : 'true',
    onFocus:
      node.autoSelect === true
        ? (event: JSX.TargetedFocusEvent<HTMLInputElement | HTMLTextAreaElement>) =>
            event.currentTarget.select()
        : undefined,
    dir: 'auto' as const,
  };
}

export function Input(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const [value, setValue] = useField(str(node.name) ?? '', str(node.defaultValue) ?? '');
  const type =
    str(node.inputType) && INPUT_TYPES.test(str(node.inputType)!) ? str(node.inputType) : 'text';
  return (
    <input
      {...textFieldProps(node, runtime)}
      type={type}
      class={controlClass('tl-w-control tl-w-input', node, 'outline')}
      style={controlStyle(node)}
      value={value}
      onInput={(event) => setValue(event.currentTarget.value)}
    />
  );
}

export function Textarea(props: { node: Props }) {
  const { node } = props;
  const runtime = useRuntime();
  const [value, setValue] = useField(str(node.name) ?? '', str(node.defaultValue) ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);
  const rows = typeof node.rows === 'number' && node.rows > 0 ? node.rows : 3;
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area || node.autoResize !== true) return;
    area.style.height = 'auto';
    const line = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    const max = typeof node.maxRows === 'number' ? node.maxRows * line + 16 : Infinity;
    area.style.height = `${Math.min(area.scrollHeight, max)}px`;
  }, [value]);
  return (
    <textarea
      {...textFieldProps(node, runtime)}
      ref={ref}
      rows={rows}
      class={controlClass('tl-w-control tl-w-textarea', node, 'outline')}
      value={value}
      onInput={(event) => setValue(event.currentTarget.value)}
    />
  );
}
