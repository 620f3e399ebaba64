// The last 14 days' customer sessions by how they ended, drawn as stacked bars in SVG (no chart
// library: the UI bundle has a size budget). Each outcome has its own fill pattern as well as
// its colour, each day's total is written above its bar and each outcome's 14-day count in the
// legend, so nothing is told by colour alone; a screen reader gets the same as a table.
import { SESSION_OUTCOMES, type OutcomeDayView, type SessionOutcomeName } from '../../electron/common/maintenance/records-view.ts';
import type { MaintenanceMessages } from './maintenance-messages.ts';

/** A fill per outcome: colour and a pattern that tells it apart in grey too. */
const FILLS: {
  readonly [O in SessionOutcomeName]: {
    readonly colour: string;
    readonly mark: 'solid' | 'hatch' | 'dots' | 'rows' | 'columns' | 'cross' | 'open';
  };
} = {
  completed: { colour: '#0b4ea2', mark: 'solid' },
  declined: { colour: '#6b3fa0', mark: 'hatch' },
  cancelled: { colour: '#8a5a00', mark: 'dots' },
  'timed-out': { colour: '#00696b', mark: 'rows' },
  unavailable: { colour: '#4a4f55', mark: 'columns' },
  failed: { colour: '#b00020', mark: 'cross' },
  unfinished: { colour: '#1a1a1a', mark: 'open' },
};

const patternId = (outcome: SessionOutcomeName): string => `m-fill-${outcome}`;

function Pattern({ outcome }: { outcome: SessionOutcomeName }) {
  const { colour, mark } = FILLS[outcome];
  const stroke = { stroke: colour, strokeWidth: 3 };
  return (
    <pattern id={patternId(outcome)} width="12" height="12" patternUnits="userSpaceOnUse">
      <rect width="12" height="12" fill={mark === 'solid' ? colour : '#ffffff'} />
      {mark === 'hatch' ? <path d="M-3,3 l6,-6 M0,12 l12,-12 M9,15 l6,-6" {...stroke} /> : null}
      {mark === 'dots' ? <circle cx="6" cy="6" r="3" fill={colour} /> : null}
      {mark === 'rows' ? <path d="M0,3 h12 M0,9 h12" {...stroke} /> : null}
      {mark === 'columns' ? <path d="M3,0 v12 M9,0 v12" {...stroke} /> : null}
      {mark === 'cross' ? <path d="M0,0 l12,12 M12,0 l-12,12" {...stroke} /> : null}
    </pattern>
  );
}

const WIDTH = 1400;
const HEIGHT = 200;
const SLOT = WIDTH / 14;

const total = (day: OutcomeDayView): number => SESSION_OUTCOMES.reduce((sum, outcome) => sum + day[outcome], 0);

/** "2026-11-24" as 24, or 11/24 where a month shows (the first bar, the 1st): fourteen fit a portrait screen. */
function shortDate(date: string, index: number): string {
  const [month, day] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return index === 0 || day === 1 ? `${String(month)}/${String(day)}` : String(day);
}

export function OutcomeChart({ series, text }: { series: readonly OutcomeDayView[]; text: MaintenanceMessages }) {
  const t = text.records;
  const highest = Math.max(1, ...series.map(total));
  const sums = Object.fromEntries(
    SESSION_OUTCOMES.map((outcome) => [outcome, series.reduce((sum, day) => sum + day[outcome], 0)]),
  ) as Record<SessionOutcomeName, number>;
  const all = series.reduce((sum, day) => sum + total(day), 0);
  return (
    <section className="m-chart" aria-labelledby="m-chart-title">
      <h2 id="m-chart-title" className="m-chart-title">
        {t.chartTitle}
        <span className="m-detail">{t.chartSummary(all, sums.completed)}</span>
      </h2>
      <div className="m-chart-body" aria-hidden="true">
        <ol className="m-chart-labels">
          {series.map((day) => (
            <li key={day.date}>{total(day)}</li>
          ))}
        </ol>
        <svg className="m-chart-bars" viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} preserveAspectRatio="none" focusable="false">
          <defs>
            {SESSION_OUTCOMES.map((outcome) => (
              <Pattern key={outcome} outcome={outcome} />
            ))}
          </defs>
          <line x1="0" y1={HEIGHT - 1} x2={WIDTH} y2={HEIGHT - 1} stroke="#1a1a1a" strokeWidth="2" />
          {series.map((day, index) => {
            let top = HEIGHT;
            return SESSION_OUTCOMES.filter((outcome) => day[outcome] > 0).map((outcome) => {
              const height = (day[outcome] / highest) * (HEIGHT - 4);
              top -= height;
              return (
                <rect
                  key={`${day.date}-${outcome}`}
                  x={index * SLOT + SLOT * 0.2}
                  y={top}
                  width={SLOT * 0.6}
                  height={height}
                  fill={`url(#${patternId(outcome)})`}
                  stroke={FILLS[outcome].colour}
                  strokeWidth="2"
                />
              );
            });
          })}
        </svg>
        <ol className="m-chart-labels m-chart-dates">
          {series.map((day, index) => (
            <li key={day.date}>{shortDate(day.date, index)}</li>
          ))}
        </ol>
      </div>
      <ul className="m-legend">
        {SESSION_OUTCOMES.map((outcome) => (
          <li key={outcome}>
            <svg className="m-swatch" viewBox="0 0 36 24" aria-hidden="true" focusable="false">
              <rect
                x="1"
                y="1"
                width="34"
                height="22"
                fill={`url(#${patternId(outcome)})`}
                stroke={FILLS[outcome].colour}
                strokeWidth="2"
              />
            </svg>
            {t.outcomes[outcome]} {sums[outcome]}
          </li>
        ))}
      </ul>
      {/* A table keeps its content's width whatever its own: the box around it is what is hidden. */}
      <div className="visually-hidden">
        <table>
          <caption>{t.chartTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.date}</th>
              {SESSION_OUTCOMES.map((outcome) => (
                <th key={outcome} scope="col">
                  {t.outcomes[outcome]}
                </th>
              ))}
              <th scope="col">{t.total}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((day) => (
              <tr key={day.date}>
                <th scope="row">{day.date}</th>
                {SESSION_OUTCOMES.map((outcome) => (
                  <td key={outcome}>{day[outcome]}</td>
                ))}
                <td>{total(day)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
