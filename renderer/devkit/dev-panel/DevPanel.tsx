// The demo's developer panel, outside the kiosk screen: the customer's hand at the card slot.
import { useEffect, useMemo, useState } from 'react';
import { DemoStateSchema, parseJson, type DemoMessage, type DemoState } from '../../../electron/devkit/common/host-protocol.ts';

export function DevPanel({ url }: { url: string }) {
  const socket = useMemo(() => new WebSocket(url), [url]);
  const [state, setState] = useState<DemoState | undefined>();
  useEffect(() => {
    const onMessage = (message: MessageEvent<string>): void => {
      const parsed = DemoStateSchema.safeParse(parseJson(message.data));
      if (parsed.success) setState(parsed.data);
    };
    socket.addEventListener('message', onMessage);
    return () => socket.removeEventListener('message', onMessage);
  }, [socket]);
  const send = (message: DemoMessage): void => socket.send(JSON.stringify(message));
  if (!state) return <p>Connecting…</p>;
  return (
    <div className="dev-panel">
      <h1>Demo card reader</h1>
      <p>
        Reader: <strong>{state.mechanics}</strong> — card: <strong data-testid="card-position">{state.card}</strong> — capture bin:{' '}
        <strong data-testid="card-bin">{state.retained}</strong> — every card&apos;s PIN is 1234
      </p>
      <button type="button" onClick={() => send({ type: 'take' })}>
        Take the card / pull it out
      </button>
      <h2>Service key (maintenance menu)</h2>
      <p>
        The key switch is <strong data-testid="service-key">{state.serviceKey ? 'on' : 'off'}</strong>. In a branch it is a USB key switch
        the Electron shell catches (config maintenance.serviceKey).
      </p>
      <button type="button" onClick={() => send({ type: 'service-key', on: !state.serviceKey })}>
        {state.serviceKey ? 'Turn the service key back' : 'Turn the service key on'}
      </button>
      <h2>Insert a card</h2>
      <ul>
        {state.profiles.map((profile) => (
          <li key={profile.name}>
            <button type="button" data-profile={profile.name} onClick={() => send({ type: 'insert', profile: profile.name })}>
              {profile.name}
            </button>{' '}
            {profile.description}
          </li>
        ))}
      </ul>
    </div>
  );
}
