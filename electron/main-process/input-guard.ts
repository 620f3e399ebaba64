// Keys a customer (or a keyboard left on the kiosk) must not use: reload, zoom, devtools,
// close, quit, navigate, print, find, view source. Digits, Backspace, Enter and Escape stay:
// the PIN screen takes them from a physical keypad.

/** The parts of Electron's `Input` this decision needs. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

const ALWAYS_BLOCKED = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'ContextMenu',
]);

export function shouldSwallow(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (ALWAYS_BLOCKED.has(input.key)) return true;
  // Ctrl/Cmd with anything: reload, zoom, close, print, find, select all, devtools…
  if (input.control || input.meta) return true;
  // Alt+arrows navigate history, Alt+F4 closes, Alt alone opens menus.
  if (input.alt) return true;
  return false;
}
