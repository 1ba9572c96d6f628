import { describe, expect, it } from 'vitest';
import * as protocol from '../../src/protocol/index.js';
import * as widgets from '../../src/protocol/widgets/index.js';

describe('@threadline/server/protocol', () => {
  // The entry lists widget names explicitly (no `export *` in entry files); this keeps that list
  // from drifting when a widget schema is added.
  it('re-exports every widget schema of protocol/widgets', () => {
    const missing = Object.keys(widgets).filter((name) => !(name in protocol));
    expect(missing).toEqual([]);
  });
});
