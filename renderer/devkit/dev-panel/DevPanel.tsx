// The demo's developer panel, outside the kiosk screen: the customer's hand at the card slot.
import { useEffect, useMemo, useState } from 'react';
import { DemoStateSchema, parseJson, type DemoMessage, type DemoState } from '../../../electron/devkit/common/host-protocol.ts';
import { readerStatus } from './reader-status.ts';

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
        <strong data-testid="card-bin">
          {state.retained}
          {state.capacity === undefined ? '' : ` / ${String(state.capacity)}`}
        </strong>{' '}
        — every card&apos;s PIN is 1234
      </p>
      <p data-testid="reader-status" role="status">
        {readerStatus(state)}
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
      {state.headset !== undefined && (
        <>
          <h2>Headphone jack (simulated)</h2>
          <p>
            Headset: <strong data-testid="headset">{state.headset ? 'plugged in' : 'none'}</strong> — plugging one in turns on assisted mode
            for the session (voice in the headset, keypad never shuffled). On a terminal the jack&apos;s sensor would tell the shell; here
            this button does.
          </p>
          <button
            type="button"
            data-headset={state.headset ? 'unplug' : 'plug'}
            onClick={() => send({ type: 'headset', plugged: !state.headset })}
          >
            {state.headset ? 'Pull the headset out' : 'Plug a headset in'}
          </button>
        </>
      )}
      {state.mechanics === 'xfs4iot' && (
        <>
          <h2>Faults</h2>
          <p>The XFS4IoT simulator answers the kiosk as a bank&apos;s motorised reader would.</p>
          <button type="button" onClick={() => send({ type: 'jam' })}>
            Jam the card at the next move
          </button>{' '}
          <button type="button" onClick={() => send({ type: 'bin-full' })}>
            Fill the capture bin
          </button>
          <h2>Staff</h2>
          <button type="button" onClick={() => send({ type: 'clear-jam' })}>
            Free the jammed card
          </button>{' '}
          <button type="button" onClick={() => send({ type: 'empty-bin' })}>
            Empty the capture bin
          </button>
        </>
      )}
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
