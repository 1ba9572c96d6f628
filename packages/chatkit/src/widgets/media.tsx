// Media components: Icon and Image (docs/protocol.md §8.3).
import { safeImageUrl } from '../markdown/safe-url.js';
import { Icon } from './icons/icon.js';
import { ICON_SIZE, blockStyle, cssColor } from './tokens.js';
import type { Props } from './types.js';

export function WidgetIcon(props: { node: Props }) {
  const { node } = props;
  const size = typeof node.size === 'string' ? ICON_SIZE[node.size] : undefined;
  return (
    <Icon
      name={typeof node.name === 'string' ? node.name : ''}
      size={size ?? ICON_SIZE.md}
      color={cssColor(node.color)}
    />
  );
}

const POSITIONS = /^(top left|top|top right|left|center|right|bottom left|bottom|bottom right)$/;
const FITS = /^(cover|contain|fill|scale-down|none)$/;

/** An image; a `src` that is not http(s), relative or a raster data URL renders as its alt text. */
export function ImageView(props: { node: Props }) {
  const { node } = props;
  const src = safeImageUrl(typeof node.src === 'string' ? node.src : undefined);
  const alt = typeof node.alt === 'string' ? node.alt : '';
  const style: Record<string, string | number> = { ...blockStyle(node) };
  if (typeof node.fit === 'string' && FITS.test(node.fit)) style.objectFit = node.fit;
  if (typeof node.position === 'string' && POSITIONS.test(node.position))
    style.objectPosition = node.position;
  const background = cssColor(node.background);
  if (background) style.background = background;
  const className = `tl-w-image${node.frame === true ? ' tl-w-framed' : ''}${node.flush === true ? ' tl-w-flush' : ''}`;
  if (src === undefined) {
    return (
      <div class={`${className} tl-w-image-blocked`} role="img" aria-label={alt} style={style}>
        {alt}
      </div>
    );
  }
  return (
    <img
      class={className}
      src={src}
      alt={alt}
      loading="lazy"
      referrerpolicy="no-referrer"
      style={style}
    />
  );
}
