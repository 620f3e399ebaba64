// The demo's Electron entry: the product's shell (lock-down, IPC, crash policy) on the devkit's
// kiosk — the demo configuration by default, or KIOSK_CONFIG, which may name the demo's parts.
import { startShell } from '../../main-process/shell.ts';
import { startDemoKioskRuntime } from '../compose-demo-kiosk.ts';
import { demoConfig, loadDemoConfig } from '../demo-config.ts';

const path = process.env.KIOSK_CONFIG;
startShell({ config: () => (path ? loadDemoConfig(path) : { ok: true, value: demoConfig() }), start: startDemoKioskRuntime });
