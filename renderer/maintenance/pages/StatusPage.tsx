// Everything staff need to judge the kiosk at a glance: service state and why, readers,
// card service, pcscd, the gateway and its certificate, the kiosk's own certificate, the
// clock, disk, database, what waits to be sent, each service's availability, version,
// configuration hash and uptime.
import type { ReactNode } from 'react';
import { formatBytes, formatDateTime } from '../maintenance-format.ts';
import { PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { ServiceState } from './ServiceState.tsx';

function Row({ label, children, alert = false }: { label: string; children: ReactNode; alert?: boolean }) {
  return (
    <div className={alert ? 'm-row m-row-alert' : 'm-row'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function StatusPage({ view, send, text }: PageProps<'status'>) {
  const t = text.status;
  const { report, language, calendar } = view;
  const when = (iso: string): string => formatDateTime(iso, language, calendar);
  if (!report) {
    return (
      <>
        <PageHeading title={text.pages.status} text={text} send={send} />
        <div className="working" role="status">
          <span className="spinner" aria-hidden="true" />
          <p className="lead">{t.loading}</p>
        </div>
      </>
    );
  }
  const { gateway, clock } = report;
  const uptime = report.uptimeSeconds;
  // 更新 beside the way back: a kiosk with much wrong fills the page.
  const refresh = (
    <button type="button" className="m-button" onClick={() => send({ type: 'MENU_REFRESH' })}>
      {t.refresh}
    </button>
  );
  return (
    <>
      <PageHeading title={text.pages.status} text={text} send={send} action={refresh} />
      <ServiceState state={report.service} text={text} language={language} calendar={calendar} />
      <dl className="m-rows m-rows-two">
        <Row label={t.reader} alert={!report.reader.attached}>
          {report.reader.attached ? t.readerAttached(report.reader.name) : t.readerMissing(report.reader.name)}
          {report.readers.map((reader) => (
            <span key={reader.name} className="m-detail">
              {t.readerCard(reader.name, t.card[reader.card])}
              {reader.atr ? ` ATR ${reader.atr}` : ''}
            </span>
          ))}
        </Row>
        <Row label={t.cardService} alert={report.cardService.kind === 'process' && !report.cardService.up}>
          {report.cardService.kind === 'process'
            ? t.cardServiceProcess(report.cardService.up, report.cardService.restarts)
            : t.cardServiceInProcess}
        </Row>
        <Row label={t.pcscd} alert={!report.pcscd.reachable}>
          {report.pcscd.reachable ? t.reachable : t.unreachable}
        </Row>
        <Row label={t.gateway} alert={!gateway.reachable || gateway.problem !== undefined}>
          {gateway.reachable && gateway.latencyMs !== undefined ? t.gatewayUp(gateway.latencyMs) : t.gatewayProblem(gateway.problem ?? '—')}
          <span className="m-detail">{gateway.certificateExpiresAt ? t.tlsExpiry(when(gateway.certificateExpiresAt)) : t.noTls}</span>
        </Row>
        <Row label={t.clientCertificate}>
          {report.clientCertificateExpiresAt ? t.expires(when(report.clientCertificateExpiresAt)) : t.none}
        </Row>
        <Row label={t.clock} alert={clock.kind === 'unreachable'}>
          {clock.kind === 'measured'
            ? t.clockOffset(clock.offsetMs, clock.source)
            : clock.kind === 'unreachable'
              ? t.clockUnreachable(clock.source)
              : t.clockNotConfigured}
        </Row>
        <Row label={t.disk}>{t.diskFree(formatBytes(report.disk.freeBytes), formatBytes(report.disk.totalBytes))}</Row>
        <Row label={t.database} alert={!report.database.ok}>
          {report.database.ok ? t.databaseOk(formatBytes(report.database.sizeBytes)) : t.databaseBad}
        </Row>
        <Row label={t.pending} alert={report.pending.overdue}>
          {t.pendingCount(report.pending.count, report.pending.oldestAt && when(report.pending.oldestAt))}
          {report.pending.overdue ? (
            <span className="m-detail m-overdue" role="alert">
              {t.pendingOverdue(report.pending.alarmMinutes)}
            </span>
          ) : null}
        </Row>
        <Row label={t.services}>
          {report.services.map((service) => (
            <span key={service.id} className="m-detail">
              {t.serviceLine(
                service.name[language],
                service.switchedOff ? t.switchedOff : service.available ? t.available : t.unavailable,
                service.nextChangeAt && t.nextChange(when(service.nextChangeAt)),
              )}
            </span>
          ))}
        </Row>
        <Row label={t.version}>{report.version}</Row>
        <Row label={t.configurationHash}>{report.configurationHash}</Row>
        <Row label={t.uptime}>
          {t.uptimeValue(Math.floor(uptime / 86_400), Math.floor((uptime % 86_400) / 3600), Math.floor((uptime % 3600) / 60))}
        </Row>
      </dl>
    </>
  );
}
