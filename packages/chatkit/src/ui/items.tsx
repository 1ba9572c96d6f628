import { memo } from 'preact/compat';
import type {
  Annotation,
  AssistantMessageItem,
  StructuredInputItem,
  Task,
  UserMessageItem,
  WidgetItem,
  WorkflowItem,
} from '@threadline/server/protocol';
import { Markdown } from '../markdown/index.js';
import { Tag } from './tag.js';
import { StructuredInputSummary } from './structured-input.js';
import type { Item } from '../state/types.js';
import { WidgetView, type WidgetAction, type WidgetActionContext } from '../widgets/index.js';
import { useUi } from './context.js';
import { Icon } from './icons.js';

export interface ItemProps {
  item: Item;
  /** True for the assistant message that is still streaming. */
  streaming: boolean;
  /** Ids of the assistant-side items of this turn, for feedback (set on the turn's last message). */
  turnItemIds: string[] | null;
  feedback: 'positive' | 'negative' | undefined;
}

/** One thread item. Memoized: an item re-renders only when its object (or its flags) change. */
export const ItemView = memo(function ItemView(props: ItemProps) {
  const item = props.item;
  switch (item.type) {
    case 'user_message':
      return <UserMessage item={item as UserMessageItem} />;
    case 'assistant_message':
      return <AssistantMessage {...props} item={item as AssistantMessageItem} />;
    case 'widget':
      return <Widget item={item as WidgetItem} />;
    case 'workflow':
      return <Workflow item={item as WorkflowItem} />;
    case 'task':
      return <TaskLine task={(item as { task: Task }).task} />;
    case 'client_tool_call':
      return null;
    case 'structured_input':
      return <StructuredInputSummary item={item as StructuredInputItem} />;
    case 'generated_image':
      return <GeneratedImage item={item as { image?: { url: string } | null }} />;
    case 'end_of_turn':
    case 'hidden_context_item':
    case 'sdk_hidden_context':
      return null;
    default:
      return <Unsupported type={item.type} />;
  }
});

function Unsupported(props: { type: string }) {
  const { t } = useUi();
  return (
    <div class="placeholder-item" role="note" data-item-type={props.type}>
      {t('This content cannot be displayed')}
    </div>
  );
}

function UserMessage(props: { item: UserMessageItem }) {
  const { t } = useUi();
  const { item } = props;
  return (
    <div class="msg-user" data-item-id={item.id} data-item-type="user_message">
      <span class="sr-only">{t('You')}</span>
      {item.quoted_text ? <div class="quote">{item.quoted_text}</div> : null}
      {item.content.map((c, i) => (c.type === 'input_tag' ? <Tag key={i} tag={c} /> : c.text))}
      {item.attachments.length > 0 ? (
        <div class="chips">
          {item.attachments.map((a) => (
            <span class="chip" key={a.id}>
              {a.type === 'image' ? <img src={a.preview_url} alt="" /> : <Icon name="paperclip" />}
              <span>{a.name}</span>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function AssistantMessage(props: ItemProps & { item: AssistantMessageItem }) {
  const { controller, t } = useUi();
  const { item, streaming } = props;
  const actions = controller.options.threadItemActions;
  const annotations: Annotation[] = item.content.flatMap((c) => c.annotations ?? []);
  const text = item.content.map((c) => c.text).join('\n\n');
  return (
    <div class="msg-assistant" data-item-id={item.id} data-item-type="assistant_message">
      {item.content.map((part, i) => (
        <Markdown key={i} text={part.text} streaming={streaming} />
      ))}
      {annotations.length > 0 ? <Sources annotations={annotations} /> : null}
      {!streaming && props.turnItemIds ? (
        <div class="msg-actions" role="group">
          <button
            type="button"
            class="icon-btn"
            aria-label={t('Copy')}
            title={t('Copy')}
            onClick={() => void navigator.clipboard?.writeText(text)}
          >
            <Icon name="copy" size={16} />
          </button>
          {actions?.feedback ? (
            <>
              <button
                type="button"
                class="icon-btn"
                aria-label={t('Good response')}
                title={t('Good response')}
                aria-pressed={props.feedback === 'positive'}
                onClick={() => void controller.feedback(props.turnItemIds!, 'positive')}
              >
                <Icon name="thumbs-up" size={16} />
              </button>
              <button
                type="button"
                class="icon-btn"
                aria-label={t('Bad response')}
                title={t('Bad response')}
                aria-pressed={props.feedback === 'negative'}
                onClick={() => void controller.feedback(props.turnItemIds!, 'negative')}
              >
                <Icon name="thumbs-down" size={16} />
              </button>
            </>
          ) : null}
          {actions?.retry ? (
            <button
              type="button"
              class="icon-btn"
              aria-label={t('Retry')}
              title={t('Retry')}
              disabled={controller.state.streaming}
              onClick={() => void controller.retryItem(item.id)}
            >
              <Icon name="retry" size={16} />
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Sources(props: { annotations: Annotation[] }) {
  const { t } = useUi();
  const seen = new Set<string>();
  const sources = props.annotations
    .map((a) => a.source)
    .filter((s) => {
      const key = s.type === 'url' ? s.url : s.type === 'file' ? s.filename : s.id;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return (
    <ul class="sources" aria-label={t('Sources')}>
      {sources.map((s, i) => (
        <li key={i}>
          {s.type === 'url' && /^https?:/i.test(s.url) ? (
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              [{i + 1}] {s.title}
            </a>
          ) : (
            <span>
              [{i + 1}] {s.title}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function Widget(props: { item: WidgetItem }) {
  const { controller } = useUi();
  const { item } = props;
  const onAction = async (action: WidgetAction, context: WidgetActionContext) => {
    const merged = {
      type: action.type,
      payload: { ...(action.payload ?? {}), ...(context.formData ?? {}) },
    };
    if (action.handler === 'client') {
      await controller.options.widgets?.onAction?.(merged, { id: item.id, widget: item.widget });
    } else if (action.streaming === false) {
      await controller.syncCustomAction(merged, context.itemId);
    } else {
      await controller.sendCustomAction(merged, context.itemId);
    }
  };
  return (
    <div data-item-id={item.id} data-item-type="widget">
      <WidgetView widget={item.widget} itemId={item.id} onAction={onAction} />
    </div>
  );
}

function taskTitle(task: Task): string {
  if (task.title) return task.title;
  if (task.type === 'web_search') return task.title_query ?? task.queries.join(', ');
  if (task.type === 'thought') return task.content;
  return '';
}

function TaskLine(props: { task: Task }) {
  const { task } = props;
  return (
    <div class="task" data-status={task.status_indicator}>
      {taskTitle(task)}
      {task.type === 'custom' && task.content ? <Markdown text={task.content} /> : null}
      {task.type === 'thought' && task.title ? <Markdown text={task.content} /> : null}
    </div>
  );
}

function Workflow(props: { item: WorkflowItem }) {
  const { t } = useUi();
  const wf = props.item.workflow;
  const summary = wf.summary
    ? 'title' in wf.summary
      ? wf.summary.title
      : t('Thought for {seconds} seconds', { seconds: wf.summary.duration })
    : wf.type === 'reasoning'
      ? t('Thinking…')
      : t('Working…');
  return (
    <details
      class="workflow"
      open={wf.expanded || !wf.summary}
      data-item-id={props.item.id}
      data-item-type="workflow"
    >
      <summary>{summary}</summary>
      <ul class="tasks">
        {wf.tasks.map((task, i) => (
          <li key={i}>
            <TaskLine task={task} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function GeneratedImage(props: { item: { image?: { url: string } | null } }) {
  const { t } = useUi();
  const url = props.item.image?.url;
  if (!url) return <div class="placeholder-item">{t('Working…')}</div>;
  return <img src={url} alt={t('Generated image')} style={{ maxWidth: '100%', borderRadius: 8 }} />;
}
