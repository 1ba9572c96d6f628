import { createContext } from 'preact';
import { useContext, useEffect, useReducer } from 'preact/hooks';
import type { ChatController } from '../controller.js';
import type { Translator } from '../i18n/index.js';

export interface UiContext {
  controller: ChatController;
  t: Translator['t'];
}

export const Ctx = createContext<UiContext | null>(null);

export function useUi(): UiContext {
  const ui = useContext(Ctx);
  if (!ui) throw new Error('ChatKit view rendered outside its root');
  return ui;
}

/** Re-renders the calling component whenever the controller notifies (at most once per frame). */
export function useControllerState(controller: ChatController) {
  const [, bump] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => controller.subscribe(() => bump()), [controller]);
  return controller.state;
}
