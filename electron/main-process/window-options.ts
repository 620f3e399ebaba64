// The kiosk window, one set of options pinned by tests: full-screen kiosk, no menu, and every
// item of Electron's security checklist that lives in webPreferences.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  readonly preload: string;
  /** Production builds have no devtools, whatever the environment says. */
  readonly production: boolean;
}

export function kioskWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    show: false, // shown once the first screen is drawn: no white flash in the branch
    backgroundColor: '#06306a',
    title: 'マイナポータルからの情報提出',
    webPreferences: {
      preload: input.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.production,
      safeDialogs: true,
      disableDialogs: true,
      enableWebSQL: false,
      autoplayPolicy: 'no-user-gesture-required', // the card-return chime must sound
      backgroundThrottling: false, // timers of an unattended screen must keep running
      zoomFactor: 1,
    },
  };
}
