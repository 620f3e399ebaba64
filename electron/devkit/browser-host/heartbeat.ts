// A socket whose peer stops answering pings (gone, frozen, or not reading at all) is closed,
// so it neither holds the one screen connection nor collects what it never takes.
import type { WebSocket } from 'ws';

export function watchHeartbeat(ws: WebSocket, intervalMs: number, onSilent: () => void): void {
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      onSilent();
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, intervalMs);
  ws.once('close', () => clearInterval(timer));
}
