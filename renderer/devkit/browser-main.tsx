// The kiosk screen in a plain browser (development and demonstrations): the browser host's
// WebSocket bridge, its per-launch token taken from the URL fragment.
import { mountKiosk } from '../app/mount.tsx';
import { UNCONNECTED_BRIDGE } from '../app/unconnected-bridge.ts';
import { createWebSocketBridge, tokenFromLocation, websocketUrl } from './websocket-bridge.ts';

const token = tokenFromLocation(window.location);
mountKiosk(token ? createWebSocketBridge(websocketUrl(window.location, '/ws/screen', token)) : UNCONNECTED_BRIDGE);
