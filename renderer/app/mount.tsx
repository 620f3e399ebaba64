// Draws the kiosk screen on a bridge, whichever host provides it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KioskBridge } from '../../electron/common/bridge.ts';
import { App } from './App.tsx';
import '../styles/kiosk.css';

export function mountKiosk(bridge: KioskBridge): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App bridge={bridge} />
    </StrictMode>,
  );
}
