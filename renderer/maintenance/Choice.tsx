// One choice among a few, as staff make it on the menu's forms: a labelled group of buttons,
// the chosen one pressed (aria-pressed) and drawn as chosen.
import type { Key } from 'react';

export function Choice<T extends Key | boolean>({
  label,
  options,
  chosen,
  name,
  onChoose,
}: {
  /** Said above the buttons and to assistive technology; none where the buttons say it all. */
  readonly label?: string;
  readonly options: readonly T[];
  readonly chosen: T | undefined;
  readonly name: (option: T) => string;
  readonly onChoose: (option: T) => void;
}) {
  return (
    <div className="m-choice" role="group" aria-label={label}>
      {label ? <span className="m-stepper-label">{label}</span> : null}
      {options.map((option) => (
        <button
          key={String(option)}
          type="button"
          aria-pressed={chosen === option}
          className={chosen === option ? 'm-button m-button-chosen' : 'm-button'}
          onClick={() => onChoose(option)}
        >
          {name(option)}
        </button>
      ))}
    </div>
  );
}
