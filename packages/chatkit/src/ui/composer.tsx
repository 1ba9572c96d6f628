import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ViewState } from '../state/types.js';
import { useUi } from './context.js';
import { presentTags } from '../entities/index.js';
import { Icon } from './icons.js';
import { useComposerMenu } from './composer-menu.js';

const acceptAttr = (accept: Record<string, string[]> | undefined): string | undefined =>
  accept
    ? Object.entries(accept)
        .flatMap(([mime, exts]) => [mime, ...exts])
        .join(',')
    : undefined;

export function Composer(props: {
  state: ViewState;
  textareaRef: { current: HTMLTextAreaElement | null };
}) {
  const { controller, t } = useUi();
  const { state } = props;
  const c = state.composer;
  const opts = controller.options.composer;
  const status = state.thread?.status;
  const fileInput = useRef<HTMLInputElement>(null);
  const menus = useComposerMenu(controller);
  const tags = presentTags(c.text, c.tags);
  const [dragging, setDragging] = useState(false);
  const attachmentsOn = Boolean(opts?.attachments?.enabled);
  const tools = opts?.tools ?? [];
  const models = opts?.models ?? [];
  const tool = tools.find((x) => x.id === c.toolId);
  const locked = status?.type === 'locked';
  const uploading = c.attachments.some((a) => a.status === 'uploading');
  const canSend =
    !locked &&
    !state.streaming &&
    !uploading &&
    (c.text.trim() !== '' || c.attachments.some((a) => a.attachment));

  // Grow the textarea with its content (capped by CSS max-height).
  useLayoutEffect(() => {
    const el = props.textareaRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [c.text]);

  if (status?.type === 'closed')
    return (
      <div class="closed" role="status">
        {status.reason ?? t('This conversation is closed')}
      </div>
    );

  const placeholder = locked
    ? (status.reason ?? t('This conversation is locked'))
    : (tool?.placeholderOverride ?? opts?.placeholder ?? t('Message the AI'));
  const onKeyDown = (e: KeyboardEvent) => {
    if (menus.onKeyDown(e, e.currentTarget as HTMLTextAreaElement)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      // Decided on the live state, not on the last render: typing and Enter can land in one frame.
      if (!locked) void controller.submitComposer();
    }
  };
  const files = (list: FileList | null | undefined) => {
    if (list && list.length > 0 && attachmentsOn) void controller.addFiles([...list]);
  };

  return (
    <div class="composer-wrap">
      <form
        class="composer"
        data-drag={dragging}
        onSubmit={(e) => {
          e.preventDefault();
          if (!locked) void controller.submitComposer();
        }}
        onDragOver={(e) => {
          if (!attachmentsOn) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          if (!attachmentsOn) return;
          e.preventDefault();
          setDragging(false);
          files(e.dataTransfer?.files);
        }}
      >
        {c.reply ? <div class="quote">{c.reply}</div> : null}
        {c.attachments.length > 0 ? (
          <div class="chips" aria-label={t('Attachment')} role="list">
            {c.attachments.map((a) => (
              <span class="chip" role="listitem" data-status={a.status} key={a.localId}>
                {a.previewUrl ? (
                  <img src={a.previewUrl} alt="" />
                ) : (
                  <Icon name="paperclip" size={14} />
                )}
                <span>{a.name}</span>
                {a.status === 'uploading' ? (
                  <progress
                    max={1}
                    value={a.progress}
                    aria-label={t('Uploading {name}, {percent}%', {
                      name: a.name,
                      percent: Math.round(a.progress * 100),
                    })}
                    style={{ width: '40px' }}
                  />
                ) : null}
                {a.status === 'error' ? (
                  <span role="alert">{a.error ? t(a.error) : t('Upload failed')}</span>
                ) : null}
                <button
                  type="button"
                  class="icon-btn"
                  aria-label={`${t('Remove attachment')}: ${a.name}`}
                  onClick={() => void controller.removeAttachment(a.localId)}
                >
                  <Icon name="close" size={14} />
                </button>
              </span>
            ))}
          </div>
        ) : null}
        {tags.length > 0 ? (
          <div class="chips" aria-label={t('Mentions')} role="list">
            {tags.map((tag) => (
              <span class="chip tag-chip" role="listitem" data-tag-id={tag.id} key={tag.id}>
                <span>@{tag.text}</span>
              </span>
            ))}
          </div>
        ) : null}
        <label class="sr-only" for="tl-composer-input">
          {t('Message input')}
        </label>
        <textarea
          id="tl-composer-input"
          ref={props.textareaRef}
          rows={1}
          value={c.text}
          placeholder={placeholder}
          disabled={locked}
          {...menus.comboboxProps}
          onInput={(e) => {
            controller.setComposerText(e.currentTarget.value);
            menus.update(e.currentTarget);
          }}
          onBlur={() => menus.close()}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const list = e.clipboardData?.files;
            if (list && list.length > 0 && attachmentsOn) {
              e.preventDefault();
              files(list);
            }
          }}
        />
        {menus.list(props.textareaRef, { mentions: t('Mentions'), commands: t('Commands') })}
        {c.errors.length > 0 ? (
          <ul class="composer-errors" role="alert">
            {c.errors.map((err, i) => (
              <li key={i}>
                {err.file ? `${err.file}: ` : ''}
                {t(err.text, err.vars)}
              </li>
            ))}
          </ul>
        ) : null}
        <div class="composer-row">
          {attachmentsOn ? (
            <>
              <button
                type="button"
                class="icon-btn"
                aria-label={t('Attach files')}
                title={t('Attach files')}
                disabled={locked}
                onClick={() => fileInput.current?.click()}
              >
                <Icon name="paperclip" />
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                accept={acceptAttr(opts?.attachments?.accept)}
                onChange={(e) => {
                  const input = e.currentTarget;
                  files(input.files);
                  input.value = '';
                }}
              />
            </>
          ) : null}
          {controller.options.entities?.showComposerMenu &&
          controller.options.entities.onTagSearch ? (
            <button
              type="button"
              class="icon-btn"
              aria-label={t('Mention')}
              title={t('Mention')}
              disabled={locked}
              onClick={() => {
                const el = props.textareaRef.current;
                if (!el) return;
                // Inserts "@" at the caret (after a space when needed) and opens the search.
                const at = el.selectionStart ?? el.value.length;
                const before = el.value.slice(0, at);
                const token = before === '' || /\s$/.test(before) ? '@' : ' @';
                el.value = before + token + el.value.slice(el.selectionEnd ?? at);
                el.setSelectionRange(at + token.length, at + token.length);
                el.focus();
                controller.setComposerText(el.value);
                menus.update(el);
              }}
            >
              <span aria-hidden="true">@</span>
            </button>
          ) : null}
          {tools.length > 0 ? (
            <select
              aria-label={t('Tools')}
              value={c.toolId ?? ''}
              onChange={(e) => controller.selectTool(e.currentTarget.value || null)}
            >
              <option value="">{t('Choose a tool')}</option>
              {tools.map((x) => (
                <option value={x.id} key={x.id}>
                  {x.shortLabel ?? x.label}
                </option>
              ))}
            </select>
          ) : null}
          <span class="spacer" />
          {models.length > 0 ? (
            <select
              aria-label={t('Model')}
              value={c.modelId ?? ''}
              onChange={(e) => controller.selectModel(e.currentTarget.value || null)}
            >
              {models.map((m) => (
                <option value={m.id} key={m.id} disabled={m.disabled} title={m.description}>
                  {m.label}
                </option>
              ))}
            </select>
          ) : null}
          {opts?.dictation?.enabled ? (
            <button
              type="button"
              class="icon-btn"
              aria-label={c.dictating ? t('Stop dictation') : t('Start dictation')}
              aria-pressed={c.dictating}
              onClick={() => controller.toggleDictation()}
            >
              <Icon name="mic" />
            </button>
          ) : null}
          {state.streaming && state.allowCancel ? (
            <button
              type="button"
              class="icon-btn send"
              aria-label={t('Stop')}
              title={t('Stop')}
              onClick={() => controller.cancelStream()}
            >
              <Icon name="stop" />
            </button>
          ) : (
            <button
              type="submit"
              class="icon-btn send"
              aria-label={t('Send message')}
              title={t('Send message')}
              disabled={!canSend}
            >
              <Icon name="send" />
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
