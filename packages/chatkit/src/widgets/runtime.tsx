// What every widget component can reach: the item id, the action callback with loading state, and
// the nearest form scope that collects named control values (docs/protocol.md §5.1).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { WidgetAction, WidgetActionContext } from './types.js';

export interface WidgetRuntime {
  itemId: string;
  /** Unique per rendered widget: prefixes element ids so labels find their fields. */
  uid: string;
  onAction: (action: WidgetAction, context: WidgetActionContext) => Promise<void>;
  /** Counts container-level pending actions (`loadingBehavior: "container"`). */
  setContainerBusy: (delta: 1 | -1) => void;
  containerBusy: boolean;
}

export const RuntimeContext = createContext<WidgetRuntime | null>(null);

export function useRuntime(): WidgetRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('Widget components render inside <WidgetView>.');
  return runtime;
}

/** A Form (or a Card with `asForm`): named controls register how to read their value. */
export class FormScope {
  private readonly fields = new Map<string, () => unknown>();
  /** The element holding the controls, for constraint validation. */
  element: HTMLElement | null = null;
  /** Fires the scope's submit action (`onSubmitAction`, or a Card's `confirm`). */
  onSubmit: (() => Promise<void>) | undefined;

  constructor(readonly parent: FormScope | null) {}

  register(name: string, read: () => unknown): () => void {
    const scopes: FormScope[] = [this];
    for (let scope = this.parent; scope; scope = scope.parent) scopes.push(scope);
    for (const scope of scopes) scope.fields.set(name, read);
    return () => {
      for (const scope of scopes) if (scope.fields.get(name) === read) scope.fields.delete(name);
    };
  }

  /** Values keyed by name; dotted names nest (`todo.title` → `{todo: {title}}`). */
  collect(): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (const [name, read] of this.fields) setPath(data, name, read());
    return data;
  }

  /** Validates the controls, then fires the submit action. */
  async submit(): Promise<void> {
    if (!this.validate()) return;
    await this.onSubmit?.();
  }

  /** Runs the browser's constraint validation on the scope's controls; false when one is invalid. */
  validate(): boolean {
    const element = this.element;
    if (!element) return true;
    const controls = element.querySelectorAll<HTMLInputElement>('input,select,textarea');
    for (const control of controls) {
      if (!control.checkValidity()) {
        control.reportValidity();
        return false;
      }
    }
    return true;
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split('.').filter((part) => part !== '');
  if (parts.length === 0 || parts.some((part) => UNSAFE_KEYS.has(part))) return;
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1]!] = value;
}

export const FormContext = createContext<FormScope | null>(null);

export function useFormScope(): FormScope | null {
  return useContext(FormContext);
}

/** The loading behaviour an `auto` action resolves to for the component that fires it (§5.2). */
export type LoadingDefault = 'self' | 'none' | 'container';

/**
 * Fires `action` with the form data of `scope` (if any), showing the loading state the action asks
 * for: `self` calls `setSelfBusy`, `container` marks the whole widget busy, `none` shows nothing.
 */
export async function fireAction(
  runtime: WidgetRuntime,
  action: WidgetAction,
  scope: FormScope | null,
  fallback: LoadingDefault,
  setSelfBusy?: (busy: boolean) => void,
  extra?: Record<string, unknown>,
): Promise<void> {
  const behavior =
    !action.loadingBehavior || action.loadingBehavior === 'auto'
      ? fallback
      : action.loadingBehavior;
  const formData = scope || extra ? { ...(scope?.collect() ?? {}), ...(extra ?? {}) } : undefined;
  const context: WidgetActionContext =
    formData === undefined ? { itemId: runtime.itemId } : { itemId: runtime.itemId, formData };
  if (behavior === 'self') setSelfBusy?.(true);
  if (behavior === 'container') runtime.setContainerBusy(1);
  try {
    await runtime.onAction(action, context);
  } catch {
    // The thread view reports failed actions; the widget only leaves its loading state.
  } finally {
    if (behavior === 'self') setSelfBusy?.(false);
    if (behavior === 'container') runtime.setContainerBusy(-1);
  }
}

/** Reads an ActionConfig-shaped prop, or `undefined` when absent or malformed. */
export function actionOf(value: unknown): WidgetAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = value as Record<string, unknown>;
  return typeof action.type === 'string' ? (value as WidgetAction) : undefined;
}
