// Widget component schemas (docs/protocol.md §8), re-exported by `protocol/index.ts`.
export {
  RadiusValueSchema,
  TextAlignSchema,
  TextSizeSchema,
  IconSizeSchema,
  TitleSizeSchema,
  CaptionSizeSchema,
  AlignmentSchema,
  JustificationSchema,
  ControlVariantSchema,
  ControlSizeSchema,
  FontWeightSchema,
  ThemeColorSchema,
  SpacingSchema,
  BorderSchema,
  BordersSchema,
  MinMaxSchema,
  EditablePropsSchema,
  WidgetStatusWithIconSchema,
  WidgetStatusWithFaviconSchema,
  WidgetStatusSchema,
  CardActionSchema,
  SelectOptionSchema,
  RadioOptionSchema,
} from './shared.js';
export type {
  RadiusValue,
  TextAlign,
  TextSize,
  IconSize,
  TitleSize,
  CaptionSize,
  Alignment,
  Justification,
  ControlVariant,
  ControlSize,
  FontWeight,
  ThemeColor,
  Spacing,
  Border,
  Borders,
  MinMax,
  EditableProps,
  WidgetStatus,
  CardAction,
  SelectOption,
  RadioOption,
} from './shared.js';
export {
  DynamicWidgetComponentSchema,
  WidgetComponentSchema,
  WidgetChildrenSchema,
  isKnownComponentType,
} from './component.js';
export type { WidgetComponent, DynamicWidgetComponent } from './component.js';
export {
  BoxSchema,
  RowSchema,
  ColSchema,
  FormSchema,
  SpacerSchema,
  DividerSchema,
  TransitionSchema,
  ListViewItemSchema,
} from './layout.js';
export type { Box, Row, Col, Form, Spacer, Divider, Transition, ListViewItem } from './layout.js';
export {
  TextSchema,
  TitleSchema,
  CaptionSchema,
  MarkdownSchema,
  LabelSchema,
  BadgeSchema,
} from './text.js';
export type { Text, Title, Caption, Markdown, Label, Badge } from './text.js';
export { IconSchema, ImageSchema } from './media.js';
export type { Icon, Image } from './media.js';
export {
  ButtonSchema,
  SelectSchema,
  DatePickerSchema,
  CheckboxSchema,
  InputSchema,
  TextareaSchema,
  RadioGroupSchema,
} from './controls.js';
export type {
  Button,
  Select,
  DatePicker,
  Checkbox,
  Input,
  Textarea,
  RadioGroup,
} from './controls.js';
export {
  CurveTypeSchema,
  XAxisConfigSchema,
  BarSeriesSchema,
  AreaSeriesSchema,
  LineSeriesSchema,
  SeriesSchema,
  ChartSchema,
} from './charts.js';
export type {
  CurveType,
  XAxisConfig,
  BarSeries,
  AreaSeries,
  LineSeries,
  Series,
  Chart,
} from './charts.js';
export { CardSchema, ListViewSchema, BasicRootSchema, WidgetRootSchema } from './roots.js';
export type { Card, ListView, BasicRoot, WidgetRoot, WidgetRootInput } from './roots.js';
