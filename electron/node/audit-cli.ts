// `npm run audit -- verify --data DIR`,
// `npm run audit -- export --data DIR --from YYYY-MM-DD --to YYYY-MM-DD --out FOLDER`,
// `npm run audit -- day-close --data DIR --date YYYY-MM-DD [--pdf FILE]` and
// `npm run audit -- trace --data DIR RECEIPT`: the audit trail of a kiosk's data folder checked
// link by link, a range of Japan dates exported (CSV, JSON, manifest), a day's counters
// (日計表, JSON and PDF), or the timeline of the session a receipt names. For staff at the
// terminal with the kiosk stopped (the kiosk holds its database exclusively; while it runs, the
// operator menu does the same through Kiosk.exportAudit, dayClose, dayClosePdf, lookupReceipt).
// The key is the data folder's key file, or one the bank keeps apart (--key); a key sealed by
// the OS keystore opens only in the Electron shell.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dayClosePdf } from './printing/day-close-pdf.ts';
import { exportAuditTrail } from './storage/audit-export.ts';
import { AuditTrail } from './storage/audit-trail.ts';
import { dayClose } from './storage/day-close.ts';
import { loadOrCreateKey } from './storage/key-file.ts';
import { DataFolderInUseError, openKioskDatabase } from './storage/kiosk-database.ts';
import { receiptTimeline } from './storage/trace-receipt.ts';

const USAGE = `usage: npm run audit -- verify --data DIR [--key FILE]
       npm run audit -- export --data DIR --from YYYY-MM-DD --to YYYY-MM-DD --out FOLDER [--key FILE]
       npm run audit -- day-close --data DIR --date YYYY-MM-DD [--pdf FILE] [--key FILE]
       npm run audit -- trace --data DIR RECEIPT [--key FILE]

  --data DIR    the kiosk's data folder (config "dataDir"); stop the kiosk first
  --key FILE    the database key file (default: DIR/database.key)
  --from, --to  the first and last day to export, Japan dates (both included)
  --out FOLDER  where the CSV, the JSON and the manifest are written (made if missing)
  --date        the day to close, a Japan date: its report (日計表) is printed as JSON
  --pdf FILE    also write the report as a PDF (never over an existing file)
  RECEIPT       a 受付番号, or the kiosk's reference for a submission still being sent:
                the timeline of its session is printed, one event a line

Exit status: 0 the chain is intact (and the export or report written; trace: the receipt
found), 1 it is broken (the export or report is still written and says where the chain
breaks; trace: no session has that receipt), 2 the command could not run.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      key: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      date: { type: 'string' },
      pdf: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [command, ...extra] = positionals;
const COMMANDS = ['verify', 'export', 'day-close', 'trace'];
if (command === undefined || !COMMANDS.includes(command) || extra.length > (command === 'trace' ? 1 : 0))
  fail(`unknown command: ${positionals.join(' ') || '(none)'}`);
if (command === 'trace' && !extra[0]) fail('trace needs the RECEIPT to look up');
if (!values.data) fail('--data DIR is needed');
const database = join(values.data, 'kiosk.sqlite');
// Never created here: a new database or key would only hide that the folder is not a kiosk's.
if (!existsSync(database)) fail(`${values.data} holds no kiosk database (kiosk.sqlite)`);
const keyFile = values.key ?? join(values.data, 'database.key');
if (!existsSync(keyFile)) {
  fail(
    existsSync(join(values.data, 'database.key.sealed')) && !values.key
      ? `the database key of ${values.data} is sealed by the OS keystore: use the operator menu, or --key with a copy of the key`
      : `no database key at ${keyFile}`,
  );
}

let db;
try {
  db = openKioskDatabase(database);
} catch (error) {
  fail(error instanceof DataFolderInUseError ? `${error.message}: stop the kiosk first, or use the operator menu` : String(error));
}
try {
  const audit = new AuditTrail(db, loadOrCreateKey(keyFile));
  if (command === 'verify') {
    const verdict = audit.verify();
    process.stdout.write(
      verdict.ok
        ? `ok: ${String(verdict.entries)} entries chained${verdict.trimmed ? ` (after ${String(verdict.trimmed)} trimmed by retention)` : ''}\n`
        : `broken: ${verdict.message}\n`,
    );
    process.exitCode = verdict.ok ? 0 : 1;
  } else if (command === 'day-close') {
    if (!values.date) fail('day-close needs --date YYYY-MM-DD');
    const report = dayClose(audit, values.date, new Date());
    if (!report.ok) fail(report.error);
    if (values.pdf) {
      try {
        writeFileSync(values.pdf, await dayClosePdf(report.value), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        fail(`cannot write ${values.pdf}: ${(error as NodeJS.ErrnoException).code ?? 'failed'}`);
      }
    }
    process.stdout.write(`${JSON.stringify(report.value, null, 2)}\n`);
    process.exitCode = report.value.trail.ok ? 0 : 1;
  } else if (command === 'trace') {
    const quoted = extra[0]?.trim() ?? '';
    const found = receiptTimeline(audit.recordsOfReceipt(quoted), quoted);
    if (!found) {
      process.stdout.write(`no session in the trail has ${quoted}\n`);
      process.exitCode = 1;
    } else {
      const { trace, service, timeline } = found;
      process.stdout.write(
        `session ${trace.session} · service ${service ?? '-'} · retrieval ${trace.retrieval} · process ${trace.process}` +
          ` · receipt ${trace.receipt ?? '-'} · reference ${trace.reference ?? '-'}\n`,
      );
      for (const entry of timeline) {
        const detail = Object.entries(entry.detail).map(([name, value]) => `${name}=${String(value)}`);
        process.stdout.write(`${[entry.at, entry.event, ...detail].join(' ')}\n`);
      }
      process.exitCode = 0;
    }
  } else {
    if (!values.from || !values.to || !values.out) fail('export needs --from, --to and --out');
    const exported = exportAuditTrail(audit, { from: values.from, to: values.to }, values.out, new Date());
    if (!exported.ok) fail(exported.error);
    const { manifest, paths } = exported.value;
    for (const path of paths) process.stdout.write(`${path}\n`);
    process.stdout.write(`${String(manifest.entries)} entries from ${manifest.range.from} to ${manifest.range.to}\n`);
    if (!manifest.verification.ok) process.stdout.write(`the chain is broken: ${manifest.verification.message}\n`);
    process.exitCode = manifest.verification.ok ? 0 : 1;
  }
} finally {
  db.close();
}
