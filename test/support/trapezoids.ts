/**
 * The energy (kWh) of readings with no gap longer than the maximum, worked out the plain way: the sum of the
 * trapezoids between neighbours. For tests, as an expected value the product's own energy code does not produce.
 */
export function trapezoidKwh(readings: readonly { time: number; reading: number }[]): number {
  let kWh = 0;
  for (let i = 1; i < readings.length; i++) kWh += ((readings[i - 1]!.reading + readings[i]!.reading) / 2) * ((readings[i]!.time - readings[i - 1]!.time) / 3600);
  return kWh;
}
