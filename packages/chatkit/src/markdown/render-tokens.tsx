// Token tree → Preact nodes. Every string lands in a text node or an allow-listed attribute, so
// raw HTML in the Markdown (`<script>`, `onerror=`) shows as text and does nothing.
import type { Token, Tokens } from 'marked';
import { Component, type ComponentChildren, type VNode } from 'preact';
import { CodeBlock } from './code-block.js';
import { dispatchDeeplink } from './deeplink.js';
import { decodeEntities } from './entities.js';
import type { MathToken } from './math-extension.js';
import { MathView } from './math-view.js';
import { isDeepLink, safeImageUrl, safeLinkUrl } from './safe-url.js';

const BR_TAG = /^<br\s*\/?>$/i;

function text(value: string): string {
  return decodeEntities(value);
}

function Link(props: {
  href: string | undefined;
  title?: string | null;
  children: ComponentChildren;
}) {
  const href = safeLinkUrl(props.href);
  if (href === undefined) return <span class="tl-md-link-blocked">{props.children}</span>;
  if (isDeepLink(href)) {
    return (
      <a
        href={href}
        title={props.title ?? undefined}
        onClick={(event) => dispatchDeeplink(event, href)}
      >
        {props.children}
      </a>
    );
  }
  return (
    <a href={href} title={props.title ?? undefined} target="_blank" rel="noopener noreferrer">
      {props.children}
    </a>
  );
}

function renderInline(tokens: Token[] | undefined): ComponentChildren {
  if (!tokens) return null;
  return tokens.map((token, index) => inlineToken(token, index));
}

function inlineToken(token: Token, key: number): ComponentChildren {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? renderInline(t.tokens) : text(t.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return <strong key={key}>{renderInline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{renderInline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{renderInline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{text((token as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = token as Tokens.Link;
      return (
        <Link key={key} href={link.href} title={link.title}>
          {renderInline(link.tokens)}
        </Link>
      );
    }
    case 'image': {
      const image = token as Tokens.Image;
      const src = safeImageUrl(image.href);
      if (src === undefined) return <span key={key}>{text(image.text)}</span>;
      return (
        <img
          key={key}
          src={src}
          alt={text(image.text)}
          title={image.title ?? undefined}
          loading="lazy"
          referrerpolicy="no-referrer"
        />
      );
    }
    case 'html':
      // Only a line break is honoured; any other tag is shown as the text it is.
      return BR_TAG.test(token.raw.trim()) ? <br key={key} /> : token.raw;
    case 'math_inline': {
      const math = token as MathToken;
      return <MathView key={key} tex={math.tex} display={math.display === true} />;
    }
    case 'checkbox':
      return null;
    default:
      return 'tokens' in token && Array.isArray(token.tokens)
        ? renderInline(token.tokens)
        : text(token.raw);
  }
}

function ListItem(props: { item: Tokens.ListItem; complete: boolean }) {
  const { item } = props;
  const children = item.loose
    ? renderBlocks(item.tokens, props.complete)
    : item.tokens.map((token, index) =>
        token.type === 'text' ? inlineToken(token, index) : block(token, index, props.complete),
      );
  return (
    <li dir="auto" class={item.task ? 'tl-md-task' : undefined}>
      {item.task && <input type="checkbox" checked={item.checked === true} disabled />}
      {children}
    </li>
  );
}

function renderBlocks(tokens: Token[], complete: boolean): VNode[] {
  return tokens.map((token, index) => block(token, index, complete)).filter(isNode);
}

function isNode(node: VNode | null): node is VNode {
  return node !== null;
}

function alignStyle(align: 'center' | 'left' | 'right' | null) {
  return align ? { textAlign: align } : undefined;
}

/** One block; `complete` is false for the still-growing last block of a streamed answer. */
function block(token: Token, key: number, complete: boolean): VNode | null {
  switch (token.type) {
    case 'space':
    case 'def':
    case 'checkbox':
      return null;
    case 'paragraph':
      return (
        <p key={key} dir="auto">
          {renderInline((token as Tokens.Paragraph).tokens)}
        </p>
      );
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(Math.max(heading.depth, 1), 6)}` as 'h1';
      return (
        <Tag key={key} dir="auto">
          {renderInline(heading.tokens)}
        </Tag>
      );
    }
    case 'code': {
      const code = token as Tokens.Code;
      const closed = complete || /\n[ \t]*(`{3,}|~{3,})[ \t]*\n?$/.test(code.raw);
      return <CodeBlock key={key} code={code.text} lang={code.lang ?? ''} complete={closed} />;
    }
    case 'blockquote':
      return (
        <blockquote key={key} dir="auto">
          {renderBlocks((token as Tokens.Blockquote).tokens, complete)}
        </blockquote>
      );
    case 'hr':
      return <hr key={key} />;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => (
        <ListItem key={index} item={item} complete={complete} />
      ));
      return list.ordered ? (
        <ol key={key} start={list.start === '' || list.start === 1 ? undefined : list.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table': {
      const table = token as Tokens.Table;
      return (
        <div key={key} class="tl-md-table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, index) => (
                  <th key={index} dir="auto" style={alignStyle(cell.align)}>
                    {renderInline(cell.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} dir="auto" style={alignStyle(cell.align)}>
                      {renderInline(cell.tokens)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'html':
      // Raw HTML blocks are shown as text (see the file comment).
      return (
        <p key={key} dir="auto" class="tl-md-raw">
          {token.raw}
        </p>
      );
    case 'math_block':
      return <MathView key={key} tex={(token as MathToken).tex} display />;
    case 'text': {
      const t = token as Tokens.Text;
      return (
        <p key={key} dir="auto">
          {t.tokens ? renderInline(t.tokens) : text(t.text)}
        </p>
      );
    }
    default:
      return (
        <p key={key} dir="auto">
          {token.raw}
        </p>
      );
  }
}

interface BlockProps {
  token: Token;
  complete: boolean;
}

/** A top-level block, re-rendered only when its source text or completeness changes. */
export class Block extends Component<BlockProps> {
  override shouldComponentUpdate(next: BlockProps): boolean {
    return next.token.raw !== this.props.token.raw || next.complete !== this.props.complete;
  }

  override render() {
    return block(this.props.token, 0, this.props.complete);
  }
}
