import type { Reading } from '../../domain/readings.js';
import { BUCKET_SECONDS, READINGS_PARTITION_KEY, READINGS_SORT_KEY } from './table-layout.js';

export function bucketStartOf(time: number): number {
  return time - (time % BUCKET_SECONDS);
}

export function attributeNameOf(time: number): string {
  return (time % BUCKET_SECONDS).toString(36);
}

/** Readings grouped by the hour item they belong to; within a bucket the last reading for an instant wins. */
export function groupByBucket(readings: readonly Reading[]): Map<number, Map<string, number>> {
  const buckets = new Map<number, Map<string, number>>();
  for (const { time, reading } of readings) {
    const start = bucketStartOf(time);
    let bucket = buckets.get(start);
    if (!bucket) buckets.set(start, (bucket = new Map()));
    bucket.set(attributeNameOf(time), reading);
  }
  return buckets;
}

/** The readings held by one hour item, in no particular order. */
export function readingsOfItem(item: Record<string, unknown>): Reading[] {
  const start = item[READINGS_SORT_KEY] as number;
  const readings: Reading[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (name === READINGS_PARTITION_KEY || name === READINGS_SORT_KEY) continue;
    readings.push({ time: start + parseInt(name, 36), reading: value as number });
  }
  return readings;
}
