import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from './fault-spec.ts';

describe('a gateway fault on the command line', () => {
  it.each([
    ['submit:status:503', { route: 'submit', fault: { kind: 'status', status: 503 }, times: Number.POSITIVE_INFINITY }],
    ['startRetrieval:hang*1', { route: 'startRetrieval', fault: { kind: 'hang' }, times: 1 }],
    ['any:rate-limit:30*3', { route: '*', fault: { kind: 'rate-limit', retryAfterSeconds: 30 }, times: 3 }],
    ['status:slow:4000', { route: 'status', fault: { kind: 'slow', delayMs: 4000 }, times: Number.POSITIVE_INFINITY }],
    ['submit:drop-response*2', { route: 'submit', fault: { kind: 'drop-response' }, times: 2 }],
    ['authenticate:malformed', { route: 'authenticate', fault: { kind: 'malformed' }, times: Number.POSITIVE_INFINITY }],
  ])('reads %s', (text, spec) => {
    expect(parseFaultSpec(text)).toEqual({ ok: true, value: spec });
  });

  it.each([
    'submit',
    'submit:status',
    'submit:status:418',
    'submit:teapot',
    'login:hang',
    'submit:hang:5',
    'submit:slow:fast',
    'submit:hang*0',
    'submit:hang*two',
    'submit:hang*1*2',
    'submit:rate-limit:30:extra',
  ])('refuses %s, naming the format', (text) => {
    const result = parseFaultSpec(text);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain(`"${text}" is not ROUTE:KIND[:ARG][*TIMES]`);
  });
});
