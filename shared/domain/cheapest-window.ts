import { DAY_SECONDS, HALF_HOUR_SECONDS } from './time.js';

/** The longest window searched, and the longest use: a week of half hours (336), so every request's work is bounded. */
export const MAX_WINDOW_SECONDS = 7 * DAY_SECONDS;

/** A half hour as the advice sees it: its unit rate (VAT included) and, where published, its carbon intensity. */
export interface WindowSlot {
  from: number;
  to: number;
  unitRate: number;
  gCO2PerKWh?: number;
}

export const WINDOW_MODES = ['continuous', 'intermittent'] as const;
export const WINDOW_RANKS = ['cost', 'carbon', 'cost-then-carbon'] as const;
export type WindowMode = (typeof WINDOW_MODES)[number];
export type WindowRank = (typeof WINDOW_RANKS)[number];

export interface WindowRequest {
  /** Half hours wanted (duration / 1800). */
  count: number;
  mode: WindowMode;
  rank: WindowRank;
  /** Only half hours at or below this rate (VAT included; may be negative). */
  maxRate?: number;
}

export type WindowChoice = { status: 'ok' | 'not_enough_slots'; slots: WindowSlot[] };

/**
 * How two candidates compare: by average rate (`cost`), by average intensity (`carbon`), or by rate with ties
 * broken by intensity (`cost-then-carbon`). Never by rate × intensity, which picks dear slots that happen to be clean.
 */
function keyOf(slots: readonly WindowSlot[], rank: WindowRank): number[] {
  const mean = (f: (s: WindowSlot) => number) => slots.reduce((sum, s) => sum + f(s), 0) / slots.length;
  const rate = mean((s) => s.unitRate);
  const carbon = mean((s) => s.gCO2PerKWh ?? Infinity);
  return rank === 'cost' ? [rate] : rank === 'carbon' ? [carbon] : [rate, carbon];
}

/** Compares two keys; equal keys (to a billionth, so float noise never beats "earliest") are left to time order. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) return x - y;
  }
  return 0;
}

/**
 * The cheapest (or greenest) way to place `count` half hours among `slots` (every half hour of the window, in time
 * order): a contiguous run with the best average (ties: the earliest), or the best `count` half hours anywhere (ties:
 * the earliest), listed in time order. Half hours above `maxRate` are not used; when too few remain, the answer says
 * so and holds the best it could place.
 */
export function chooseWindow(slots: readonly WindowSlot[], request: WindowRequest): WindowChoice {
  const allowed = (s: WindowSlot) => request.maxRate === undefined || s.unitRate <= request.maxRate;
  if (request.mode === 'intermittent') {
    const ranked = slots.filter(allowed).sort((a, b) => compareKeys(keyOf([a], request.rank), keyOf([b], request.rank)) || a.from - b.from);
    const chosen = ranked.slice(0, request.count).sort((a, b) => a.from - b.from);
    return { status: chosen.length === request.count ? 'ok' : 'not_enough_slots', slots: chosen };
  }
  let best: { slots: WindowSlot[]; key: number[] } | undefined;
  for (let start = 0; start + request.count <= slots.length; start++) {
    const run = slots.slice(start, start + request.count);
    if (!run.every(allowed) || !run.every((s, i) => i === 0 || s.from === run[i - 1]!.to)) continue;
    const key = keyOf(run, request.rank);
    if (!best || compareKeys(key, best.key) < 0) best = { slots: run, key };
  }
  if (best) return { status: 'ok', slots: best.slots };
  // No run long enough: the longest run of allowed half hours (the earliest of equals) says what is possible.
  let longest: WindowSlot[] = [];
  let current: WindowSlot[] = [];
  for (const slot of slots) {
    current = allowed(slot) && (current.length === 0 || current.at(-1)!.to === slot.from) ? [...current, slot] : allowed(slot) ? [slot] : [];
    if (current.length > longest.length) longest = current;
  }
  return { status: 'not_enough_slots', slots: longest };
}

/** The half-hour starts of [from, to): those that begin at or after `from` and end by `to`. */
export function halfHoursInside(from: number, to: number): number[] {
  const first = Math.ceil(from / HALF_HOUR_SECONDS) * HALF_HOUR_SECONDS;
  const starts: number[] = [];
  for (let t = first; t + HALF_HOUR_SECONDS <= to; t += HALF_HOUR_SECONDS) starts.push(t);
  return starts;
}
