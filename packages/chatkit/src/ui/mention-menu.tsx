import { useRef, useState } from 'preact/hooks';
import type { ChatController } from '../controller.js';
import { activeMention, insertMention } from '../entities/index.js';
import type { EntityOption } from '../options.js';
import { Icon } from './icons.js';

export const MENTION_LIST_ID = 'tl-mention-list';
const optionId = (i: number) => `tl-mention-opt-${i}`;

interface MenuState {
  start: number;
  caret: number;
  results: EntityOption[];
  active: number;
}

/**
 * The @-mention combobox behind the composer's textarea: `@` plus text asks
 * `entities.onTagSearch`, arrows move, Enter or Tab choose, Escape closes.
 */
export function useMentionMenu(controller: ChatController) {
  const [menu, setMenu] = useState<MenuState | null>(null);
  const seq = useRef(0);
  const enabled = controller.options.entities?.onTagSearch !== undefined;

  const update = (el: HTMLTextAreaElement) => {
    if (!enabled) return;
    const caret = el.selectionStart ?? el.value.length;
    const found = activeMention(el.value, caret);
    const mine = ++seq.current;
    if (!found) {
      setMenu(null);
      return;
    }
    void controller.searchTags(found.query).then((results) => {
      if (mine !== seq.current) return;
      setMenu(results.length > 0 ? { start: found.start, caret, results, active: 0 } : null);
    });
  };

  const choose = (el: HTMLTextAreaElement | null, entity: EntityOption) => {
    if (!menu) return;
    const text = el?.value ?? controller.state.composer.text;
    const next = insertMention(text, menu.start, menu.caret, entity.title);
    seq.current++;
    setMenu(null);
    controller.addTag(entity, next.text);
    if (el) {
      el.value = next.text;
      el.setSelectionRange(next.caret, next.caret);
      el.focus();
    }
  };

  /** Handles a key when the menu is open; true when the key was consumed. */
  const onKeyDown = (e: KeyboardEvent, el: HTMLTextAreaElement): boolean => {
    if (!menu) return false;
    const n = menu.results.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : n - 1;
      setMenu({ ...menu, active: (menu.active + step) % n });
      return true;
    }
    if ((e.key === 'Enter' || e.key === 'Tab') && !e.isComposing) {
      e.preventDefault();
      choose(el, menu.results[menu.active]!);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      seq.current++;
      setMenu(null);
      return true;
    }
    return false;
  };

  const comboboxProps = enabled
    ? {
        role: 'combobox' as const,
        'aria-autocomplete': 'list' as const,
        'aria-expanded': menu !== null,
        'aria-controls': MENTION_LIST_ID,
        'aria-activedescendant': menu ? optionId(menu.active) : undefined,
      }
    : {};

  const list = (textarea: { current: HTMLTextAreaElement | null }, label: string) =>
    menu ? (
      <ul class="mention-menu" id={MENTION_LIST_ID} role="listbox" aria-label={label}>
        {menu.results.map((entity, i) => (
          <li
            key={entity.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === menu.active}
            data-active={i === menu.active}
            // Keep focus in the textarea while choosing with the mouse.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(textarea.current, entity)}
          >
            {entity.icon ? <Icon name={entity.icon} size={14} /> : null}
            <span>{entity.title}</span>
            {entity.group ? <span class="mention-group">{entity.group}</span> : null}
          </li>
        ))}
      </ul>
    ) : null;

  return { update, onKeyDown, comboboxProps, list, close: () => setMenu(null) };
}
