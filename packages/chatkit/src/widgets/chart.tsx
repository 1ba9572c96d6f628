// Chart: a placeholder of the right size, replaced by the SVG chart once its chunk has loaded.
import { useEffect, useState } from 'preact/hooks';
import type * as ChartChunk from './chart-chunk.js';
import { blockStyle } from './tokens.js';
import type { Props } from './types.js';

let chunk: Promise<typeof ChartChunk> | undefined;
let loaded: typeof ChartChunk | undefined;

export function ChartView(props: { node: Props }) {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    chunk ??= import('./chart-chunk.js');
    void chunk.then((m) => {
      loaded = m;
      if (live) setModule(m);
    });
    return () => {
      live = false;
    };
  }, []);
  const style: Record<string, string | number> = { ...blockStyle(props.node) };
  if (style.height === undefined && style.aspectRatio === undefined) style.height = '220px';
  if (!module) return <div class="tl-w-chart tl-w-chart-pending" style={style} aria-busy="true" />;
  return (
    <div class="tl-w-chart" style={style}>
      <module.SvgChart node={props.node} />
    </div>
  );
}
