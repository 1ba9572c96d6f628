/**
 * @module Widget helpers: typed component builders, `WidgetTemplate` for `.widget` files (with a
 * built-in Jinja2-compatible engine), `diffWidget` and `streamWidget`. Needs only zod;
 * `WidgetTemplate.fromFile` additionally needs `node:fs` at call time.
 */
export {
  Card,
  ListView,
  ListViewItem,
  Basic,
  Box,
  Row,
  Col,
  Form,
  Text,
  Title,
  Caption,
  Markdown,
  Badge,
  Divider,
  Icon,
  Image,
  Button,
  Spacer,
  Select,
  DatePicker,
  Checkbox,
  Input,
  Textarea,
  Label,
  RadioGroup,
  Transition,
  Chart,
} from './builders.js';
export type { WidgetBuilder, WidgetProps } from './builders.js';
export { diffWidget } from './diff.js';
export type { WidgetUpdate } from './diff.js';
export { streamWidget } from './stream.js';
export type { StreamWidgetOptions } from './stream.js';
export { WidgetTemplate, WidgetTemplateDefinitionSchema } from './template.js';
export type { WidgetTemplateDefinition } from './template.js';
export type { WidgetRoot, WidgetComponent } from '../protocol/widgets/index.js';
