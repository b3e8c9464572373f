import type { Reading } from '../shared/domain/readings.js';

/** Small deterministic PRNG (mulberry32): the same seed gives the same demo data on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A household's typical power (kW) at a UTC hour of day: low at night, a morning bump, an evening peak. */
function dailyShapeKw(hourOfDay: number): number {
  const bump = (centre: number, width: number, height: number) =>
    height * Math.exp(-((hourOfDay - centre) ** 2) / (2 * width ** 2));
  return 0.18 + bump(7.5, 1.2, 0.6) + bump(13, 2, 0.25) + bump(19, 2, 1.1);
}

/**
 * What a 4 kW solar array exports at a UTC hour of day: nothing at night, a midday hump (less what the home uses
 * meanwhile), on a day that is `clear` (0..1) of cloud.
 */
function solarShapeKw(hourOfDay: number, clear: number): number {
  if (hourOfDay < 6 || hourOfDay >= 19) return 0;
  return Math.max(0, 3.2 * clear * Math.exp(-((hourOfDay - 12.5) ** 2) / (2 * 2.4 ** 2)) - 0.15);
}

/** Minute readings of a solar household's export meter: a sunny or cloudy hump each day, zero at night. */
export function demoSolarReadings(seed: number, end: number, minutes: number): Reading[] {
  const random = seededRandom(seed);
  const last = end - (end % 60) - 60;
  const clearness = new Map<number, number>();
  const readings: Reading[] = [];
  for (let i = minutes - 1; i >= 0; i--) {
    const time = last - i * 60;
    const day = Math.floor(time / 86_400);
    if (!clearness.has(day)) clearness.set(day, 0.35 + random() * 0.65);
    const kw = solarShapeKw((time % 86_400) / 3600, clearness.get(day)!) * (0.85 + random() * 0.3);
    readings.push({ time, reading: Math.round(kw * 1000) / 1000 });
  }
  return readings;
}

/**
 * Minute readings for `minutes` minutes ending before `end` (epoch seconds, rounded down to the minute), with a
 * daily shape, per-household scale and noise. Values are rounded to watts, as meters report them.
 */
export function demoReadings(seed: number, end: number, minutes: number): Reading[] {
  const random = seededRandom(seed);
  const scale = 0.6 + random() * 0.8;
  const last = end - (end % 60) - 60;
  const readings: Reading[] = [];
  for (let i = minutes - 1; i >= 0; i--) {
    const time = last - i * 60;
    const hour = (time % 86_400) / 3600;
    const kw = dailyShapeKw(hour) * scale * (0.7 + random() * 0.6) + (random() < 0.02 ? random() * 2 : 0);
    readings.push({ time, reading: Math.round(kw * 1000) / 1000 });
  }
  return readings;
}

/**
 * A winter week of a gas meter's half hours (m³): the boiler's morning and evening heating peaks, hot water through
 * the day, little at night; about 5 m³ a day, with noise. Volumes to 0.001 m³, as meters report them.
 */
export function demoGasVolumes(seed: number, starts: readonly number[]): number[] {
  const random = seededRandom(seed);
  const shape = (hour: number) => 0.02 + 0.28 * Math.exp(-((hour - 7) ** 2) / 2) + 0.22 * Math.exp(-((hour - 18.5) ** 2) / 4) + (hour >= 9 && hour < 17 ? 0.04 : 0);
  return starts.map((start) => Math.round(shape((start % 86_400) / 3600) * (0.8 + random() * 0.4) * 1000) / 1000);
}

