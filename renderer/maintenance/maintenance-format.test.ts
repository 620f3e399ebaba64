// Sizes on the status page as staff read them: a database of a few hundred KB is not "0 MB".
import { describe, expect, it } from 'vitest';
import { formatBytes } from './maintenance-format.ts';

describe('sizes on the maintenance pages', () => {
  it('says KB below a megabyte, MB below a gigabyte, GB with one decimal above', () => {
    expect(formatBytes(245_760)).toBe('240 KB');
    expect(formatBytes(1)).toBe('1 KB');
    expect(formatBytes(2.4 * 1024 ** 2)).toBe('2 MB');
    expect(formatBytes(48.2 * 1024 ** 3)).toBe('48.2 GB');
  });
});
