import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { UsageReport } from './api.js';
import { kWh } from './format.js';

/** Tick and legend labels in the customer's time zone, British style, as precise as the grouping. */
function timeLabels(report: UsageReport): { tick: (t: number) => string; legend: (t: number) => string } {
  const format = (options: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: report.timeZone });
    return (t: number) => f.format(t * 1000);
  };
  if (report.groupBy === 'hour') return { tick: format({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }), legend: format({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) };
  if (report.groupBy === 'month') return { tick: format({ month: 'short', year: 'numeric' }), legend: format({ month: 'long', year: 'numeric' }) };
  return { tick: format({ day: 'numeric', month: 'short' }), legend: format({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }) };
}

/**
 * Energy per period as bars on a time axis in the customer's time zone (uPlot: small and made for time series).
 * The chart follows its container's width.
 */
export function usageChart(container: HTMLElement, report: UsageReport): () => void {
  const times = report.periods.map((p) => p.from);
  const values = report.periods.map((p) => p.kWh);
  const bars = uPlot.paths.bars!({ size: [0.8, 40], align: 1 });
  const labels = timeLabels(report);
  const width = () => Math.max(280, container.clientWidth);
  const chart = new uPlot(
    {
      width: width(),
      height: 280,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), report.timeZone),
      legend: { show: true },
      padding: [8, 40, 0, 0], // room for the last time label
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { stroke: '#333', grid: { stroke: '#e5e5e5' }, values: (_u, ticks) => ticks.map(labels.tick), space: 70 },
        { stroke: '#333', grid: { stroke: '#e5e5e5' }, label: 'kWh', values: (_u, ticks) => ticks.map((t) => t.toFixed(t < 10 ? 1 : 0)), size: 56 },
      ],
      series: [
        { label: 'From', value: (_u, t) => (t === null ? '—' : labels.legend(t)) },
        { label: 'Energy', value: (_u, v) => (v === null ? '—' : kWh(v)), paths: bars, fill: '#2f6fb0', stroke: '#1d4f82', width: 1, points: { show: false } },
      ],
    },
    [times, values],
    container,
  );
  const observer = new ResizeObserver(() => chart.setSize({ width: width(), height: 280 }));
  observer.observe(container);
  return () => {
    observer.disconnect();
    chart.destroy();
  };
}
