import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { widgetToolResult } from '../../src/mcp/index.js';
import { Badge, Card, Caption, Row, Text, WidgetTemplate } from '../../src/widgets/index.js';
import type { Task, TaskService } from './task-service.js';
import { GALLERY_SYNC_ACTION, widgetGallery } from './widget-gallery.js';

let taskList: Promise<WidgetTemplate> | undefined;
/** The `.widget` template of `list_tasks`, read once. */
const taskListTemplate = () =>
  (taskList ??= WidgetTemplate.fromFile(new URL('./task-list.widget', import.meta.url)));

/** A one-task card, built from a widget tree (the other way to make a widget result). */
const taskCard = (task: Task, headline: string) =>
  Card({
    size: 'sm',
    children: [
      Row({
        justify: 'between',
        children: [
          Text({ value: task.title, weight: 'semibold' }),
          Badge({ label: task.done ? 'Done' : 'Open', color: task.done ? 'success' : 'info' }),
        ],
      }),
      Caption({ value: `${headline} · ${task.id}${task.due ? ` · due ${task.due}` : ''}` }),
    ],
  });

/**
 * The example MCP server: a task list with `add_task`, `list_tasks` (a `ListView` widget from a
 * `.widget` template) and `complete_task`, each answering with a text summary plus a widget
 * resource (`widgetToolResult`). Transport-agnostic: see `server-stdio.ts` and `server-http.ts`.
 */
export async function createTasksServer(service: TaskService): Promise<McpServer> {
  const template = await taskListTemplate();
  const server = new McpServer({ name: 'threadline-example-tasks', version: '0.1.0' });

  server.registerTool(
    'add_task',
    {
      title: 'Add a task',
      description: 'Add a task to the task list.',
      inputSchema: {
        title: z.string().min(1).describe('What needs to be done'),
        due: z.string().optional().describe('Due date, YYYY-MM-DD'),
      },
    },
    async ({ title, due }) => {
      const task = service.add(title, due);
      return widgetToolResult({
        tool: 'add_task',
        widget: taskCard(task, 'Added'),
        text: `Added task ${task.id}: ${task.title}`,
      });
    },
  );

  server.registerTool(
    'list_tasks',
    {
      title: 'List tasks',
      description: 'List the tasks, as a list widget.',
      inputSchema: {
        include_done: z.boolean().optional().describe('Also list completed tasks (default true)'),
      },
    },
    async ({ include_done }) => {
      const tasks = service.list(include_done ?? true);
      const text =
        tasks.length === 0
          ? 'There are no tasks.'
          : tasks
              .map((task) => `- [${task.done ? 'x' : ' '}] ${task.id}: ${task.title}`)
              .join('\n');
      return widgetToolResult({
        tool: 'list_tasks',
        widget: template,
        data: { tasks: tasks.map((task) => ({ ...task, due: task.due ?? null })) },
        text,
      });
    },
  );

  server.registerTool(
    'complete_task',
    {
      title: 'Complete a task',
      description: 'Mark a task as done.',
      inputSchema: { id: z.string().describe('The task id, e.g. t1') },
    },
    async ({ id }) => {
      const task = service.complete(id);
      if (!task)
        return { content: [{ type: 'text', text: `No task with id ${id}.` }], isError: true };
      return widgetToolResult({
        tool: 'complete_task',
        widget: taskCard(task, 'Completed'),
        text: `Completed task ${task.id}: ${task.title}`,
      });
    },
  );

  server.registerTool(
    'show_widget_gallery',
    {
      title: 'Show the widget gallery',
      description:
        'Show every widget component and action kind in one widget (a developer tool: use it when asked for the widget gallery).',
      inputSchema: {},
    },
    async () =>
      widgetToolResult({
        tool: 'show_widget_gallery',
        widget: widgetGallery(),
        text: 'Showed the widget gallery: one card per component family, with every action kind.',
      }),
  );

  // Answers the gallery's sync button (`threads.sync_custom_action`): the app calls a tool of the
  // action's name that sets `threadline/widgetAction`, and its widget replaces the gallery in place.
  server.registerTool(
    GALLERY_SYNC_ACTION,
    {
      title: 'Gallery sync action',
      description:
        'Answers the sync button of the widget gallery (called by the app, not needed in conversation).',
      inputSchema: { synced: z.number().int().min(0).optional() },
      _meta: { 'threadline/widgetAction': true },
    },
    async ({ synced }) =>
      widgetToolResult({
        tool: GALLERY_SYNC_ACTION,
        widget: widgetGallery({ synced: (synced ?? 0) + 1 }),
        text: `Synced the widget gallery ${(synced ?? 0) + 1} time(s).`,
      }),
  );

  return server;
}
