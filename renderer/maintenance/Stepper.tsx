// A date, a time or both, set with steps on the touchscreen (no keyboard): a day, an hour or
// a quarter of an hour back and forth. The kiosk core keeps the value and its limits.
import type { StepMinutes } from '../../electron/common/maintenance/maintenance-events.ts';
import type { MaintenanceMessages } from './maintenance-messages.ts';

export function Stepper<S extends number>({
  label,
  value,
  steps,
  text,
  onStep,
}: {
  label: string;
  value: string;
  steps: readonly S[];
  text: MaintenanceMessages;
  onStep: (minutes: S) => void;
}) {
  return (
    <div className="m-stepper" role="group" aria-label={label}>
      <p className="m-stepper-value">
        <span className="m-stepper-label">{label}</span> {value}
      </p>
      <div className="m-stepper-buttons">
        {steps.map((minutes) => (
          <button key={minutes} type="button" className="m-button m-button-step" onClick={() => onStep(minutes)}>
            {text.steps[String(minutes)] ?? String(minutes)}
          </button>
        ))}
      </div>
    </div>
  );
}

export const TIME_STEPS: readonly StepMinutes[] = [-1440, -60, -15, 15, 60, 1440];
export const DAY_STEPS: readonly StepMinutes[] = [-1440, 1440];
