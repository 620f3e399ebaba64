// Boots the renderer on whichever bridge its host provides: the Electron preload's, or the
// browser host's WebSocket (token from the URL fragment).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KioskBridge } from '../electron/common/bridge.ts';
import { App } from './app/App.tsx';
import { createWebSocketBridge, tokenFromLocation, UNCONNECTED_BRIDGE, websocketUrl } from './bridge/websocket-bridge.ts';
import './styles/kiosk.css';

declare global {
  interface Window {
    /** Set by the Electron preload. */
    readonly kioskBridge?: KioskBridge;
  }
}

function bridge(): KioskBridge {
  if (window.kioskBridge) return window.kioskBridge;
  const token = tokenFromLocation(window.location);
  return token ? createWebSocketBridge(websocketUrl(window.location, '/ws/screen', token)) : UNCONNECTED_BRIDGE;
}

const root = document.getElementById('root');
const kiosk = bridge();
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App bridge={kiosk} />
    </StrictMode>,
  );
}
