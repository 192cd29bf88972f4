// A horizontal bar chart in SVG with its data table behind a toggle. The chart is one
// image for assistive technology (role="img", its title and description); the table is
// the same numbers, readable by everyone. A hidden count is a hatched bar with the word
// "verborgen" next to it: colour never carries a meaning alone, every bar has its number.
import { useState } from "preact/hooks";
import type { Protected } from "../../api/insights";
import { formatCount } from "./format";
import { ti } from "./words";

export interface ChartRow {
  label: string;
  /** One value per series. */
  values: Protected[];
  /** Columns shown only in the table (e.g. the index), already formatted. */
  extra?: string[];
}

interface ChartProps {
  id: string;
  title: string;
  description: string;
  /** The series' names: column headers, and said with each bar when there are several. */
  series: string[];
  labelHeader: string;
  rows: ChartRow[];
  extraHeaders?: string[];
}

const WIDTH = 400;
const LABEL_SIZE = 14;
const BAR = 16;
const GAP = 6;
const VALUE_ROOM = 150;
const MAX_LABEL = 48;
// Contrast with white at least 3:1 (graphics) and told apart by their text too.
const COLOURS = ["#0b5d57", "#5b3f8c"];
const HIDDEN_BAR = 36;

function shorten(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function Bars({ id, title, description, series, rows }: ChartProps) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const scale = (WIDTH - VALUE_ROOM) / max;
  const rowHeight = LABEL_SIZE + 6 + series.length * (BAR + GAP) + 8;
  const height = rows.length * rowHeight;
  const several = series.length > 1;
  return (
    <svg
      class="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
      focusable="false"
    >
      <title id={`${id}-svg-title`}>{title}</title>
      <desc id={`${id}-svg-desc`}>{description}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4a4a4a" stroke-width="2" />
        </pattern>
      </defs>
      {rows.map((row, r) => {
        const top = r * rowHeight;
        return (
          <g key={`${row.label}-${r}`}>
            <text x="0" y={top + LABEL_SIZE} class="chart-label">
              {shorten(row.label)}
            </text>
            {row.values.map((value, s) => {
              const y = top + LABEL_SIZE + 6 + s * (BAR + GAP);
              const width = value === null ? HIDDEN_BAR : Math.max(value > 0 ? 2 : 0, value * scale);
              const name = several ? `${series[s]}: ` : "";
              return (
                <g key={s}>
                  {value === null ? (
                    <rect x="0" y={y} width={width} height={BAR} fill={`url(#${id}-hatch)`} stroke="#4a4a4a" />
                  ) : (
                    <rect x="0" y={y} width={width} height={BAR} fill={COLOURS[s % COLOURS.length]} />
                  )}
                  <text x={width + 6} y={y + BAR - 3} class="chart-value">
                    {name}
                    {formatCount(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** A chart with its heading, and its table behind a button. */
export function Chart(props: ChartProps) {
  const { id, title, description, series, labelHeader, rows, extraHeaders = [] } = props;
  const [open, setOpen] = useState(false);
  const tableId = `${id}-table`;
  if (rows.length === 0) {
    return (
      <div class="chart">
        <h3 id={`${id}-title`}>{title}</h3>
        <p>{ti("region.empty")}</p>
      </div>
    );
  }
  return (
    <div class="chart" id={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p class="chart-desc">{description}</p>
      <Bars {...props} />
      <button
        type="button"
        class="btn btn-secondary chart-toggle"
        aria-expanded={open ? "true" : "false"}
        aria-controls={tableId}
        onClick={() => setOpen(!open)}
      >
        {ti(open ? "chart.hide" : "chart.show", { title })}
      </button>
      <div id={tableId} class="chart-table" hidden={!open}>
        {open ? (
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                {series.map((name) => (
                  <th scope="col" key={name} class="num">
                    {name}
                  </th>
                ))}
                {extraHeaders.map((name) => (
                  <th scope="col" key={name} class="num">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={`${row.label}-${r}`}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value, s) => (
                    <td key={s} class={value === null ? "num hidden-cell" : "num"}>
                      {formatCount(value)}
                    </td>
                  ))}
                  {(row.extra ?? []).map((cell, e) => (
                    <td key={`x${e}`} class="num">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
