import { describe, expect, it } from 'vitest';
import { WidgetRootSchema, type WidgetRoot } from '../protocol/widgets/index.js';
import { Card, Col, Markdown, Text } from './builders.js';
import { diffWidget } from './diff.js';

/** A root built from a plain dict, as chatkit-python's DynamicWidgetRoot tests do. */
const fromDict = (json: unknown): WidgetRoot => WidgetRootSchema.parse(json);

const types = (before: WidgetRoot, after: WidgetRoot): string[] =>
  diffWidget(before, after).map((update) => update.type);

describe('diffWidget (docs/protocol.md §8.5, §11.3 diff)', () => {
  describe('typed components', () => {
    it('equal cards → []', () => {
      expect(types(Card({ children: [] }), Card({ children: [] }))).toEqual([]);
    });

    it('streaming text prefix-extension → value_delta', () => {
      const before = Card({ children: [Text({ id: 'text', value: 'Hello', streaming: true })] });
      const after = Card({
        children: [Text({ id: 'text', value: 'Hello, world!', streaming: true })],
      });
      expect(diffWidget(before, after)).toEqual([
        {
          type: 'widget.streaming_text.value_delta',
          component_id: 'text',
          delta: ', world!',
          done: false,
        },
      ]);
    });

    it('streaming → not streaming → root.updated', () => {
      const before = Card({ children: [Text({ id: 'text', value: 'Hello', streaming: true })] });
      const after = Card({
        children: [Text({ id: 'text', value: 'Hello, world!', streaming: false })],
      });
      expect(diffWidget(before, after)).toEqual([{ type: 'widget.root.updated', widget: after }]);
    });

    it('text without id changing value → root.updated', () => {
      const before = Card({ children: [Text({ value: 'Hello' })] });
      const after = Card({ children: [Text({ value: 'world!' })] });
      expect(types(before, after)).toEqual(['widget.root.updated']);
    });
  });

  describe('roots and components built from plain dicts', () => {
    const text = (props: Record<string, unknown>) =>
      fromDict({ type: 'Card', children: [{ type: 'Text', ...props }] });

    it('equal cards → []', () => {
      expect(
        types(fromDict({ type: 'Card', children: [] }), fromDict({ type: 'Card', children: [] })),
      ).toEqual([]);
    });

    it('streaming text prefix-extension → value_delta', () => {
      const before = text({ id: 'text', value: 'Hello', streaming: true });
      const after = text({ id: 'text', value: 'Hello, world!', streaming: true });
      expect(types(before, after)).toEqual(['widget.streaming_text.value_delta']);
    });

    it('streaming → not streaming → root.updated', () => {
      const before = text({ id: 'text', value: 'Hello', streaming: true });
      const after = text({ id: 'text', value: 'Hello, world!', streaming: false });
      expect(types(before, after)).toEqual(['widget.root.updated']);
    });

    it('text without id changing value → root.updated', () => {
      expect(types(text({ value: 'Hello' }), text({ value: 'world!' }))).toEqual([
        'widget.root.updated',
      ]);
    });
  });

  describe('behaviour table', () => {
    it('a prefix-extension of an id text without `streaming` is done', () => {
      const before = Card({ children: [Col({ children: [Markdown({ id: 'md', value: 'a' })] })] });
      const after = Card({ children: [Col({ children: [Markdown({ id: 'md', value: 'ab' })] })] });
      expect(diffWidget(before, after)).toEqual([
        { type: 'widget.streaming_text.value_delta', component_id: 'md', delta: 'b', done: true },
      ]);
    });

    it('a prefix-extension of a text without id emits nothing', () => {
      const before = Card({ children: [Text({ value: 'Hel' })] });
      expect(diffWidget(before, Card({ children: [Text({ value: 'Hello' })] }))).toEqual([]);
    });

    it('any other prop change replaces the root', () => {
      expect(types(Card({ children: [], size: 'sm' }), Card({ children: [], size: 'md' }))).toEqual(
        ['widget.root.updated'],
      );
      expect(types(Card({ children: [] }), Card({ children: [Text({ value: 'x' })] }))).toEqual([
        'widget.root.updated',
      ]);
      expect(types(Card({ children: [], key: 'a' }), Card({ children: [], key: 'b' }))).toEqual([
        'widget.root.updated',
      ]);
      expect(types(Card({ children: [] }), fromDict({ type: 'ListView', children: [] }))).toEqual([
        'widget.root.updated',
      ]);
      const action = (x: number) =>
        fromDict({
          type: 'Card',
          children: [{ type: 'Button', onClickAction: { type: 'go', payload: { x } } }],
        });
      expect(types(action(1), action(2))).toEqual(['widget.root.updated']);
      expect(types(action(1), action(1))).toEqual([]);
    });

    it('treats an absent prop and a null one as equal', () => {
      expect(
        types(fromDict({ type: 'Card', children: [], size: null }), Card({ children: [] })),
      ).toEqual([]);
    });

    it('emits one delta per growing text, in document order', () => {
      const state = (a: string, b: string) =>
        Card({
          children: [
            Text({ id: 'a', value: a, streaming: true }),
            Text({ id: 'b', value: b, streaming: true }),
          ],
        });
      expect(
        diffWidget(state('x', 'y'), state('x1', 'y2')).map((u) => 'delta' in u && u.delta),
      ).toEqual(['1', '2']);
    });
  });

  describe('cumulative updates', () => {
    // The reference's two errors (a new id node; a non-prefix value) guard states that the
    // full-replace check already turns into `widget.root.updated`, as these cases show.
    it('replaces the root when a tracked text changes without extending its value', () => {
      const state = (value: string) =>
        fromDict({ type: 'Card', children: [{ type: 'Text', id: 't', value }] });
      expect(types(state('abc'), state('abd'))).toEqual(['widget.root.updated']);
    });

    it('replaces the root when a new id text appears', () => {
      const before = Card({ children: [Text({ id: 'a', value: '' })] });
      expect(types(before, Card({ children: [Text({ id: 'b', value: '' })] }))).toEqual([
        'widget.root.updated',
      ]);
      expect(
        types(
          before,
          Card({ children: [Text({ id: 'a', value: '' }), Text({ id: 'b', value: '' })] }),
        ),
      ).toEqual(['widget.root.updated']);
    });

    it('diffs a single child (Transition, Basic) like a list of one', () => {
      const state = (value: string) =>
        fromDict({
          type: 'Basic',
          children: { type: 'Transition', children: { type: 'Text', id: 't', value } },
        });
      expect(diffWidget(state('a'), state('ab'))).toEqual([
        { type: 'widget.streaming_text.value_delta', component_id: 't', delta: 'b', done: true },
      ]);
    });
  });
});
