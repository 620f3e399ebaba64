// One connection to an XFS4IoT service endpoint: commands go out with increasing request ids
// and a timeout; the service acknowledges each, may send events for it, and completes it.
// Unsolicited events (status changes, a card taken, a full bin) arrive in between. Every
// message received is checked against the message definitions (messages.ts) before use; what
// does not fit is dropped and reported by name only.
import { EventEmitter } from 'node:events';
import type { Result } from '../../electron/common/result.ts';
import {
  COMMANDS,
  EnvelopeSchema,
  EVENTS,
  isEventName,
  type AckStatus,
  type CommandName,
  type CommandPayload,
  type CompletionCode,
  type CompletionPayload,
  type EventName,
  type EventPayload,
} from './messages.ts';
import type { TextSocket } from './websocket-client.ts';

export type CommandFailure =
  /** The service completed the command with this code; `errorCode` is the payload's, for `commandErrorCode`. */
  | { readonly kind: 'completion'; readonly code: Exclude<CompletionCode, 'success'>; readonly errorCode: string | undefined }
  /** The acknowledge refused the command: it was never queued. */
  | { readonly kind: 'refused'; readonly status: AckStatus }
  /** The connection ended before the completion. */
  | { readonly kind: 'disconnected' }
  /** The service did not complete the command within its timeout and a grace period. */
  | { readonly kind: 'no-completion' }
  /** The completion does not fit the message definition. */
  | { readonly kind: 'invalid-message' };

export type CommandResult<N extends CommandName> = Result<CompletionPayload<N>, CommandFailure>;

export type ServiceEvent = { [N in EventName]: { readonly name: N; readonly payload: EventPayload<N> } }[EventName];

export interface CommandOptions {
  /** The service's timeout for the command (the header's), e.g. how long to wait for a card. */
  readonly timeoutMs: number;
  /** Events the service sends for this command (InsertCardEvent, MediaInsertedEvent…). */
  readonly onEvent?: (event: ServiceEvent) => void;
  /** Told the request id once the command is sent, so that it can be cancelled. */
  readonly onSent?: (requestId: number) => void;
}

interface Pending {
  readonly name: CommandName;
  readonly options: CommandOptions;
  readonly finish: (result: Result<unknown, CommandFailure>) => void;
}

/** How long past its own timeout a command may take before the kiosk stops waiting for it. */
const DEFAULT_GRACE_MS = 5000;

export class ServiceConnection extends EventEmitter<{
  unsolicited: [ServiceEvent];
  closed: [reason: string];
  /** A message that did not fit the definitions, by name (or "unreadable"). */
  invalid: [name: string];
}> {
  readonly #socket: TextSocket;
  readonly #graceMs: number;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(socket: TextSocket, options: { readonly graceMs?: number } = {}) {
    super();
    this.#socket = socket;
    this.#graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    socket.on('message', (text) => this.#receive(text));
    socket.on('close', (reason) => this.#ended(reason));
  }

  get open(): boolean {
    return !this.#closed;
  }

  /** Sends one command and waits for its completion (or the reason there is none). */
  command<N extends CommandName>(name: N, payload: CommandPayload<N>, options: CommandOptions): Promise<CommandResult<N>> {
    if (this.#closed) return Promise.resolve({ ok: false, error: { kind: 'disconnected' } });
    const requestId = this.#nextId;
    this.#nextId += 1;
    return new Promise<CommandResult<N>>((resolve) => {
      // The kiosk's own deadline: a service that never completes must not hang the session.
      const deadline = setTimeout(() => {
        this.#pending.delete(requestId);
        void this.cancel([requestId]);
        resolve({ ok: false, error: { kind: 'no-completion' } });
      }, options.timeoutMs + this.#graceMs);
      this.#pending.set(requestId, {
        name,
        options,
        finish: (result) => {
          clearTimeout(deadline);
          this.#pending.delete(requestId);
          resolve(result as CommandResult<N>);
        },
      });
      const header = { type: 'command', name, requestId, version: COMMANDS[name].version, timeout: options.timeoutMs };
      this.#socket.send(JSON.stringify({ header, payload }));
      options.onSent?.(requestId);
    });
  }

  /** Common.Cancel for these requests of this connection; the cancelled commands complete with `canceled`. */
  async cancel(requestIds: readonly number[]): Promise<void> {
    if (this.#closed) return;
    await this.command('Common.Cancel', { requestIds: [...requestIds] }, { timeoutMs: 5000 });
  }

  close(): void {
    this.#socket.close();
    this.#ended('closed by the kiosk');
  }

  #ended(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of [...this.#pending.values()]) pending.finish({ ok: false, error: { kind: 'disconnected' } });
    this.emit('closed', reason);
  }

  #receive(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.emit('invalid', 'unreadable');
      return;
    }
    const envelope = EnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      this.emit('invalid', 'unreadable');
      return;
    }
    const { header, payload } = envelope.data;
    if (header.type === 'unsolicited') {
      const event = this.#event(header.name, payload);
      if (event) this.emit('unsolicited', event);
      return;
    }
    const pending = header.requestId ? this.#pending.get(header.requestId) : undefined;
    // Answers for requests this connection did not make (or no longer waits for) change nothing.
    if (!pending || (header.type !== 'event' && header.name !== pending.name)) {
      if (header.type !== 'command') this.emit('invalid', header.name);
      return;
    }
    if (header.type === 'acknowledge') {
      if (header.status) pending.finish({ ok: false, error: { kind: 'refused', status: header.status } });
      return;
    }
    if (header.type === 'event') {
      const event = this.#event(header.name, payload);
      if (event) pending.options.onEvent?.(event);
      return;
    }
    if (header.type !== 'completion') return;
    const result = COMMANDS[pending.name].result.safeParse(payload);
    const code = header.completionCode;
    if (code === 'success' && result.success) {
      pending.finish({ ok: true, value: result.data });
      return;
    }
    if (code === undefined || code === 'success') {
      this.emit('invalid', header.name);
      pending.finish({ ok: false, error: { kind: 'invalid-message' } });
      return;
    }
    const errorCode = result.success && 'errorCode' in result.data ? (result.data.errorCode ?? undefined) : undefined;
    pending.finish({ ok: false, error: { kind: 'completion', code, errorCode } });
  }

  #event(name: string, payload: unknown): ServiceEvent | undefined {
    // Events of interfaces the kiosk does not use are not its concern.
    if (!isEventName(name)) return undefined;
    const parsed = EVENTS[name].payload.safeParse(payload);
    if (!parsed.success) {
      this.emit('invalid', name);
      return undefined;
    }
    return { name, payload: parsed.data } as ServiceEvent;
  }
}
