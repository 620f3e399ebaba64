// The status page: everything staff need to judge the kiosk at a glance, gathered at once
// from the live parts (the gateway and the time server are asked; nothing is cached).
import type {
  CardServiceHealth,
  KioskServiceState,
  ServiceAvailabilityView,
  StatusReport,
} from '../../common/maintenance/maintenance-view.ts';
import type { ReaderSnapshot } from '../../../native/reader/reader-events.ts';
import type { Result } from '../../common/result.ts';
import type { GatewayCheck } from './self-test.ts';

export interface StatusSources {
  readonly now: () => Date;
  readonly startedAt: Date;
  readonly version: string;
  readonly configurationHash: string;
  readonly reader: string;
  readerSnapshot(): ReaderSnapshot;
  cardService(): CardServiceHealth;
  service(): KioskServiceState;
  gateway(): Promise<GatewayCheck>;
  /** The kiosk's client certificate's end of validity (mutual TLS), if it has one. */
  readonly clientCertificateExpiresAt: string | undefined;
  /** The configured time server's name and a measurement; undefined when none is configured. */
  readonly clock: { readonly source: string; measure(): Promise<Result<number, string>> } | undefined;
  disk(): Promise<{ readonly freeBytes: number; readonly totalBytes: number }>;
  database(): { readonly ok: boolean; readonly sizeBytes: number };
  pending(): { readonly count: number; readonly oldestAt: string | undefined };
  /** The alarm's threshold for the oldest waiting submission (config maintenance.outboxAlarmMinutes). */
  readonly outboxAlarmMinutes: number;
  services(): readonly ServiceAvailabilityView[];
}

/** The oldest waiting submission has waited longer than the threshold, by the kiosk's clock. */
export const outboxOverdue = (oldestAt: string | undefined, now: Date, alarmMinutes: number): boolean =>
  oldestAt !== undefined && now.getTime() - Date.parse(oldestAt) > alarmMinutes * 60_000;

function pendingOf(sources: StatusSources, now: Date): StatusReport['pending'] {
  const { count, oldestAt } = sources.pending();
  const alarmMinutes = sources.outboxAlarmMinutes;
  return { count, oldestAt, overdue: outboxOverdue(oldestAt, now, alarmMinutes), alarmMinutes };
}

export async function gatherStatus(sources: StatusSources): Promise<StatusReport> {
  const snapshot = sources.readerSnapshot();
  const [gateway, clock, disk] = await Promise.all([
    sources.gateway(),
    sources.clock ? sources.clock.measure() : undefined,
    sources.disk(),
  ]);
  const now = sources.now();
  return {
    at: now.toISOString(),
    service: sources.service(),
    readers: snapshot.readers.map(({ name, card, atr }) => ({ name, card, ...(atr ? { atr } : {}) })),
    reader: { name: sources.reader, attached: snapshot.readers.some((reader) => reader.name === sources.reader) },
    cardService: sources.cardService(),
    pcscd: { reachable: snapshot.serviceAvailable, detail: snapshot.detail },
    gateway: {
      reachable: gateway.reachable,
      latencyMs: gateway.latencyMs,
      tls: gateway.tls ? 'mutual' : 'none',
      certificateExpiresAt: gateway.tls?.ok ? gateway.tls.value.peerExpiresAt : undefined,
      problem:
        gateway.tls && !gateway.tls.ok ? gateway.tls.error : gateway.healthy ? undefined : gateway.reachable ? 'unhealthy' : 'unreachable',
    },
    clientCertificateExpiresAt: sources.clientCertificateExpiresAt,
    clock: !sources.clock
      ? { kind: 'not-configured' }
      : clock?.ok
        ? { kind: 'measured', source: sources.clock.source, offsetMs: clock.value }
        : { kind: 'unreachable', source: sources.clock.source },
    disk,
    database: sources.database(),
    pending: pendingOf(sources, now),
    services: sources.services(),
    version: sources.version,
    configurationHash: sources.configurationHash,
    startedAt: sources.startedAt.toISOString(),
    uptimeSeconds: Math.floor((now.getTime() - sources.startedAt.getTime()) / 1000),
  };
}
