// Every page of the operator maintenance menu in its variants (each step, problem, form and
// tab), as the kiosk core would project them, for the screen gallery. The types make the list
// complete: a new page does not compile until it has a variant here.
import type {
  KeptCardView,
  MaintenancePageView,
  MaintenanceView,
  StaffView,
  StatusReport,
} from '../../electron/common/maintenance/maintenance-view.ts';
import type { DayCloseView, OutcomeDayView, ReceiptLookupView } from '../../electron/common/maintenance/records-view.ts';
import { allowedActions } from '../../electron/node/maintenance/permissions.ts';
import { DEMO_SERVICES } from '../../electron/node/services/service-catalog.ts';

type Page = MaintenancePageView['page'];
type Of<P extends Page> = Extract<MaintenancePageView, { page: P }>;

const SUPERVISOR: StaffView = { number: '1001', role: 'supervisor' };
const ADMINISTRATOR: StaffView = { number: '9001', role: 'administrator' };
const OPERATOR: StaffView = { number: '2001', role: 'operator' };
const ENGINEER: StaffView = { number: '3001', role: 'maintenance' };

const NOW = '2026-11-24T05:12:00.000Z';
const [housing, cardLoan, pension] = DEMO_SERVICES;
const names = {
  housing: housing?.name ?? { ja: '', en: '' },
  cardLoan: cardLoan?.name ?? { ja: '', en: '' },
  pension: pension?.name ?? { ja: '', en: '' },
};

const SERVICES = [
  { id: 'housing-loan-income', name: names.housing, available: true, nextChangeAt: '2026-11-24T12:00:00.000Z', switchedOff: undefined },
  {
    id: 'card-loan-income',
    name: names.cardLoan,
    available: false,
    nextChangeAt: '2026-11-24T09:00:00.000Z',
    switchedOff: { reason: 'maintenance' as const, from: '2026-11-24T05:00:00.000Z', until: '2026-11-24T09:00:00.000Z' },
  },
  { id: 'pension-income', name: names.pension, available: true, nextChangeAt: '2026-11-24T14:00:00.000Z', switchedOff: undefined },
];

const IN_SERVICE = { inService: true, causes: [] };

/** 14 days of sessions, a busy weekday and a quiet weekend among them. */
const SERIES: OutcomeDayView[] = Array.from({ length: 14 }, (_, i) => {
  const date = new Date(Date.UTC(2026, 10, 11 + i)).toISOString().slice(0, 10);
  const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  const scale = weekend ? 0 : 1 + (i % 3);
  return {
    date,
    completed: 6 * scale,
    declined: scale,
    cancelled: 2 * scale,
    'timed-out': i % 2,
    unavailable: weekend ? 1 : 0,
    failed: i % 4 === 0 ? 1 : 0,
    unfinished: i === 13 ? 1 : 0,
  };
});

const DAY_CLOSE: DayCloseView = {
  date: '2026-11-24',
  counts: {
    sessionsStarted: 31,
    completed: 22,
    declined: 2,
    cancelled: 4,
    timedOut: 1,
    unavailable: 1,
    retrievalFailures: 1,
    pinFailed: 5,
    pinBlocked: 0,
    cardErrors: 2,
    cardSwapped: 0,
    cardRemoved: 1,
    readerLost: 0,
    submissionsDelivered: 21,
    submissionsQueued: 1,
    submissionsExpired: 0,
    submissionsRejected: 0,
    cardsRetained: 0,
    cardsLeftBehind: 1,
  },
  services: [
    { id: 'housing-loan-income', started: 19, completed: 14 },
    { id: 'card-loan-income', started: 9, completed: 6 },
    { id: 'pension-income', started: 3, completed: 2 },
  ],
  yearly: { from: '2026-04-01', completedSessions: 2318, partial: false },
  trail: { ok: true },
};

const FOLDER = { kind: 'ready' as const, path: '/media/kiosk-export' };

const TIMELINE: ReceiptLookupView = {
  kind: 'found',
  quoted: 'K7MQ-3XWD',
  service: 'housing-loan-income',
  receipt: 'K7MQ-3XWD',
  reference: undefined,
  timeline: (
    [
      ['05:02:11', 'session-started', {}],
      ['05:02:15', 'service-selected', { serviceId: 'housing-loan-income' }],
      ['05:02:31', 'agreed', { textVersion: 'v3', language: 'ja' }],
      ['05:02:40', 'card-inserted', {}],
      ['05:02:58', 'pin-failed', { triesLeft: 2 }],
      ['05:03:07', 'authenticated', { retrieval: 'r-4f2a9c', process: 'p-77d013' }],
      ['05:03:52', 'consent-given', { textVersion: 'v3', language: 'ja' }],
      ['05:03:53', 'submitted', { receipt: 'K7MQ-3XWD' }],
      ['05:03:55', 'card-returned', {}],
      ['05:04:01', 'receipt-printed', {}],
      ['05:04:02', 'session-completed', {}],
    ] as const satisfies readonly (readonly [string, string, Readonly<Record<string, string | number>>])[]
  ).map(([time, event, detail]) => ({ at: `2026-11-24T${time}.000Z`, event, detail })),
};
const OUT_OF_SERVICE = {
  inService: false,
  causes: [
    { kind: 'staff' as const, notice: 'maintenance' as const, since: NOW, staff: '1001' },
    { kind: 'self-test' as const, checks: ['gateway' as const, 'clock' as const], since: NOW },
    { kind: 'gateway-down' as const },
    { kind: 'card-left-behind' as const, since: NOW, record: 'kc-4f1a09c2b7d3' },
  ],
};

/** Submissions waiting: one past the alarm's hour, one never tried yet. */
const OUTBOX = [
  {
    id: '3f6c2a1e-8d4b-4f0a-9c7e-2b5d1a0f4e6c',
    createdAt: '2026-11-24T02:40:00.000Z',
    ageMinutes: 152,
    attempts: 9,
    nextAttemptAt: '2026-11-24T05:20:00.000Z',
    lastError: 'unavailable',
  },
  {
    id: 'a90d7e55-1c2b-4e3f-8a6d-5f4e3d2c1b0a',
    createdAt: '2026-11-24T05:10:00.000Z',
    ageMinutes: 2,
    attempts: 1,
    nextAttemptAt: '2026-11-24T05:12:30.000Z',
    lastError: 'timeout',
  },
];

const REPORT: StatusReport = {
  at: NOW,
  service: IN_SERVICE,
  readers: [{ name: 'Virtual PCD 00 00', card: 'present', atr: '3B8B80018031F873F741E082900075' }],
  reader: { name: 'Virtual PCD 00 00', attached: true },
  cardService: { kind: 'process', up: true, restarts: 1 },
  pcscd: { reachable: true, detail: 'pcscd running' },
  gateway: { reachable: true, latencyMs: 38, tls: 'mutual', certificateExpiresAt: '2027-03-31T14:59:59.000Z', problem: undefined },
  clientCertificateExpiresAt: '2027-01-15T14:59:59.000Z',
  clock: { kind: 'measured', source: 'ntp.bank.example:123', offsetMs: -12 },
  disk: { freeBytes: 48.2 * 1024 ** 3, totalBytes: 118 * 1024 ** 3 },
  database: { ok: true, sizeBytes: 2.4 * 1024 ** 2 },
  pending: { count: 2, oldestAt: '2026-11-24T04:58:00.000Z', overdue: false, alarmMinutes: 60 },
  services: SERVICES,
  version: '0.1.0',
  configurationHash: '9c1f0e7b2a64d835',
  startedAt: '2026-11-21T20:30:00.000Z',
  uptimeSeconds: 2 * 86_400 + 8 * 3600 + 42 * 60,
};

const SYSTEMS = [
  { system: 'mynaportal', rules: [], runningNow: true },
  { system: 'information-network', rules: [{ kind: 'weekend-stop', weeks: [3], from: 'sat 00:00', to: 'mon 00:00' }], runningNow: true },
  {
    system: 'juki-net',
    rules: [
      { kind: 'weekend-stop', weeks: [3], from: 'sat 22:00', to: 'sun 08:00' },
      { kind: 'yearly-stop', from: '12-28 21:00', to: '01-04 08:00' },
    ],
    runningNow: true,
  },
  {
    system: 'municipal',
    rules: [
      { kind: 'weekend-stop', weeks: [3], from: 'sat 00:00', to: 'mon 00:00' },
      { kind: 'planned-stop', from: '2026-12-05T13:00:00.000Z', to: '2026-12-05T21:00:00.000Z' },
    ],
    runningNow: true,
  },
  {
    system: 'japan-pension-service',
    rules: [{ kind: 'daily-window', from: '08:00', to: '23:00' }, { kind: 'closed-weekends-and-holidays' }],
    runningNow: true,
  },
  { system: 'local-civil-servants-compensation', rules: [{ kind: 'daily-window', from: '08:00', to: '21:00' }], runningNow: true },
  {
    system: 'local-mutual-aid',
    rules: [{ kind: 'daily-window', from: '08:00', to: '21:00' }, { kind: 'closed-weekends-and-holidays' }],
    runningNow: true,
  },
  {
    system: 'national-mutual-aid',
    rules: [{ kind: 'daily-window', from: '08:00', to: '21:00' }, { kind: 'closed-weekends-and-holidays' }],
    runningNow: false,
  },
  {
    system: 'private-school-mutual-aid',
    rules: [{ kind: 'daily-window', from: '08:00', to: '21:00' }, { kind: 'closed-weekends-and-holidays' }],
    runningNow: true,
  },
];

const OVERRIDES = {
  stops: [
    { id: 'stop-1a2b3c4d', system: 'municipal', from: '2026-12-05T13:00:00.000Z', until: '2026-12-05T21:00:00.000Z' },
    { id: 'stop-5e6f7a8b', system: 'mynaportal', from: '2026-12-19T13:00:00.000Z', until: '2026-12-20T23:00:00.000Z' },
  ],
  holidays: [
    { date: '2026-12-31', holiday: true },
    { date: '2027-01-02', holiday: false },
  ],
  staffedHours: { weekdays: { from: '09:00', to: '15:00' }, saturday: { from: '10:00', to: '13:00' }, sundaysAndHolidays: null },
};

const schedules = (extra: Partial<Of<'schedules'>>): Of<'schedules'> => ({
  page: 'schedules',
  tab: 'effective',
  systems: SYSTEMS,
  overrides: OVERRIDES,
  preview: SERVICES,
  form: undefined,
  ...extra,
});

const SIGN_IN: Of<'sign-in'> = {
  page: 'sign-in',
  purpose: 'sign-in',
  approving: undefined,
  approvingWhat: undefined,
  step: 'number',
  staffNumber: '',
  pinDigits: 0,
  problem: undefined,
  waitSeconds: undefined,
};

const CONFIGURATION = [
  ['dataDir', '/var/lib/mynaportal-kiosk'],
  ['gateway.kind', 'remote'],
  ['gateway.url', 'https://gateway.bank.example/kiosk/'],
  ['gateway.tls.certFile', '/etc/mynaportal-kiosk/kiosk.pem'],
  ['gateway.tls.keyFile', '/etc/mynaportal-kiosk/kiosk.key'],
  ['gateway.tls.caFile', '/etc/mynaportal-kiosk/gateway-ca.pem'],
  ['reader.kind', 'pcsc'],
  ['reader.name', 'SCM Microsystems SCR3310 00 00'],
  ['display.calendar', 'japanese'],
  ['display.shuffleKeypad', 'false'],
  ['display.physicalKeypad', 'false'],
  ['services', 'housing-loan-income, card-loan-income, pension-income'],
  ['maintenance.serviceKey.on', 'F13'],
  ['maintenance.serviceKey.off', 'F14'],
  ['maintenance.selfTest.dailyAt', '05:30'],
  ['maintenance.timeSource.host', 'ntp.bank.example'],
].map(([key = '', value = '']) => ({ key, value }));

const MEMBERS = [
  { number: '1001', role: 'supervisor' as const, locked: false, failedAttempts: 0 },
  { number: '1002', role: 'supervisor' as const, locked: false, failedAttempts: 1 },
  { number: '2001', role: 'operator' as const, locked: true, failedAttempts: 5 },
  { number: '2002', role: 'operator' as const, locked: false, failedAttempts: 0 },
  { number: '3001', role: 'maintenance' as const, locked: false, failedAttempts: 0 },
  { number: '9001', role: 'administrator' as const, locked: false, failedAttempts: 0 },
];

/** The register: a card left in a desk reader, one kept a week ago (flagged), one in the bin, one given back. */
const KEPT_CARDS: readonly KeptCardView[] = [
  {
    id: 'kc-4f1a09c2b7d3',
    keptAt: '2026-11-24T05:02:00.000Z',
    session: 'a3f9c1d2-77b0-4c1e-9a51-0d2e6b8f4c11',
    cardHash: '5be0c2a91f7d3e64',
    reason: 'left-behind',
    binPosition: undefined,
    status: 'open',
    ageDays: 0,
  },
  {
    id: 'kc-09d2e4f6a8b1',
    keptAt: '2026-11-23T01:40:00.000Z',
    session: 'f04b7d2e-1c9a-4e3f-8b26-5a7c9d1e0f32',
    cardHash: '0d93a7e5b1c4f268',
    reason: 'not-taken',
    binPosition: 2,
    status: 'open',
    ageDays: 1,
  },
  {
    id: 'kc-7c3e5a1d9f02',
    keptAt: '2026-11-14T06:15:00.000Z',
    session: '9e2d4c6b-3a1f-4d7e-b058-2c4e6a8d0b13',
    cardHash: '8a1f2c3d4e5b6a70',
    reason: 'swapped',
    binPosition: 1,
    status: 'flagged',
    ageDays: 10,
  },
  {
    id: 'kc-b2d4f6a8c0e1',
    keptAt: '2026-11-10T02:30:00.000Z',
    session: '1b3d5f7a-9c2e-4a6b-8d0f-3e5a7c9b1d24',
    cardHash: 'c7e9a1b3d5f70214',
    reason: 'outage',
    binPosition: undefined,
    status: 'released',
    ageDays: 14,
    released: {
      at: '2026-11-11T01:05:00.000Z',
      checkedBy: '2001',
      method: 'driving-licence',
      checkedAt: '2026-11-11T01:00:00.000Z',
      approvedBy: '1001',
    },
  },
];

const VARIANTS: {
  readonly [P in Page]: readonly {
    readonly page: Of<P>;
    readonly staff: StaffView | undefined;
    readonly result?: MaintenanceView['result'];
  }[];
} = {
  refused: [{ page: { page: 'refused' }, staff: undefined }],
  'sign-in': [
    { page: SIGN_IN, staff: undefined },
    { page: { ...SIGN_IN, step: 'pin', staffNumber: '1001', pinDigits: 3, problem: undefined }, staff: undefined },
    { page: { ...SIGN_IN, problem: 'wrong' }, staff: undefined },
    { page: { ...SIGN_IN, problem: 'locked' }, staff: undefined },
    { page: { ...SIGN_IN, problem: 'throttled', waitSeconds: 8 }, staff: undefined },
    { page: { ...SIGN_IN, step: 'checking', staffNumber: '1001', pinDigits: 6 }, staff: undefined },
    { page: { ...SIGN_IN, purpose: 'approve', approving: 'edit-schedules', problem: 'same-person', staffNumber: '' }, staff: SUPERVISOR },
    {
      page: { ...SIGN_IN, purpose: 'approve', approving: 'manage-staff', problem: 'role', step: 'pin', staffNumber: '2001', pinDigits: 7 },
      staff: ADMINISTRATOR,
    },
    {
      page: {
        ...SIGN_IN,
        purpose: 'approve',
        approving: 'purge-submission',
        approvingWhat: { subject: '5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c', detail: 'customer-withdrew' },
      },
      staff: SUPERVISOR,
    },
  ],
  home: [
    { page: { page: 'home', service: IN_SERVICE, series: SERIES }, staff: SUPERVISOR },
    {
      page: { page: 'home', service: OUT_OF_SERVICE, series: SERIES },
      staff: ADMINISTRATOR,
      result: { action: 'suspend', outcome: 'done' },
    },
    { page: { page: 'home', service: IN_SERVICE, series: SERIES.map((day) => ({ ...day, completed: 0, cancelled: 0 })) }, staff: OPERATOR },
  ],
  status: [
    { page: { page: 'status', report: undefined }, staff: SUPERVISOR },
    { page: { page: 'status', report: REPORT }, staff: SUPERVISOR },
    {
      page: {
        page: 'status',
        report: {
          ...REPORT,
          service: OUT_OF_SERVICE,
          reader: { name: 'Virtual PCD 00 00', attached: false },
          readers: [],
          cardService: { kind: 'process', up: false, restarts: 4 },
          pcscd: { reachable: false, detail: 'pcscd not reachable' },
          gateway: { reachable: false, latencyMs: undefined, tls: 'mutual', certificateExpiresAt: undefined, problem: 'tls-untrusted' },
          clock: { kind: 'unreachable', source: 'ntp.bank.example:123' },
          database: { ok: false, sizeBytes: 2.4 * 1024 ** 2 },
          pending: { count: 3, oldestAt: '2026-11-24T02:40:00.000Z', overdue: true, alarmMinutes: 60 },
        },
      },
      staff: SUPERVISOR,
    },
  ],
  'reader-test': [
    { page: { page: 'reader-test', readers: undefined, cardService: { kind: 'process', up: true, restarts: 0 } }, staff: SUPERVISOR },
    {
      page: {
        page: 'reader-test',
        readers: [
          {
            reader: 'Virtual PCD 00 00',
            card: 'present',
            atr: '3B8B80018031F873F741E082900075',
            verdict: 'ok',
            jpkiApplication: 'yes',
            tokenKind: 'my-number-card',
            certificateNotAfter: '2030-11-30T14:59:59.000Z',
            pinTriesLeft: 3,
          },
          { reader: 'Virtual PCD 00 01', card: 'empty', verdict: 'no-card' },
        ],
        cardService: { kind: 'process', up: true, restarts: 0 },
      },
      staff: SUPERVISOR,
    },
    {
      page: {
        page: 'reader-test',
        readers: [
          {
            reader: 'Demo reader',
            card: 'present',
            verdict: 'certificate-expired',
            jpkiApplication: 'yes',
            certificateNotAfter: '2025-10-31T14:59:59.000Z',
            pinTriesLeft: 3,
          },
        ],
        cardService: { kind: 'in-process' },
      },
      staff: OPERATOR,
      result: { action: 'restart-card-service', outcome: 'refused' },
    },
  ],
  'self-test': [
    { page: { page: 'self-test', step: 'ready', last: undefined }, staff: SUPERVISOR },
    { page: { page: 'self-test', step: 'display', last: undefined }, staff: SUPERVISOR },
    { page: { page: 'self-test', step: 'chime', last: undefined }, staff: SUPERVISOR },
    { page: { page: 'self-test', step: 'running', last: undefined }, staff: SUPERVISOR },
    {
      page: {
        page: 'self-test',
        step: 'ready',
        last: {
          at: NOW,
          trigger: 'daily',
          passed: false,
          results: [
            { check: 'reader', outcome: 'pass' },
            { check: 'gateway', outcome: 'fail', finding: 'tls-untrusted' },
            { check: 'clock', outcome: 'warn', finding: 'not-configured' },
            { check: 'disk', outcome: 'pass', value: 49_356 },
            { check: 'database', outcome: 'pass' },
            { check: 'key-files', outcome: 'fail', finding: 'mode-0644:kiosk.key', value: 1 },
            { check: 'audit-trail', outcome: 'warn', finding: 'changed', value: 1842 },
            { check: 'display', outcome: 'skipped', finding: 'needs-staff' },
            { check: 'chime', outcome: 'skipped', finding: 'needs-staff' },
          ],
        },
      },
      staff: SUPERVISOR,
    },
  ],
  'service-control': [
    { page: { page: 'service-control', service: IN_SERVICE, services: SERVICES, form: undefined }, staff: SUPERVISOR },
    { page: { page: 'service-control', service: OUT_OF_SERVICE, services: SERVICES, form: undefined }, staff: OPERATOR },
    {
      page: {
        page: 'service-control',
        service: IN_SERVICE,
        services: SERVICES,
        form: {
          form: 'service-off',
          serviceId: 'housing-loan-income',
          reason: 'maintenance',
          planned: false,
          needsNotice: false,
          from: NOW,
          until: undefined,
          notifiedOn: '2026-11-24',
          noticeTooShort: false,
        },
      },
      staff: SUPERVISOR,
    },
    {
      page: {
        page: 'service-control',
        service: IN_SERVICE,
        services: SERVICES,
        form: {
          form: 'service-off',
          serviceId: 'pension-income',
          reason: 'end-of-service',
          planned: true,
          needsNotice: true,
          from: '2026-12-01T00:00:00.000Z',
          until: '2026-12-01T09:00:00.000Z',
          notifiedOn: '2026-11-24',
          noticeTooShort: true,
        },
      },
      staff: SUPERVISOR,
    },
  ],
  schedules: [
    { page: schedules({}), staff: SUPERVISOR },
    { page: schedules({ tab: 'stops' }), staff: SUPERVISOR },
    { page: schedules({ tab: 'holidays' }), staff: OPERATOR },
    { page: schedules({ tab: 'staffed' }), staff: SUPERVISOR },
    {
      page: schedules({
        tab: 'stops',
        form: { form: 'planned-stop', system: 'information-network', from: '2026-12-19T13:00:00.000Z', until: '2026-12-20T23:00:00.000Z' },
      }),
      staff: SUPERVISOR,
    },
    { page: schedules({ tab: 'holidays', form: { form: 'holiday', date: '2026-12-31', holiday: true } }), staff: SUPERVISOR },
    { page: schedules({ tab: 'staffed', form: { form: 'staffed-hours', hours: OVERRIDES.staffedHours } }), staff: SUPERVISOR },
  ],
  configuration: [
    { page: { page: 'configuration', entries: CONFIGURATION, hash: '9c1f0e7b2a64d835', confirm: undefined }, staff: SUPERVISOR },
    { page: { page: 'configuration', entries: CONFIGURATION, hash: '9c1f0e7b2a64d835', confirm: 'restart-kiosk' }, staff: SUPERVISOR },
    { page: { page: 'configuration', entries: CONFIGURATION, hash: '9c1f0e7b2a64d835', confirm: 'shut-down' }, staff: SUPERVISOR },
  ],
  staff: [
    { page: { page: 'staff', members: MEMBERS, form: undefined }, staff: ADMINISTRATOR },
    { page: { page: 'staff', members: MEMBERS, form: undefined }, staff: SUPERVISOR, result: { action: 'unlock-staff', outcome: 'done' } },
    {
      page: {
        page: 'staff',
        members: MEMBERS,
        form: { form: 'add-staff', step: 'number', number: '20', role: 'operator', pinDigits: 0, mismatch: false },
      },
      staff: ADMINISTRATOR,
    },
    {
      page: {
        page: 'staff',
        members: MEMBERS,
        form: { form: 'add-staff', step: 'role', number: '2003', role: 'operator', pinDigits: 0, mismatch: false },
      },
      staff: ADMINISTRATOR,
    },
    {
      page: {
        page: 'staff',
        members: MEMBERS,
        form: { form: 'add-staff', step: 'pin', number: '2003', role: 'operator', pinDigits: 0, mismatch: true },
      },
      staff: ADMINISTRATOR,
    },
    {
      page: {
        page: 'staff',
        members: MEMBERS,
        form: { form: 'reset-pin', step: 'confirm', number: '2001', role: 'operator', pinDigits: 4, mismatch: false },
      },
      staff: ADMINISTRATOR,
    },
  ],
  cards: [
    {
      page: {
        page: 'cards',
        records: KEPT_CARDS,
        lock: { since: '2026-11-24T05:02:00.000Z', record: 'kc-4f1a09c2b7d3' },
        reconciliation: { binCount: 3, recorded: 2, matches: false },
        unclaimedDays: 7,
        form: undefined,
      },
      staff: OPERATOR,
    },
    {
      page: {
        page: 'cards',
        records: KEPT_CARDS.slice(1),
        lock: undefined,
        reconciliation: { binCount: 2, recorded: 2, matches: true },
        unclaimedDays: 7,
        form: undefined,
      },
      staff: SUPERVISOR,
      result: { action: 'release-card', outcome: 'done' },
    },
    {
      page: {
        page: 'cards',
        records: KEPT_CARDS,
        lock: undefined,
        reconciliation: { binCount: 2, recorded: 2, matches: true },
        unclaimedDays: 7,
        form: { form: 'release-card', id: 'kc-09d2e4f6a8b1', method: 'residence-card', checkedAt: '2026-11-24T05:00:00.000Z' },
      },
      staff: OPERATOR,
    },
    {
      page: {
        page: 'cards',
        records: [],
        lock: undefined,
        reconciliation: { binCount: undefined, recorded: 0, matches: undefined },
        unclaimedDays: 14,
        form: undefined,
      },
      staff: SUPERVISOR,
    },
  ],
  outbox: [
    { page: { page: 'outbox', entries: OUTBOX, alarmMinutes: 60, overdue: true }, staff: SUPERVISOR },
    { page: { page: 'outbox', entries: [], alarmMinutes: 60, overdue: false }, staff: OPERATOR },
    {
      page: { page: 'outbox', entries: OUTBOX.slice(1), alarmMinutes: 60, overdue: false },
      staff: ENGINEER,
      result: { action: 'retry-submission', outcome: 'done' },
    },
  ],
  logs: [
    { page: { page: 'logs', folder: '/media/kiosk/USB', last: undefined }, staff: ENGINEER },
    {
      page: {
        page: 'logs',
        folder: '/media/kiosk/USB',
        last: { written: true, file: 'osaka-umeda-02-logs-20261124T051200Z.age', at: NOW },
      },
      staff: ENGINEER,
      result: { action: 'export-logs', outcome: 'done' },
    },
    {
      page: { page: 'logs', folder: '/media/kiosk/USB', last: { written: false, reason: 'folder-missing', at: NOW } },
      staff: ADMINISTRATOR,
      result: { action: 'export-logs', outcome: 'failed' },
    },
    { page: { page: 'logs', folder: undefined, last: undefined }, staff: ENGINEER },
  ],
  'day-close': [
    { page: { page: 'day-close', report: DAY_CLOSE, printer: true, folder: FOLDER, delivery: undefined }, staff: OPERATOR },
    {
      page: {
        page: 'day-close',
        report: { ...DAY_CLOSE, trail: { ok: false, seq: 1842, problem: 'changed' } },
        printer: false,
        folder: { kind: 'missing', path: '/media/kiosk-export' },
        delivery: undefined,
      },
      staff: SUPERVISOR,
    },
    {
      page: {
        page: 'day-close',
        report: DAY_CLOSE,
        printer: true,
        folder: FOLDER,
        delivery: {
          printed: { ok: false, reason: 'printer-stopped' },
          saved: { ok: true, folder: FOLDER.path, files: ['day-close_2026-11-24_generated-20261124T051200Z.pdf'] },
        },
      },
      staff: SUPERVISOR,
      result: { action: 'print-day-close', outcome: 'done' },
    },
  ],
  'receipt-lookup': [
    { page: { page: 'receipt-lookup', typed: 'K7MQ', lookup: { kind: 'typing' } }, staff: OPERATOR },
    { page: { page: 'receipt-lookup', typed: 'K7MQ3XWA', lookup: { kind: 'not-found', quoted: 'K7MQ-3XWA' } }, staff: OPERATOR },
    { page: { page: 'receipt-lookup', typed: 'K7MQ3XWD', lookup: TIMELINE }, staff: OPERATOR },
  ],
  'audit-export': [
    {
      page: { page: 'audit-export', from: '2026-11-18', to: '2026-11-24', latest: '2026-11-24', folder: FOLDER, delivery: undefined },
      staff: SUPERVISOR,
    },
    {
      page: {
        page: 'audit-export',
        from: '2026-11-18',
        to: '2026-11-24',
        latest: '2026-11-24',
        folder: { kind: 'not-configured' },
        delivery: undefined,
      },
      staff: SUPERVISOR,
    },
    {
      page: {
        page: 'audit-export',
        from: '2026-11-01',
        to: '2026-11-24',
        latest: '2026-11-24',
        folder: FOLDER,
        delivery: {
          printed: undefined,
          saved: {
            ok: true,
            folder: FOLDER.path,
            entries: 4812,
            files: [
              'audit_2026-11-01_2026-11-24_exported-20261124T051200Z.csv',
              'audit_2026-11-01_2026-11-24_exported-20261124T051200Z.json',
              'audit_2026-11-01_2026-11-24_exported-20261124T051200Z.manifest.json',
            ],
          },
        },
      },
      staff: SUPERVISOR,
      result: { action: 'export-audit', outcome: 'done' },
    },
  ],
  working: [{ page: { page: 'working', action: 'switch-service' }, staff: SUPERVISOR }],
  stopping: [
    { page: { page: 'stopping', kind: 'restart-kiosk' }, staff: SUPERVISOR },
    { page: { page: 'stopping', kind: 'shut-down' }, staff: SUPERVISOR },
  ],
};

/** Every variant of every page, each named by its page and what sets it apart. */
export function everyMaintenancePage(): { readonly name: string; readonly view: MaintenanceView }[] {
  return Object.values(VARIANTS)
    .flat()
    .map(({ page, staff, result }, index) => {
      const detail = Object.entries(page)
        .filter(([key, value]) => ['step', 'tab', 'problem', 'purpose', 'confirm', 'kind'].includes(key) && typeof value === 'string')
        .map(([, value]) => String(value));
      const form = 'form' in page && page.form ? [page.form.form] : [];
      return {
        name: ['maintenance', String(index).padStart(2, '0'), page.page, ...detail, ...form].join('-'),
        view: { screen: 'maintenance', ...page, staff, allowed: staff ? allowedActions(staff.role) : [], result },
      };
    });
}
