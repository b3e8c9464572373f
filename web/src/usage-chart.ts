import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { UsageReport } from './api.js';
import { kWh } from './format.js';

/** Room one time label needs on the axis (e.g. "27 Nov, 06:00"): fewer labels at phone width, so none overlap. */
const TIME_LABEL_PX = 140;

const formatter = (timeZone: string, options: Intl.DateTimeFormatOptions) => {
  const f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
  return (t: number) => f.format(t * 1000);
};

/** A period's name as precise as the grouping: an hour with its time, a day, a week by its Monday, a month by name. */
export function periodName(report: Pick<UsageReport, 'groupBy' | 'timeZone'>): (period: { from: number; to: number }) => string {
  const day = formatter(report.timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = formatter(report.timeZone, { hour: '2-digit', minute: '2-digit' });
  const month = formatter(report.timeZone, { month: 'long', year: 'numeric' });
  switch (report.groupBy) {
    case 'hour':
      return (p) => `${day(p.from)}, ${time(p.from)}–${time(p.to)}`;
    case 'day':
      return (p) => day(p.from);
    case 'week':
      return (p) => `the week from ${day(p.from)}`;
    case 'month':
      // A range may start inside a month: the month is named by its last instant in the range.
      return (p) => month(p.to - 1);
  }
}

/** The axis labels: one per labelled period start, as precise as the grouping (a month once, however many days). */
function tickLabel(report: UsageReport): (t: number) => string {
  if (report.groupBy === 'hour') return formatter(report.timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  if (report.groupBy === 'month') return formatter(report.timeZone, { month: 'short', year: 'numeric' });
  return formatter(report.timeZone, { day: 'numeric', month: 'short' });
}

/** Energy on the y axis as exactly as its ticks fall (0.25, not 0.3). */
const energyTick = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/**
 * Energy per period as bars on a time axis in the customer's time zone (uPlot: small and made for time series).
 * Every period gets its bar: the x scale runs from the first period's start to the last one's end, and the time labels
 * sit on period starts only (as many as fit the chart's width). The labels drawn are also written to the container's
 * `data-x-ticks` and `data-y-ticks` (they are drawn on a canvas, where nothing else can read them). The chart follows
 * its container's width.
 */
export function usageChart(container: HTMLElement, report: UsageReport): () => void {
  const times = report.periods.map((p) => p.from);
  const values = report.periods.map((p) => p.kWh);
  const first = times[0]!;
  const last = report.periods.at(-1)!.to;
  const bars = uPlot.paths.bars!({ size: [0.8, 40], align: 1 });
  const label = tickLabel(report);
  const name = periodName(report);
  const width = () => Math.max(280, container.clientWidth);
  const chart = new uPlot(
    {
      width: width(),
      height: 280,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), report.timeZone),
      legend: { show: true },
      padding: [8, 40, 0, 0], // room for the last time label
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: () => [first, last] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        {
          stroke: '#333',
          grid: { stroke: '#e5e5e5' },
          splits: (u) => {
            const every = Math.ceil(times.length / Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / TIME_LABEL_PX)));
            return times.filter((_, i) => i % every === 0);
          },
          values: (_u, ticks) => {
            const labels = ticks.map(label);
            container.dataset.xTicks = JSON.stringify(ticks.map((t, i) => ({ t, label: labels[i] })));
            return labels;
          },
          space: 40,
        },
        {
          stroke: '#333',
          grid: { stroke: '#e5e5e5' },
          label: 'kWh',
          values: (_u, ticks) => {
            const labels = ticks.map((t) => energyTick.format(t));
            container.dataset.yTicks = JSON.stringify(ticks.map((t, i) => ({ t, label: labels[i] })));
            return labels;
          },
          size: 56,
        },
      ],
      series: [
        { label: 'Period', value: (_u, t) => (t === null ? '—' : name(report.periods[times.indexOf(t)] ?? { from: t, to: t })) },
        { label: 'Energy', value: (_u, v) => (v === null ? '—' : kWh(v)), paths: bars, fill: '#2f6fb0', stroke: '#1d4f82', width: 1, points: { show: false } },
      ],
    },
    [times, values],
    container,
  );
  const describeScale = () => {
    container.dataset.xMin = String(chart.scales.x!.min);
    container.dataset.xMax = String(chart.scales.x!.max);
  };
  describeScale();
  const observer = new ResizeObserver(() => {
    chart.setSize({ width: width(), height: 280 });
    describeScale();
  });
  observer.observe(container);
  return () => {
    observer.disconnect();
    chart.destroy();
  };
}
