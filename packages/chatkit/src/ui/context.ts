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
  const rendered = controller.state.version;
  useEffect(() => {
    const unsubscribe = controller.subscribe(() => bump());
    // A change notified between this render and the subscription (e.g. a thread loaded before
    // the effect ran) would otherwise never reach the view.
    if (controller.state.version !== rendered) bump();
    return unsubscribe;
  }, [controller]);
  return controller.state;
}
