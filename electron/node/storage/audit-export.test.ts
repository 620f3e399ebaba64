// An export holds the entries of the Japan dates asked for, as CSV and JSON with only the
// allow-listed columns, and a manifest whose hashes are those of the files written; it holds
// nothing personal even when a caller passes personal data into an audit record; the export
// is recorded in the trail.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromTokyo } from '../hours/tokyo-time.ts';
import type { AuditEntry } from './audit-events.ts';
import { EXPORT_COLUMNS, exportAuditTrail, rangeInstants, type AuditManifest } from './audit-export.ts';
import { AuditTrail } from './audit-trail.ts';
import { openKioskDatabase } from './kiosk-database.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
  dirs.push(dir);
  return dir;
}

/** Personal data a careless caller might hand the trail: none of it may leave the kiosk. */
const CANARIES = ['山田太郎', 'Yamada Taro', '1980-04-01 生', '東京都千代田区1-2-3', '123456789012', 'user@example.jp'];

/** A trail with entries on 1, 2 and 3 November 2026 (Japan), the second day's around both midnights. */
function trail(): AuditTrail {
  let at = fromTokyo(2026, 11, 1, 23, 59);
  const audit = new AuditTrail(openKioskDatabase(join(folder(), 'kiosk.sqlite')), new Uint8Array(32).fill(3), () => at);
  const recordAt = (time: Date, entry: AuditEntry, session?: string): void => {
    at = time;
    audit.record(entry, { session });
  };
  recordAt(fromTokyo(2026, 11, 1, 23, 59), { event: 'kiosk-started', pending: 0, deletions: 0 });
  recordAt(fromTokyo(2026, 11, 2, 0, 0), { event: 'session-started' }, 's-1');
  // Personal data pushed through the details of real events (as casts: the types refuse it).
  recordAt(fromTokyo(2026, 11, 2, 0, 1), { event: 'service-selected', serviceId: CANARIES[0] } as AuditEntry, 's-1');
  recordAt(
    fromTokyo(2026, 11, 2, 0, 2),
    { event: 'agreed', textVersion: CANARIES[1], language: 'ja', name: CANARIES[2] } as AuditEntry,
    's-1',
  );
  recordAt(fromTokyo(2026, 11, 2, 0, 3), { event: 'card-rejected', reason: CANARIES[3], myNumber: CANARIES[4] } as AuditEntry, 's-1');
  recordAt(fromTokyo(2026, 11, 2, 23, 59), { event: 'submission-failed', mail: CANARIES[5] } as AuditEntry, 's-1');
  recordAt(fromTokyo(2026, 11, 3, 0, 0), { event: 'session-ended', reason: 'cancelled' }, 's-1');
  at = fromTokyo(2026, 11, 27, 10, 0);
  return audit;
}

describe('the audit export', () => {
  it('writes the entries of the Japan dates asked for as CSV and JSON, with a manifest of their hashes', () => {
    const audit = trail();
    const out = join(folder(), 'usb');
    const result = exportAuditTrail(audit, { from: '2026-11-02', to: '2026-11-02' }, out, new Date('2026-11-27T01:00:00Z'));
    if (!result.ok) throw new Error(result.error);
    const names = readdirSync(out).sort();
    const base = 'audit_2026-11-02_2026-11-02_exported-20261127T010000Z';
    expect(names).toEqual([`${base}.csv`, `${base}.json`, `${base}.manifest.json`]);

    const json = JSON.parse(readFileSync(join(out, `${base}.json`), 'utf8')) as { entries: Record<string, unknown>[] };
    // 00:00 to 23:59 of 2 November in Japan; 23:59 on the 1st and 00:00 on the 3rd are other days.
    expect(json.entries.map((entry) => entry['event'])).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-rejected',
      'submission-failed',
    ]);
    for (const entry of json.entries) expect(Object.keys(entry)).toEqual([...EXPORT_COLUMNS]);
    const csv = readFileSync(join(out, `${base}.csv`), 'utf8').split('\r\n');
    expect(csv[0]).toBe('seq,at,session,event,detail,prev,hash');
    expect(csv.slice(1, -1).map((line) => line.split(',')[3])).toEqual(json.entries.map((entry) => entry['event']));
    expect(csv[3]).toContain('"{""language"":""ja""}"');

    const manifest = JSON.parse(readFileSync(join(out, `${base}.manifest.json`), 'utf8')) as AuditManifest;
    expect(manifest).toEqual(result.value.manifest);
    for (const file of manifest.files) {
      const bytes = readFileSync(join(out, file.name));
      expect({ name: file.name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }).toEqual(file);
    }
    const first = json.entries[0];
    const last = json.entries.at(-1);
    expect(manifest).toMatchObject({
      range: { from: '2026-11-02', to: '2026-11-02', start: '2026-11-01T15:00:00.000Z', end: '2026-11-02T15:00:00.000Z' },
      entries: 5,
      chain: { previousHash: first?.['prev'], firstHash: first?.['hash'], lastHash: last?.['hash'] },
      verification: { ok: true, entries: 7 },
    });
    // The export itself is in the trail, after the fact.
    expect(audit.recent(1)[0]).toMatchObject({ event: 'audit-exported', detail: { from: '2026-11-02', to: '2026-11-02', entries: 5 } });
  });

  it('holds no personal data a caller passed into the trail', () => {
    const audit = trail();
    const out = folder();
    const result = exportAuditTrail(audit, { from: '2026-11-01', to: '2026-11-03' }, out, new Date());
    expect(result.ok && result.value.manifest.entries).toBe(7);
    for (const name of readdirSync(out)) {
      const text = readFileSync(join(out, name), 'utf8');
      for (const canary of CANARIES) expect({ name, found: text.includes(canary) }).toEqual({ name, found: false });
    }
  });

  it('refuses a range that is no range of dates, and writes nothing', () => {
    const audit = trail();
    const out = join(folder(), 'none');
    expect(exportAuditTrail(audit, { from: '2026-02-30', to: '2026-03-01' }, out, new Date())).toEqual({
      ok: false,
      error: '--from 2026-02-30 is not a date YYYY-MM-DD',
    });
    expect(exportAuditTrail(audit, { from: '2026-11-03', to: '2026-11-02' }, out, new Date())).toMatchObject({ ok: false });
    expect(rangeInstants({ from: '2026-11-2', to: '2026-11-02' })).toHaveProperty('error');
    expect(audit.recent(1)[0]?.event).not.toBe('audit-exported');
  });
});
