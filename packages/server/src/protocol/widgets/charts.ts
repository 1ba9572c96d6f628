import { z } from 'zod';
import { ColorSchema, IntOrStringSchema, NumberOrStringSchema, componentBase } from './shared.js';

// The Chart component and its series (docs/protocol.md §8.3).

/** Interpolation between points of `area` and `line` series. */
export const CurveTypeSchema = z.enum([
  'basis',
  'basisClosed',
  'basisOpen',
  'bumpX',
  'bumpY',
  'bump',
  'linear',
  'linearClosed',
  'natural',
  'monotoneX',
  'monotoneY',
  'monotone',
  'step',
  'stepBefore',
  'stepAfter',
]);
export type CurveType = z.output<typeof CurveTypeSchema>;

/** The X axis: which data key holds the categories, and how to label them. */
export const XAxisConfigSchema = z.looseObject({
  dataKey: z.string(),
  hide: z.boolean().nullish(),
  /** Tick value → display label. */
  labels: z.record(z.string(), z.string()).nullish(),
});
export type XAxisConfig = z.output<typeof XAxisConfigSchema>;

const seriesBase = {
  /** Legend label; declared required-but-nullable upstream, so `null` and absence are both accepted. */
  label: z.string().nullish(),
  /** Data key holding this series' numeric values. */
  dataKey: z.string(),
  /** A chart color token (`blue`, `purple`…), any color, or `{light, dark}`. */
  color: ColorSchema.nullish(),
};

/** Bars; series with the same `stack` id stack together. */
export const BarSeriesSchema = z.looseObject({
  type: z.literal('bar'),
  ...seriesBase,
  stack: z.string().nullish(),
});
/** A filled area; stackable, with a curve type. */
export const AreaSeriesSchema = z.looseObject({
  type: z.literal('area'),
  ...seriesBase,
  stack: z.string().nullish(),
  curveType: CurveTypeSchema.nullish(),
});
/** A line, with a curve type. */
export const LineSeriesSchema = z.looseObject({
  type: z.literal('line'),
  ...seriesBase,
  curveType: CurveTypeSchema.nullish(),
});
/** One chart series, discriminated on `type`. */
export const SeriesSchema = z.discriminatedUnion('type', [
  BarSeriesSchema,
  AreaSeriesSchema,
  LineSeriesSchema,
]);
export type BarSeries = z.output<typeof BarSeriesSchema>;
export type AreaSeries = z.output<typeof AreaSeriesSchema>;
export type LineSeries = z.output<typeof LineSeriesSchema>;
export type Series = z.output<typeof SeriesSchema>;

/** A bar, line or area chart over tabular `data`. */
export const ChartSchema = z.looseObject({
  type: z.literal('Chart'),
  ...componentBase,
  /** Rows mapping field names to values. */
  data: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  series: z.array(SeriesSchema),
  /** A data key, or the full axis config. */
  xAxis: z.union([z.string(), XAxisConfigSchema]),
  showYAxis: z.boolean().nullish(),
  showLegend: z.boolean().nullish(),
  showTooltip: z.boolean().nullish(),
  barGap: z.number().int().nullish(),
  barCategoryGap: z.number().int().nullish(),
  flex: IntOrStringSchema.nullish(),
  height: IntOrStringSchema.nullish(),
  width: IntOrStringSchema.nullish(),
  size: IntOrStringSchema.nullish(),
  minHeight: IntOrStringSchema.nullish(),
  minWidth: IntOrStringSchema.nullish(),
  minSize: IntOrStringSchema.nullish(),
  maxHeight: IntOrStringSchema.nullish(),
  maxWidth: IntOrStringSchema.nullish(),
  maxSize: IntOrStringSchema.nullish(),
  aspectRatio: NumberOrStringSchema.nullish(),
});
export type Chart = z.output<typeof ChartSchema>;
