// The service key switch: a USB key switch presents itself as a keyboard and types a key when
// it is turned (config maintenance.serviceKey). The shell catches that key on the trusted
// side, in the main process's input handling, before any page sees it: the renderer can
// neither see the key nor open the menu. Either the switch types one key when turned on and
// another when turned back, or it holds one key down while on.

/** The parts of Electron's `Input` this needs. */
export interface ServiceKeyInput {
  readonly type: string;
  /** The physical key (KeyboardEvent.code), as the configuration names it. */
  readonly code?: string;
  readonly isAutoRepeat?: boolean;
}

export interface ServiceKeyCodes {
  readonly on: string;
  readonly off?: string | undefined;
}

/**
 * Turns key input into the key's position (`turned(true)` on, `turned(false)` back) and says
 * whether the input was the service key's, so that the caller keeps it from the page.
 */
export function watchServiceKey(codes: ServiceKeyCodes, turned: (on: boolean) => void): (input: ServiceKeyInput) => boolean {
  return (input) => {
    const isOn = input.code === codes.on;
    const isOff = codes.off !== undefined && input.code === codes.off;
    if (!isOn && !isOff) return false;
    const down = input.type === 'keyDown' || input.type === 'rawKeyDown';
    // A held key repeats: only its first press turns anything.
    if (input.isAutoRepeat) return true;
    if (codes.off === undefined) {
      if (down) turned(true);
      else if (input.type === 'keyUp') turned(false);
    } else if (down) {
      turned(isOn);
    }
    return true;
  };
}
