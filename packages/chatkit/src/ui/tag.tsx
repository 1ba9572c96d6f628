import { useRef, useState } from 'preact/hooks';
import type { UserMessageItem, WidgetRoot } from '@threadline/server/protocol';
import { entityFromTag } from '../entities/index.js';
import { WidgetView, type WidgetAction, type WidgetActionContext } from '../widgets/index.js';
import { useUi } from './context.js';

type TagContent = Extract<UserMessageItem['content'][number], { type: 'input_tag' }>;

let previewCount = 0;

/**
 * A sent @-mention. Clicking calls `entities.onClick`; hovering or focusing an interactive tag
 * asks `entities.onRequestPreview` once and shows the returned widget root in a tooltip.
 */
export function Tag(props: { tag: TagContent }) {
  const { controller } = useUi();
  const { tag } = props;
  const entity = entityFromTag(tag);
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<WidgetRoot | null>(null);
  const requested = useRef(false);
  const id = useRef(`tl-tag-preview-${(previewCount += 1)}`).current;
  const canPreview = tag.interactive && controller.options.entities?.onRequestPreview !== undefined;

  const show = () => {
    if (!canPreview) return;
    setOpen(true);
    if (requested.current) return;
    requested.current = true;
    void controller.requestPreview(entity).then((root) => setPreview(root));
  };
  const onAction = async (action: WidgetAction, context: WidgetActionContext) => {
    const merged = {
      type: action.type,
      payload: { ...(action.payload ?? {}), ...(context.formData ?? {}) },
    };
    if (action.handler === 'client') {
      await controller.options.widgets?.onAction?.(merged, { id: tag.id, widget: preview });
    } else await controller.sendCustomAction(merged);
  };
  const visible = open && preview !== null;

  return (
    <span class="tag-wrap" onMouseEnter={show} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        class="tag"
        data-tag-id={tag.id}
        aria-describedby={visible ? id : undefined}
        onClick={() => controller.clickTag(entity)}
        onFocus={show}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        @{tag.text}
      </button>
      {visible ? (
        <div class="tag-preview" role="tooltip" id={id}>
          <WidgetView widget={preview} itemId={tag.id} onAction={onAction} />
        </div>
      ) : null}
    </span>
  );
}
