// 音声案内: says each screen's scripts from the prompt pack (prompts/<language>/<id>.ogg, beside
// the renderer) through one <audio> element, on arrival and again on the repeat key; what
// changes on a screen (the PIN's digit count, the slip) is said alone when it changes; a card
// waiting at the slot is called for again while it waits. The element names the prompt it is
// playing (data-prompt) and where it is heard (data-output: the headset while one is plugged
// in; the operating system routes a plugged jack to it).
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { voiceOf } from '../../electron/common/voice/voice-prompts.ts';
import type { ScriptId } from '../../electron/common/voice/voice-scripts.ts';

/** How long a waiting card screen stays quiet before it calls again. */
const REMIND_AFTER_MS = 12_000;

/** A queue of prompts on one audio element: a new queue interrupts the old one. */
class Speaker {
  #queue: { id: ScriptId; language: string }[] = [];
  #element: HTMLAudioElement | undefined;
  #idle: (() => void) | undefined;

  /** Plays on this element from now on; returns how to let go of it. */
  attach(element: HTMLAudioElement): () => void {
    this.#element = element;
    const next = (): void => this.#next();
    element.addEventListener('ended', next);
    // A prompt that cannot play (the pack damaged) is skipped, not waited for.
    element.addEventListener('error', next);
    return () => {
      this.stop();
      element.removeEventListener('ended', next);
      element.removeEventListener('error', next);
      this.#element = undefined;
    };
  }

  say(ids: readonly ScriptId[], language: string, then?: () => void): void {
    this.#queue = ids.map((id) => ({ id, language }));
    this.#idle = then;
    this.#element?.pause();
    this.#next();
  }

  stop(): void {
    this.#queue = [];
    this.#idle = undefined;
    this.#element?.pause();
  }

  #next(): void {
    const element = this.#element;
    const prompt = this.#queue.shift();
    if (!element) return;
    if (!prompt) {
      const idle = this.#idle;
      this.#idle = undefined;
      idle?.();
      return;
    }
    element.dataset.prompt = prompt.id;
    element.src = `prompts/${prompt.language}/${prompt.id}.ogg`;
    // Refused autoplay (a browser before the first touch) leaves the screen as it is.
    element.play().catch(() => undefined);
  }
}

export function VoiceGuide({ view, repeat }: { view: ViewModel; repeat: number }) {
  const speaker = useRef(new Speaker());
  const element = useRef<HTMLAudioElement>(null);
  const said = useRef<{ prompts: string; live: string; assisted: boolean; repeat: number }>({
    prompts: '',
    live: '',
    assisted: false,
    repeat,
  });
  const voice = voiceOf(view);
  const prompts = `${view.language}:${voice.prompts.join(' ')}`;
  const live = voice.live.join(' ');
  const assisted = view.access?.assisted ?? false;

  useEffect(() => {
    const last = said.current;
    said.current = { prompts, live, assisted, repeat };
    // A card at the slot: called for again each time the voice has been quiet a while.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const remind = (): void => {
      timer = setTimeout(() => speaker.current.say(voice.prompts, view.language, remind), REMIND_AFTER_MS);
    };
    const then = voice.remind ? remind : undefined;
    if (assisted && !last.assisted) speaker.current.say(['assisted', ...voice.prompts, ...voice.live], view.language, then);
    else if (prompts !== last.prompts || repeat !== last.repeat)
      speaker.current.say([...voice.prompts, ...voice.live], view.language, then);
    else if (live !== last.live) speaker.current.say(voice.live, view.language);
    return () => clearTimeout(timer);
    // The voice is derived from these keys; the arrays are new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prompts, live, assisted, repeat]);

  // Attached before the effect above first speaks (effects run in order).
  useLayoutEffect(() => (element.current ? speaker.current.attach(element.current) : undefined), []);

  return <audio ref={element} className="voice" data-output={view.access?.audio ?? 'speaker'} preload="auto" />;
}
