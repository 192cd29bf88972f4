// The selfie's progress: a ring on Home, a bar in the wizard.

/** The ring's stroke for `percent` (clamped to 0..100) on a circle of radius `r`. */
export function ringStroke(percent: number, r: number): { circumference: number; offset: number } {
  const clamped = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  const circumference = 2 * Math.PI * r;
  return { circumference, offset: circumference * (1 - clamped / 100) };
}

interface ProgressRingProps {
  percent: number;
  /** What the ring means in words, e.g. "3 van de 10 stappen klaar". */
  label: string;
}

export function ProgressRing({ percent, label }: ProgressRingProps) {
  const r = 42;
  const { circumference, offset } = ringStroke(percent, r);
  return (
    <div class="ring">
      <div class="ring-figure">
      <svg viewBox="0 0 100 100" class="ring-svg" aria-hidden="true" focusable="false">
        <circle class="ring-track" cx="50" cy="50" r={r} />
        <circle
          class="ring-value"
          cx="50"
          cy="50"
          r={r}
          stroke-dasharray={circumference.toFixed(2)}
          stroke-dashoffset={offset.toFixed(2)}
          transform="rotate(-90 50 50)"
        />
      </svg>
      <span class="ring-percent" aria-hidden="true">
        {Math.round(percent)}%
      </span>
      </div>
      <p class="ring-label">{label}</p>
    </div>
  );
}

interface ProgressBarProps {
  /** 1-based position. */
  current: number;
  total: number;
  /** Shown and spoken, e.g. "Stap 3 van 10". */
  text: string;
  label: string;
}

export function ProgressBar({ current, total, text, label }: ProgressBarProps) {
  const share = total > 0 ? Math.min(100, Math.max(0, (current / total) * 100)) : 0;
  return (
    <div class="progress">
      <p class="progress-text" aria-hidden="true">
        {text}
      </p>
      <div
        class="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={current}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}
