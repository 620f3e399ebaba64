// The service key as the shell sees it: a key code typed by a USB key switch, turned into the
// menu's key position and kept from the page.
import { describe, expect, it } from 'vitest';
import { watchServiceKey, type ServiceKeyInput } from './service-key.ts';

const key = (type: string, code: string, isAutoRepeat = false): ServiceKeyInput => ({ type, code, isAutoRepeat });

describe('the service key', () => {
  it('turns on and back with two keys, and keeps both from the page', () => {
    const turns: boolean[] = [];
    const watch = watchServiceKey({ on: 'F13', off: 'F14' }, (on) => turns.push(on));
    expect(watch(key('keyDown', 'F13'))).toBe(true);
    expect(watch(key('keyUp', 'F13'))).toBe(true);
    expect(watch(key('rawKeyDown', 'F14'))).toBe(true);
    expect(turns).toEqual([true, false]);
  });

  it('with one held key: on while held, back when released, a repeat turning nothing', () => {
    const turns: boolean[] = [];
    const watch = watchServiceKey({ on: 'ScrollLock' }, (on) => turns.push(on));
    watch(key('keyDown', 'ScrollLock'));
    expect(watch(key('keyDown', 'ScrollLock', true))).toBe(true);
    watch(key('keyUp', 'ScrollLock'));
    expect(turns).toEqual([true, false]);
  });

  it('leaves every other key alone: digits still reach the PIN screen', () => {
    const turns: boolean[] = [];
    const watch = watchServiceKey({ on: 'F13', off: 'F14' }, (on) => turns.push(on));
    expect(watch(key('keyDown', 'Digit4'))).toBe(false);
    expect(watch({ type: 'keyDown' })).toBe(false);
    expect(turns).toEqual([]);
  });
});
