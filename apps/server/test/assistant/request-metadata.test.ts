import { describe, expect, it } from 'vitest';
import { boundedMetadataJson, metadataInstructions } from '../../src/assistant/request-metadata.js';

describe('request metadata in the instructions', () => {
  it('adds no block when the request sent no metadata', () => {
    expect(metadataInstructions(undefined)).toBeUndefined();
    expect(metadataInstructions({})).toBeUndefined();
  });

  it('keeps small metadata whole and parseable', () => {
    const metadata = { pageContext: { url: 'https://a.example/?q=1&r=<2>', headings: ['A'] } };
    const json = boundedMetadataJson(metadata)!;
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual(metadata);
  });

  it('stays within the byte budget with multi-byte text and marks the cut', () => {
    const metadata = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`k${i}`, 'é€😀'.repeat(200)]),
    );
    const json = boundedMetadataJson(metadata, 4096)!;
    expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(parsed['_truncated']).toBe(true);
    expect(parsed['k0']).toBe('é€😀'.repeat(200));
    expect(Object.keys(parsed).length).toBeGreaterThan(1);
  });

  it('cuts deep nesting and long arrays', () => {
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 20; i++) deep = { child: deep };
    const parsed = JSON.parse(
      boundedMetadataJson({ deep, list: Array.from({ length: 500 }, (_, i) => i) })!,
    ) as { deep: unknown; list: number[]; _truncated: boolean };
    expect(JSON.stringify(parsed.deep)).not.toContain('bottom');
    expect(parsed.list).toHaveLength(50);
    expect(parsed._truncated).toBe(true);
  });
});
