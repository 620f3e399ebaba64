// Finding the card reader service: the service publisher lists the services of the terminal
// (ServicePublisher.GetServices); each is asked for its capabilities and the first motorised
// card reader that speaks the commands the kiosk sends is used.
import type { Result } from '../../electron/common/result.ts';
import { CARD_READER_COMMANDS, missingCommands, type Capabilities, type CommandName } from './messages.ts';
import { ServiceConnection, type CommandFailure } from './service-connection.ts';
import type { TextSocket } from './websocket-client.ts';

export type OpenSocket = (url: string) => Promise<Result<TextSocket, string>>;

export interface Discovered {
  readonly serviceUri: string;
  readonly connection: ServiceConnection;
  readonly capabilities: Capabilities;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A service the publisher names may not weaken the link: same scheme as the publisher (no
 * wss: to ws:), and plain ws: only on this machine. Over wss: the service's certificate is
 * checked against the bank's CA whatever host it names.
 */
export function acceptableServiceUri(endpoint: URL, serviceUri: string): boolean {
  const service = URL.parse(serviceUri);
  if (!service || service.protocol !== endpoint.protocol) return false;
  return service.protocol === 'wss:' || LOOPBACK.has(service.hostname);
}

export async function discoverCardReader(
  endpoint: string,
  open: OpenSocket,
  options: { readonly timeoutMs: number; readonly graceMs: number; readonly needed?: readonly CommandName[] },
): Promise<Result<Discovered, string>> {
  const { timeoutMs, graceMs, needed = CARD_READER_COMMANDS } = options;
  const publisherUrl = URL.parse(endpoint);
  if (!publisherUrl) return { ok: false, error: 'the endpoint is not a URL' };
  const publisherSocket = await open(endpoint);
  if (!publisherSocket.ok) return { ok: false, error: `service publisher: ${publisherSocket.error}` };
  const publisher = new ServiceConnection(publisherSocket.value, { graceMs });
  const listed = await publisher.command('ServicePublisher.GetServices', {}, { timeoutMs });
  publisher.close();
  if (!listed.ok) return { ok: false, error: `service publisher: GetServices ${describeFailure(listed.error)}` };
  const uris = (listed.value.services ?? []).map((service) => service.serviceURI);
  for (const uri of uris) {
    if (!acceptableServiceUri(publisherUrl, uri)) continue;
    const socket = await open(uri);
    if (!socket.ok) continue;
    const connection = new ServiceConnection(socket.value, { graceMs });
    const capabilities = await connection.command('Common.Capabilities', {}, { timeoutMs });
    if (capabilities.ok && capabilities.value.cardReader?.type === 'motor' && missingCommands(capabilities.value, needed).length === 0) {
      return { ok: true, value: { serviceUri: uri, connection, capabilities: capabilities.value } };
    }
    connection.close();
  }
  return { ok: false, error: `no motorised card reader among ${String(uris.length)} services` };
}

/** A command failure as a short token for the log. */
export function describeFailure(failure: CommandFailure): string {
  switch (failure.kind) {
    case 'completion':
      return failure.errorCode ? `${failure.code}:${failure.errorCode}` : failure.code;
    case 'refused':
      return `refused:${failure.status}`;
    default:
      return failure.kind;
  }
}
