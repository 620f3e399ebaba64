// The product's Electron entry: the shell on the branch's configuration (KIOSK_CONFIG), a PC/SC
// reader in a supervised utility process and the bank's gateway. Nothing of the demo is here.
import { startKioskRuntime } from '../node/compose-kiosk.ts';
import { startShell } from './shell.ts';
import { branchConfig } from './shell-config.ts';

startShell({ config: () => branchConfig(process.env.KIOSK_CONFIG), start: startKioskRuntime });
