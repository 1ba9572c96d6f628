// Dispatches a widget node to its component by `type`. Unknown types (dynamic components,
// docs/protocol.md §8.1) render their children, so a newer server never breaks the thread.
import type { ComponentChildren, JSX } from 'preact';
import { ChartView } from './chart.js';
import { Button, Checkbox, DatePicker, Input, RadioGroup, Select, Textarea } from './controls.js';
import { Box, Divider, Form, Spacer, Transition } from './layout.js';
import { ImageView, WidgetIcon } from './media.js';
import { Basic, Card, ListView, ListViewItem } from './roots.js';
import { Table, TableCell, TableRow } from './table.js';
import { Badge, Caption, Label, MarkdownBlock, TextView, Title } from './text.js';
import type { Props } from './types.js';

type Renderer = (props: { node: Props }) => JSX.Element | null;

const RENDERERS: Readonly<Record<string, Renderer>> = {
  Card,
  ListView,
  ListViewItem,
  Basic,
  Box,
  Row: Box,
  Col: Box,
  Form,
  Spacer,
  Divider,
  Transition,
  Text: TextView,
  Title,
  Caption,
  Markdown: MarkdownBlock,
  Badge,
  Label,
  Icon: WidgetIcon,
  Image: ImageView,
  Button,
  Select,
  DatePicker,
  Checkbox,
  RadioGroup,
  Input,
  Textarea,
  Chart: ChartView,
  Table,
  'Table.Row': TableRow,
  'Table.Cell': TableCell,
};

/** Component types this renderer draws (every known schema type plus Table). */
export const RENDERED_TYPES: readonly string[] = Object.keys(RENDERERS);

function Unknown(props: { node: Props }) {
  return (
    <div class="tl-w-unknown" data-type={String(props.node.type)}>
      {renderChildren(props.node.children)}
    </div>
  );
}

function nodeKey(node: Props, index: number): string {
  return typeof node.key === 'string' ? `k:${node.key}` : `${index}:${String(node.type)}`;
}

export function renderNode(node: unknown, index = 0): ComponentChildren {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
  const props = node as Props;
  const Component = (typeof props.type === 'string' && RENDERERS[props.type]) || Unknown;
  return <Component key={nodeKey(props, index)} node={props} />;
}

/** `children` as the schema allows it: one component or a list. */
export function renderChildren(children: unknown): ComponentChildren {
  if (Array.isArray(children)) return children.map((child, index) => renderNode(child, index));
  return renderNode(children);
}
