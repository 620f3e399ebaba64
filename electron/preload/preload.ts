// The preload of the sandboxed renderer: it exposes the kiosk bridge and nothing else (no
// ipcRenderer, no Node). Its shape is the shared KioskBridge, so the renderer's type and this
// implementation cannot drift apart. Bundled into one CommonJS file for the sandbox.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KioskBridge } from '../common/bridge.ts';
import { IPC, type IpcPayloads } from '../common/ipc-channels.ts';
import type { UiEvent } from '../common/ui-events.ts';
import type { ViewModel } from '../common/view-model.ts';

const bridge = {
  subscribe(listener: (view: ViewModel) => void): () => void {
    const onView = (_event: IpcRendererEvent, ...[view]: IpcPayloads[typeof IPC.view]): void => listener(view);
    ipcRenderer.on(IPC.view, onView);
    ipcRenderer.send(IPC.ready, ...([] satisfies IpcPayloads[typeof IPC.ready]));
    return () => {
      ipcRenderer.off(IPC.view, onView);
    };
  },
  send(event: UiEvent): void {
    ipcRenderer.send(IPC.event, ...([event] satisfies IpcPayloads[typeof IPC.event]));
  },
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kioskBridge', bridge);
