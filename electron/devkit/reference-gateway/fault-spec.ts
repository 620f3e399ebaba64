// A gateway fault written on a command line (`npm start -- --gateway-fault …`, `npm run gateway
// -- --fault …`): ROUTE:KIND[:ARG][*TIMES], e.g. `submit:status:503`, `startRetrieval:hang*1`,
// `any:rate-limit:30`. Without *TIMES it lasts until the process ends: the demo of a bad day.
import type { Result } from '../../common/result.ts';
import type { Fault, GatewayRoute } from './fault-plan.ts';

export interface FaultSpec {
  readonly route: GatewayRoute | '*';
  readonly fault: Fault;
  readonly times: number;
}

const ROUTES: readonly GatewayRoute[] = [
  'health',
  'schedule',
  'startRetrieval',
  'authenticate',
  'status',
  'discard',
  'submit',
  'certificateStatus',
];
const STATUSES = [500, 502, 503, 504] as const;

export const FAULT_SPEC_HELP = `ROUTE:KIND[:ARG][*TIMES]
      ROUTE  ${ROUTES.join(', ')}, or any
      KIND   status:500|502|503|504, rate-limit:SECONDS (429), malformed, wrong-shape, huge,
             hang, slow:MS, drop-response (the work is done, the answer lost)
      TIMES  how many requests meet it (default: every one)`;

const count = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

function faultOf(kind: string, arg: string | undefined): Fault | undefined {
  const n = count(arg);
  switch (kind) {
    case 'status': {
      const status = STATUSES.find((known) => known === n);
      return status === undefined ? undefined : { kind, status };
    }
    case 'rate-limit':
      return n === undefined ? undefined : { kind, retryAfterSeconds: n };
    case 'slow':
      return n === undefined ? undefined : { kind, delayMs: n };
    case 'malformed':
    case 'wrong-shape':
    case 'huge':
    case 'hang':
    case 'drop-response':
      return arg === undefined ? { kind } : undefined;
    default:
      return undefined;
  }
}

export function parseFaultSpec(text: string): Result<FaultSpec, string> {
  const refused = { ok: false as const, error: `gateway fault "${text}" is not ${FAULT_SPEC_HELP.split('\n')[0] ?? ''}` };
  const [body = '', timesText, ...extra] = text.split('*');
  const times = timesText === undefined ? Number.POSITIVE_INFINITY : count(timesText);
  if (extra.length > 0 || times === undefined || times < 1) return refused;
  const [route, kind = '', arg, ...rest] = body.split(':');
  const knownRoute = route === 'any' ? '*' : ROUTES.find((known) => known === route);
  const fault = faultOf(kind, arg);
  if (rest.length > 0 || knownRoute === undefined || fault === undefined) return refused;
  return { ok: true, value: { route: knownRoute, fault, times } };
}
