// Sessions one after the other on one kiosk core, in process, with no think time: an emulated
// card with no latency, the reference gateway on loopback with マイナポータル answering at once,
// (in a process of its own: what is measured is the kiosk's), and a mix of what customers do — complete, decline, 取消 on every screen, a wrong PIN first,
// walk away (timeouts), and a gateway that fails. At checkpoints, after garbage collection, it
// measures the heap, the resident set, and the handles and timers the process holds, so that a
// leak shows as a trend. Used by `npm run soak` and by the short soak in the test run.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { getActiveResourcesInfo } from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TestKiosk, tuesdayAfternoon } from '../support/kiosk-driver.ts';

export interface Checkpoint {
  readonly sessions: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
  /** Handles and timers the process holds, by kind (sockets, timers, files…). */
  readonly resources: Readonly<Record<string, number>>;
}

export interface SoakReport {
  readonly sessions: number;
  readonly seconds: number;
  readonly sessionsPerSecond: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly checkpoints: readonly Checkpoint[];
  /** Heap growth per 1,000 sessions after the first checkpoint (least squares over the checkpoints). */
  readonly heapGrowthMbPer1000: number;
  readonly crashedSessions: number;
}

/** The kiosk under soak, and a way to make its gateway fail (it runs in another process). */
interface Soaked {
  readonly kiosk: TestKiosk;
  readonly failNextStart: () => void;
}
type Outcome = (soaked: Soaked) => Promise<void>;

const back = async (kiosk: TestKiosk): Promise<void> => {
  await kiosk.screen('attract', 5000);
};
/** The returned card taken, then the attract loop. */
const takeAndBack = async (kiosk: TestKiosk): Promise<void> => {
  await kiosk.screen('returning-card');
  kiosk.take();
  await back(kiosk);
};

/** What customers do, each ending back at the attract loop. */
export const OUTCOMES: Readonly<Record<string, Outcome>> = {
  completed: async ({ kiosk }) => {
    await kiosk.toReview();
    await kiosk.confirm();
    await kiosk.screen('finishing');
    kiosk.take();
    await kiosk.screen('complete');
    kiosk.kiosk.send({ type: 'DISMISS' });
    await back(kiosk);
  },
  declined: async ({ kiosk }) => {
    await kiosk.toReview();
    kiosk.kiosk.send({ type: 'DECLINE' });
    await takeAndBack(kiosk);
  },
  'cancelled on the top screen': async ({ kiosk }) => {
    await kiosk.screen('attract');
    kiosk.kiosk.send({ type: 'TOUCH' });
    await kiosk.screen('top');
    // Nothing began: straight back to the attract loop.
    kiosk.kiosk.send({ type: 'CANCEL' });
    await back(kiosk);
  },
  'cancelled at the confirmation': async ({ kiosk }) => {
    await kiosk.screen('attract');
    kiosk.kiosk.send({ type: 'TOUCH' });
    kiosk.kiosk.send({ type: 'START' });
    kiosk.kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await kiosk.screen('confirmation');
    kiosk.kiosk.send({ type: 'CANCEL' });
    await kiosk.screen('ended');
    kiosk.kiosk.send({ type: 'DISMISS' });
    await back(kiosk);
  },
  'cancelled on the PIN screen': async ({ kiosk }) => {
    await kiosk.toPin();
    await kiosk.screen('pin');
    kiosk.kiosk.send({ type: 'DIGIT', digit: 1 });
    kiosk.kiosk.send({ type: 'CANCEL' });
    await takeAndBack(kiosk);
  },
  'wrong PIN, then right': async ({ kiosk }) => {
    await kiosk.toPin();
    await kiosk.typePin('9999');
    await kiosk.screen('pin');
    await kiosk.typePin('1234');
    await kiosk.screen('review');
    kiosk.kiosk.send({ type: 'CANCEL' });
    await takeAndBack(kiosk);
  },
  'walked away on the PIN screen': async ({ kiosk }) => {
    await kiosk.toPin();
    await kiosk.screen('pin');
    // The idle warning, then its countdown, end the session (short delays on this kiosk).
    await takeAndBack(kiosk);
  },
  'gateway failure': async ({ kiosk, failNextStart }) => {
    failNextStart();
    await kiosk.toPin();
    await kiosk.typePin('1234');
    await kiosk.screen('retrieval-error');
    kiosk.kiosk.send({ type: 'CANCEL' });
    await takeAndBack(kiosk);
  },
};

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function checkpoint(sessions: number): Checkpoint {
  collectGarbage();
  const memory = process.memoryUsage();
  const resources: Record<string, number> = {};
  for (const kind of getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  return { sessions, heapUsedMb: memory.heapUsed / 2 ** 20, rssMb: memory.rss / 2 ** 20, resources };
}

/** Least-squares slope of heap over sessions, per 1,000 sessions, leaving out the first (warm-up) checkpoint. */
function growthPer1000(points: readonly Checkpoint[]): number {
  const used = points.slice(1);
  if (used.length < 2) return 0;
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const x = mean(used.map((point) => point.sessions));
  const y = mean(used.map((point) => point.heapUsedMb));
  const covariance = used.reduce((sum, point) => sum + (point.sessions - x) * (point.heapUsedMb - y), 0);
  const variance = used.reduce((sum, point) => sum + (point.sessions - x) ** 2, 0);
  return variance === 0 ? 0 : (covariance / variance) * 1000;
}

export async function runSoak(options: {
  readonly sessions: number;
  readonly every: number;
  readonly onCheckpoint?: (checkpoint: Checkpoint) => void;
}): Promise<SoakReport> {
  const clock = tuesdayAfternoon();
  const gateway: ChildProcess = fork(
    join(import.meta.dirname, '..', 'support', 'gateway-process.ts'),
    ['--now', clock.now().toISOString()],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const [{ url }] = (await once(gateway, 'message')) as [{ url: string }];
  const kiosk = await TestKiosk.start({
    gatewayUrl: url,
    now: clock.now,
    courierIntervalMs: 1000,
    // Customers who walk away are timed out quickly; nobody else waits for a timer.
    delays: { idle: 300, idleCountdown: 100, noticeScreen: 150, cardTake: 5000, completeScreen: 5000 },
  });
  const soaked: Soaked = {
    kiosk,
    failNextStart: () => gateway.send({ type: 'fault', route: 'startRetrieval', fault: { kind: 'status', status: 500 }, times: 1 }),
  };
  const names = Object.keys(OUTCOMES);
  const outcomes: Record<string, number> = {};
  const checkpoints = [checkpoint(0)];
  options.onCheckpoint?.(checkpoints[0] as Checkpoint);
  const started = performance.now();
  try {
    for (let session = 1; session <= options.sessions; session += 1) {
      const name = names[session % names.length] ?? 'completed';
      await OUTCOMES[name]?.(soaked);
      outcomes[name] = (outcomes[name] ?? 0) + 1;
      if (session % options.every === 0 || session === options.sessions) {
        const point = checkpoint(session);
        checkpoints.push(point);
        options.onCheckpoint?.(point);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      sessions: options.sessions,
      seconds: Number(seconds.toFixed(1)),
      sessionsPerSecond: Number((options.sessions / seconds).toFixed(1)),
      outcomes,
      checkpoints,
      heapGrowthMbPer1000: Number(growthPer1000(checkpoints).toFixed(3)),
      crashedSessions: kiosk.kiosk.audit.counters()['session-crashed'] ?? 0,
    };
  } finally {
    await kiosk.stop();
    gateway.disconnect();
  }
}
