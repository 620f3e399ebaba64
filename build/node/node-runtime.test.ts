import { describe, expect, it } from 'vitest';
import { isRecentEnough } from './node-runtime.mjs';

describe('the Node bootstrap', () => {
  it.each([
    ['v20.20.2', false],
    ['v22.11.9', false],
    ['v22.12.0', true],
    ['v23.0.0', true],
    ['v24.9.0', true],
  ])('treats %s as recent enough: %s', (version, expected) => {
    expect(isRecentEnough(version)).toBe(expected);
  });
});
