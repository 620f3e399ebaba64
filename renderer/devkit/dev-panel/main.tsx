import { createRoot } from 'react-dom/client';
import { tokenFromLocation, websocketUrl } from '../websocket-bridge.ts';
import { DevPanel } from './DevPanel.tsx';

const token = tokenFromLocation(window.location);
const root = document.getElementById('root');
if (root && token) createRoot(root).render(<DevPanel url={websocketUrl(window.location, '/ws/demo', token)} />);
