// Lazy chunk: bar, line and area charts drawn as SVG (docs/protocol.md §8.3 Chart), sized to their
// container. Stacked series share a `stack` id; lines and areas follow `curveType`.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { cssColor } from './tokens.js';
import type { Props } from './types.js';

const PALETTE = ['blue', 'purple', 'orange', 'green', 'red', 'yellow', 'pink'];

interface Series {
  type: 'bar' | 'line' | 'area';
  dataKey: string;
  label: string;
  color: string;
  stack: string | undefined;
  curve: string;
}

function seriesOf(node: Props): Series[] {
  const list = Array.isArray(node.series) ? (node.series as Props[]) : [];
  return list
    .filter(
      (s) =>
        (s.type === 'bar' || s.type === 'line' || s.type === 'area') &&
        typeof s.dataKey === 'string',
    )
    .map((s, index) => ({
      type: s.type as Series['type'],
      dataKey: s.dataKey as string,
      label: typeof s.label === 'string' ? s.label : (s.dataKey as string),
      color: cssColor(s.color) ?? cssColor(PALETTE[index % PALETTE.length])!,
      stack: typeof s.stack === 'string' && s.type !== 'line' ? s.stack : undefined,
      curve: typeof s.curveType === 'string' ? s.curveType : 'linear',
    }));
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(ticks, 1);
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function formatTick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${+(value / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${+(value / 1e3).toFixed(1)}k`;
  return String(+value.toFixed(2));
}

type Point = [number, number];

/** Monotone cubic interpolation (Fritsch–Carlson): smooth without overshooting the data. */
function monotonePath(points: Point[]): string {
  const n = points.length;
  if (n < 3) return linearPath(points);
  const dx: number[] = [];
  const slope: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    dx.push(points[i + 1]![0] - points[i]![0]);
    slope.push((points[i + 1]![1] - points[i]![1]) / (dx[i] || 1));
  }
  const tangent: number[] = [slope[0]!];
  for (let i = 1; i < n - 1; i++) {
    const a = slope[i - 1]!;
    const b = slope[i]!;
    tangent.push(
      a * b <= 0
        ? 0
        : (3 * (dx[i - 1]! + dx[i]!)) /
            ((2 * dx[i]! + dx[i - 1]!) / a + (dx[i]! + 2 * dx[i - 1]!) / b),
    );
  }
  tangent.push(slope[n - 2]!);
  let d = `M${points[0]![0]},${points[0]![1]}`;
  for (let i = 0; i < n - 1; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[i + 1]!;
    const h = dx[i]! / 3;
    d += `C${x0 + h},${y0 + h * tangent[i]!} ${x1 - h},${y1 - h * tangent[i + 1]!} ${x1},${y1}`;
  }
  return d;
}

function linearPath(points: Point[]): string {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${x},${y}`).join('');
}

function stepPath(points: Point[], mode: 'step' | 'stepBefore' | 'stepAfter'): string {
  let d = '';
  points.forEach(([x, y], i) => {
    if (i === 0) {
      d = `M${x},${y}`;
      return;
    }
    const [px, py] = points[i - 1]!;
    if (mode === 'stepAfter') d += `H${x}V${y}`;
    else if (mode === 'stepBefore') d += `V${y}H${x}`;
    else d += `H${(px + x) / 2}V${y}H${x}`;
    void py;
  });
  return d;
}

function curvePath(points: Point[], curve: string): string {
  if (curve === 'step' || curve === 'stepBefore' || curve === 'stepAfter')
    return stepPath(points, curve);
  if (curve === 'linear' || curve === 'linearClosed') return linearPath(points);
  return monotonePath(points);
}

export function SvgChart(props: { node: Props }) {
  const { node } = props;
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 480, height: 220 });
  const [hover, setHover] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0)
        setSize({ width: Math.round(rect.width), height: Math.round(rect.height) });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const data = Array.isArray(node.data) ? (node.data as Props[]) : [];
  const axis =
    typeof node.xAxis === 'string' ? { dataKey: node.xAxis } : ((node.xAxis ?? {}) as Props);
  const xKey = typeof axis.dataKey === 'string' ? axis.dataKey : '';
  const labels = (
    typeof axis.labels === 'object' && axis.labels !== null ? axis.labels : {}
  ) as Record<string, string>;
  const categories = data.map((row) => String((row[xKey] as string | number | undefined) ?? ''));
  const series = seriesOf(node);
  const showY = node.showYAxis !== false;
  const showX = axis.hide !== true;
  const showLegend = node.showLegend ?? series.length > 1;
  const showTooltip = node.showTooltip !== false;

  // Stacked tops and bottoms per series and row.
  const bottoms = new Map<Series, number[]>();
  const tops = new Map<Series, number[]>();
  const stackTotals = new Map<string, number[]>();
  for (const s of series) {
    const base = s.stack ? (stackTotals.get(s.stack) ?? data.map(() => 0)) : data.map(() => 0);
    const values = data.map((row) => num(row[s.dataKey]));
    bottoms.set(s, s.stack ? [...base] : data.map(() => 0));
    const top = values.map((v, i) => (s.stack ? base[i]! + v : v));
    tops.set(s, top);
    if (s.stack) stackTotals.set(s.stack, top);
  }
  const all = [...tops.values()].flat();
  const maxValue = Math.max(0, ...all);
  const minValue = Math.min(0, ...all);
  const step = niceStep(maxValue - minValue || 1, 4);
  const yMax = Math.ceil(maxValue / step) * step || step;
  const yMin = Math.floor(minValue / step) * step;

  const legendHeight = showLegend ? 24 : 0;
  const left = showY ? 44 : 8;
  const bottom = (showX ? 22 : 6) + legendHeight;
  const plotW = Math.max(size.width - left - 8, 10);
  const plotH = Math.max(size.height - bottom - 8, 10);
  const y = (value: number) => 8 + plotH - ((value - yMin) / (yMax - yMin || 1)) * plotH;
  const band = plotW / Math.max(categories.length, 1);
  const center = (i: number) => left + band * i + band / 2;

  // Bar slots: one per stack id or per unstacked bar series.
  const slots: string[] = [];
  for (const s of series.filter((s) => s.type === 'bar')) {
    const slot = s.stack ?? `#${s.dataKey}`;
    if (!slots.includes(slot)) slots.push(slot);
  }
  const categoryGap = typeof node.barCategoryGap === 'number' ? node.barCategoryGap : band * 0.2;
  const barGap = typeof node.barGap === 'number' ? node.barGap : 4;
  const slotWidth = Math.max(
    (band - categoryGap - barGap * (slots.length - 1)) / Math.max(slots.length, 1),
    1,
  );

  const ticks: number[] = [];
  for (let v = yMin; v <= yMax + step / 2; v += step) ticks.push(+v.toFixed(10));

  const title = `Chart: ${series.map((s) => s.label).join(', ')}`;
  return (
    <div ref={box} class="tl-w-chart-box">
      <svg width={size.width} height={size.height} role="img" aria-label={title}>
        <title>{title}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line class="tl-w-grid" x1={left} x2={left + plotW} y1={y(tick)} y2={y(tick)} />
            {showY ? (
              <text
                class="tl-w-axis"
                x={left - 6}
                y={y(tick)}
                text-anchor="end"
                dominant-baseline="middle"
              >
                {formatTick(tick)}
              </text>
            ) : null}
          </g>
        ))}
        {series
          .filter((s) => s.type === 'area')
          .map((s) => {
            const top = tops.get(s)!.map((v, i): Point => [center(i), y(v)]);
            const base = bottoms
              .get(s)!
              .map((v, i): Point => [center(i), y(v)])
              .reverse();
            const line = curvePath(top, s.curve);
            const back = curvePath(base, s.curve).replace(/^M/, 'L');
            return (
              <g key={`a-${s.dataKey}`} data-series={s.dataKey}>
                <path d={`${line}${back}Z`} fill={s.color} fill-opacity="0.25" />
                <path d={line} fill="none" stroke={s.color} stroke-width="2" />
              </g>
            );
          })}
        {series
          .filter((s) => s.type === 'bar')
          .map((s) => {
            const slot = slots.indexOf(s.stack ?? `#${s.dataKey}`);
            return (
              <g key={`b-${s.dataKey}`} data-series={s.dataKey} fill={s.color}>
                {tops.get(s)!.map((v, i) => {
                  const b = bottoms.get(s)![i]!;
                  const x = left + band * i + categoryGap / 2 + slot * (slotWidth + barGap);
                  const y0 = y(Math.max(v, b));
                  return (
                    <rect
                      key={i}
                      class="tl-w-bar"
                      x={x}
                      y={y0}
                      width={slotWidth}
                      height={Math.max(Math.abs(y(b) - y(v)), 0)}
                      rx={2}
                    />
                  );
                })}
              </g>
            );
          })}
        {series
          .filter((s) => s.type === 'line')
          .map((s) => (
            <path
              key={`l-${s.dataKey}`}
              data-series={s.dataKey}
              d={curvePath(
                tops.get(s)!.map((v, i): Point => [center(i), y(v)]),
                s.curve,
              )}
              fill="none"
              stroke={s.color}
              stroke-width="2"
            />
          ))}
        {showX
          ? categories.map((category, i) => (
              <text key={i} class="tl-w-axis" x={center(i)} y={8 + plotH + 15} text-anchor="middle">
                {labels[category] ?? category}
              </text>
            ))
          : null}
        {showTooltip
          ? categories.map((_, i) => (
              <rect
                key={i}
                x={left + band * i}
                y={8}
                width={band}
                height={plotH}
                fill="transparent"
                class={hover === i ? 'tl-w-hover' : undefined}
                onMouseEnter={() => setHover(i)}
                onMouseLeave={() => setHover(null)}
              />
            ))
          : null}
        {showLegend ? (
          <g class="tl-w-legend" transform={`translate(${left},${size.height - 10})`}>
            {series.map((s, i) => (
              <g key={s.dataKey} transform={`translate(${i * 110},0)`}>
                <rect x={0} y={-8} width={10} height={10} rx={2} fill={s.color} />
                <text x={14} y={1} class="tl-w-axis">
                  {s.label}
                </text>
              </g>
            ))}
          </g>
        ) : null}
      </svg>
      {hover !== null && showTooltip ? (
        <div
          class="tl-w-tooltip"
          role="tooltip"
          style={{ left: `${Math.min(center(hover) + 8, size.width - 140)}px`, top: '8px' }}
        >
          <strong>{labels[categories[hover]!] ?? categories[hover]}</strong>
          {series.map((s) => (
            <div key={s.dataKey}>
              <span class="tl-w-swatch" style={{ background: s.color }} /> {s.label}:{' '}
              {num(data[hover]?.[s.dataKey])}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
