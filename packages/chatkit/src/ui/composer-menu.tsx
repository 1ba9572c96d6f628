import { useRef, useState } from 'preact/hooks';
import type { ChatController } from '../controller.js';
import { activeTrigger, insertMention } from '../entities/index.js';
import type { CommandOption, EntityOption } from '../options.js';
import { Icon } from './icons.js';

export const MENU_LIST_ID = 'tl-composer-menu';
const optionId = (i: number) => `tl-composer-opt-${i}`;

type Entry = { kind: 'entity'; value: EntityOption } | { kind: 'command'; value: CommandOption };

interface MenuState {
  trigger: '@' | '/';
  start: number;
  caret: number;
  entries: Entry[];
  active: number;
}

const entryLabel = (e: Entry) => (e.kind === 'entity' ? e.value.title : e.value.label);

/**
 * The composer's combobox menus behind the textarea: `@` plus text asks `entities.onTagSearch`,
 * `/` plus text asks `commands.onSearch`; arrows move, Enter or Tab choose, Escape closes.
 */
export function useComposerMenu(controller: ChatController) {
  const [menu, setMenu] = useState<MenuState | null>(null);
  const seq = useRef(0);
  const tagsOn = controller.options.entities?.onTagSearch !== undefined;
  const commandsOn = Boolean(controller.options.commands?.enabled);

  const update = (el: HTMLTextAreaElement) => {
    if (!tagsOn && !commandsOn) return;
    const caret = el.selectionStart ?? el.value.length;
    const found = activeTrigger(el.value, caret);
    const mine = ++seq.current;
    if (!found || (found.trigger === '@' ? !tagsOn : !commandsOn)) {
      setMenu(null);
      return;
    }
    const search: Promise<Entry[]> =
      found.trigger === '@'
        ? controller
            .searchTags(found.query)
            .then((r) => r.map((value) => ({ kind: 'entity' as const, value })))
        : controller
            .searchCommands(found.query)
            .then((r) => r.map((value) => ({ kind: 'command' as const, value })));
    void search.then((entries) => {
      if (mine !== seq.current) return;
      setMenu(entries.length > 0 ? { ...found, caret, entries, active: 0 } : null);
    });
  };

  const write = (el: HTMLTextAreaElement | null, next: { text: string; caret: number }) => {
    if (!el) return;
    el.value = next.text;
    el.setSelectionRange(next.caret, next.caret);
    el.focus();
  };

  const choose = async (el: HTMLTextAreaElement | null, entry: Entry) => {
    if (!menu) return;
    const mine = ++seq.current;
    const text = el?.value ?? controller.state.composer.text;
    if (entry.kind === 'entity') {
      setMenu(null);
      const next = insertMention(text, menu.start, menu.caret, entry.value.title);
      controller.addTag(entry.value, next.text);
      write(el, next);
      return;
    }
    const selection = await controller.selectCommand(entry.value);
    if (mine !== seq.current) return;
    if (selection?.type === 'menu' && selection.commands.length > 0) {
      const entries = selection.commands.map((value) => ({ kind: 'command' as const, value }));
      setMenu({ ...menu, entries, active: 0 });
      return;
    }
    setMenu(null);
    const title = selection?.type === 'entity' ? selection.entity.title : null;
    const next = insertMention(text, menu.start, menu.caret, title);
    if (selection?.type === 'entity') controller.addTag(selection.entity, next.text);
    else controller.setComposerText(next.text);
    write(el, next);
  };

  /** Handles a key when a menu is open; true when the key was consumed. */
  const onKeyDown = (e: KeyboardEvent, el: HTMLTextAreaElement): boolean => {
    if (!menu) return false;
    const n = menu.entries.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : n - 1;
      setMenu({ ...menu, active: (menu.active + step) % n });
      return true;
    }
    if ((e.key === 'Enter' || e.key === 'Tab') && !e.isComposing) {
      e.preventDefault();
      void choose(el, menu.entries[menu.active]!);
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

  const comboboxProps =
    tagsOn || commandsOn
      ? {
          role: 'combobox' as const,
          'aria-autocomplete': 'list' as const,
          'aria-expanded': menu !== null,
          'aria-controls': MENU_LIST_ID,
          'aria-activedescendant': menu ? optionId(menu.active) : undefined,
        }
      : {};

  const list = (
    textarea: { current: HTMLTextAreaElement | null },
    labels: { mentions: string; commands: string },
  ) =>
    menu ? (
      <ul
        class="composer-menu"
        id={MENU_LIST_ID}
        role="listbox"
        aria-label={menu.trigger === '@' ? labels.mentions : labels.commands}
      >
        {menu.entries.map((entry, i) => (
          <li
            key={`${entry.kind}:${entry.value.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === menu.active}
            data-active={i === menu.active}
            // Keep focus in the textarea while choosing with the mouse.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void choose(textarea.current, entry)}
          >
            {entry.value.icon ? <Icon name={entry.value.icon} size={14} /> : null}
            <span>{entryLabel(entry)}</span>
            {entry.kind === 'command' && entry.value.description ? (
              <span class="menu-note">{entry.value.description}</span>
            ) : entry.value.group ? (
              <span class="menu-note">{entry.value.group}</span>
            ) : null}
          </li>
        ))}
      </ul>
    ) : null;

  const close = () => {
    seq.current++;
    setMenu(null);
  };

  return { update, onKeyDown, comboboxProps, list, close };
}
