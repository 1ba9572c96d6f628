// Table, Table.Row and Table.Cell (the official client's table widget, ChatKit 1.7).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { renderChildren } from './render.js';
import { cssValue, spacingBox } from './tokens.js';
import type { Props } from './types.js';

const HeaderRow = createContext(false);

const COL_SIZE: Readonly<Record<string, string>> = {
  xs: '48px',
  sm: '96px',
  md: '160px',
  lg: '240px',
  xl: '320px',
};
const ALIGN: Readonly<Record<string, string>> = { start: 'start', center: 'center', end: 'end' };
const V_ALIGN: Readonly<Record<string, string>> = { start: 'top', center: 'middle', end: 'bottom' };

export function Table(props: { node: Props }) {
  const rows = Array.isArray(props.node.children) ? (props.node.children as Props[]) : [];
  const header = rows.filter((row) => row.header === true);
  const body = rows.filter((row) => row.header !== true);
  return (
    <div class="tl-w-table">
      <table>
        {header.length ? <thead>{renderChildren(header)}</thead> : null}
        <tbody>{renderChildren(body)}</tbody>
      </table>
    </div>
  );
}

export function TableRow(props: { node: Props }) {
  return (
    <HeaderRow.Provider value={props.node.header === true}>
      <tr>{renderChildren(props.node.children)}</tr>
    </HeaderRow.Provider>
  );
}

export function TableCell(props: { node: Props }) {
  const { node } = props;
  const header = useContext(HeaderRow);
  const style: Record<string, string> = { ...spacingBox(node.padding, 'padding') };
  const width =
    cssValue(node.width) ?? (typeof node.colSize === 'string' ? COL_SIZE[node.colSize] : undefined);
  if (width) style.width = width;
  const align = typeof node.align === 'string' ? ALIGN[node.align] : undefined;
  if (align) style.textAlign = align;
  const vAlign = typeof node.vAlign === 'string' ? V_ALIGN[node.vAlign] : undefined;
  if (vAlign) style.verticalAlign = vAlign;
  const span = (value: unknown) =>
    typeof value === 'number' && value > 1 ? Math.floor(value) : undefined;
  const Tag = header ? 'th' : 'td';
  return (
    <Tag dir="auto" colSpan={span(node.colSpan)} rowSpan={span(node.rowSpan)} style={style}>
      {renderChildren(node.children)}
    </Tag>
  );
}
