// The log bundle for the bank's maintenance vendor: one file, encrypted with age to the
// vendor's public key from configuration, so that only the vendor can read it off the USB
// stick it leaves the branch on. Inside, a JSON container (format below) of what the vendor
// needs to diagnose the kiosk and nothing personal: the operational log (redacted by
// construction, kiosk-log.ts), systemd's own lines about the kiosk's service (starts, exits,
// restarts; other processes' free text is left out), the version, the configuration's hash
// and the last self-test runs. No PIN, card hash, staff PIN hash or submission is read here.
//
// Format "mynaportal-kiosk-log-bundle/1": { format, terminalId, createdAt, version,
// configurationHash, selfTests: SelfTestRun[] (newest first), journal: { available: true,
// lines: { at, message }[] } | { available: false, reason }, log: { file, lines: object[] }[]
// (oldest file first) }. The vendor: `age -d -i vendor-key.txt <file>.age > bundle.json`.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Encrypter } from 'age-encryption';
import type { LogBundleOutcome, SelfTestRun } from '../../common/maintenance/maintenance-view.ts';
import type { LogBundleSettings } from '../config/kiosk-config.ts';

export const LOG_BUNDLE_FORMAT = 'mynaportal-kiosk-log-bundle/1';

export type JournalExcerpt =
  | { readonly available: true; readonly lines: readonly { readonly at: string; readonly message: string }[] }
  | { readonly available: false; readonly reason: string };

export interface LogBundleSources {
  readonly now: () => Date;
  readonly version: string;
  readonly configurationHash: string;
  /** The operational log's files, oldest first. */
  logFiles(): readonly string[];
  journal(): Promise<JournalExcerpt>;
  selfTests(): readonly SelfTestRun[];
}

/** <terminalId>-logs-<UTC time to the second>.age: sortable, and safe on any file system. */
export const bundleFileName = (terminalId: string, at: Date): string =>
  `${terminalId}-logs-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.age`;

/** A log file's lines that are the log's own JSON objects (a torn last line after a power cut is left out). */
function logLines(text: string): object[] {
  return text.split('\n').flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return value && typeof value === 'object' && !Array.isArray(value) ? [value] : [];
    } catch {
      return [];
    }
  });
}

/**
 * systemd's own lines about the service, from `journalctl -o json` output: the manager's
 * (SYSLOG_IDENTIFIER systemd) only. The kiosk's lines are in its log already; what Electron,
 * Chromium or cage write is free text and stays out.
 */
export function journalExcerpt(jsonLines: string): JournalExcerpt {
  const lines = jsonLines.split('\n').flatMap((line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return [];
    }
    const { SYSLOG_IDENTIFIER: identifier, MESSAGE: message, __REALTIME_TIMESTAMP: micros } = entry;
    if (identifier !== 'systemd' || typeof message !== 'string' || typeof micros !== 'string') return [];
    return [{ at: new Date(Number(micros) / 1000).toISOString(), message }];
  });
  return { available: true, lines };
}

/** The last week of the service's journal, through journalctl (absent off systemd: said so in the bundle). */
export function systemdJournal(unit: string, timeoutMs = 10_000): () => Promise<JournalExcerpt> {
  return () =>
    new Promise((resolve) => {
      execFile(
        'journalctl',
        ['--unit', unit, '--output', 'json', '--no-pager', '--since', '-7d', '--lines', '5000'],
        { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve(
            error
              ? { available: false, reason: 'journalctl-failed' }
              : // Outside the systemd-journal (or adm) group journalctl shows only the user's own journal, and says so.
                /insufficient permissions/i.test(stderr)
                ? { available: false, reason: 'no-journal-access' }
                : journalExcerpt(stdout),
          ),
      );
    });
}

/** The bundle's plain content (before encryption). */
export async function bundleContent(terminalId: string, sources: LogBundleSources): Promise<string> {
  return JSON.stringify({
    format: LOG_BUNDLE_FORMAT,
    terminalId,
    createdAt: sources.now().toISOString(),
    version: sources.version,
    configurationHash: sources.configurationHash,
    selfTests: sources.selfTests(),
    journal: await sources.journal(),
    log: sources.logFiles().map((file) => ({ file: basename(file), lines: logLines(readFileSync(file, 'utf8')) })),
  });
}

/** Writes the encrypted bundle into the configured folder; says where, or why not. */
export async function writeLogBundle(settings: LogBundleSettings | undefined, sources: LogBundleSources): Promise<LogBundleOutcome> {
  const now = sources.now();
  const at = now.toISOString();
  if (!settings) return { written: false, reason: 'not-configured', at };
  // A USB stick not plugged in leaves its mount point missing (or an empty folder on the root file system: an operator's mistake we cannot see).
  if (!existsSync(settings.folder) || !statSync(settings.folder).isDirectory()) return { written: false, reason: 'folder-missing', at };
  let sealed: Uint8Array;
  try {
    const encrypter = new Encrypter();
    encrypter.addRecipient(settings.recipient);
    sealed = await encrypter.encrypt(await bundleContent(settings.terminalId, sources));
  } catch {
    return { written: false, reason: 'encrypt-failed', at };
  }
  const file = bundleFileName(settings.terminalId, now);
  try {
    writeFileSync(join(settings.folder, file), sealed, { mode: 0o600, flag: 'wx' });
  } catch {
    return { written: false, reason: 'write-failed', at };
  }
  return { written: true, file, at };
}
