// `npm run audit -- verify --data DIR` and
// `npm run audit -- export --data DIR --from YYYY-MM-DD --to YYYY-MM-DD --out FOLDER`: the
// audit trail of a kiosk's data folder checked link by link, or a range of Japan dates
// exported (CSV, JSON, manifest). For staff at the terminal with the kiosk stopped (the kiosk
// holds its database exclusively; while it runs, the operator menu does the same through
// Kiosk.exportAudit). The key is the data folder's key file, or one the bank keeps apart
// (--key); a key sealed by the OS keystore opens only in the Electron shell.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportAuditTrail } from './storage/audit-export.ts';
import { AuditTrail } from './storage/audit-trail.ts';
import { loadOrCreateKey } from './storage/key-file.ts';
import { DataFolderInUseError, openKioskDatabase } from './storage/kiosk-database.ts';

const USAGE = `usage: npm run audit -- verify --data DIR [--key FILE]
       npm run audit -- export --data DIR --from YYYY-MM-DD --to YYYY-MM-DD --out FOLDER [--key FILE]

  --data DIR    the kiosk's data folder (config "dataDir"); stop the kiosk first
  --key FILE    the database key file (default: DIR/database.key)
  --from, --to  the first and last day to export, Japan dates (both included)
  --out FOLDER  where the CSV, the JSON and the manifest are written (made if missing)

Exit status: 0 the chain is intact (and the export written), 1 it is broken (the export is
still written, its manifest says where the chain breaks), 2 the command could not run.
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
if ((command !== 'verify' && command !== 'export') || extra.length > 0) fail(`unknown command: ${positionals.join(' ') || '(none)'}`);
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
