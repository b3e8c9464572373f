/**
 * What moving `share` of a day's energy from its dearest half hours into its cheapest ones would save, given each half
 * hour's energy (kWh) and unit rate. Energy is taken from the dearest half hours that hold some (ties: the earliest)
 * until the share is reached, and placed evenly into as many of the day's cheapest half hours (ties: the earliest):
 * a household moves a few loads, not its whole day into one slot. A flat rate saves nothing.
 */
export function shiftSaving(energy: readonly number[], rates: readonly number[], share: number): number {
  const total = energy.reduce((sum, e) => sum + e, 0);
  const toMove = share * total;
  if (toMove <= 0) return 0;
  const byRate = (order: 1 | -1) => (a: number, b: number) => order * (rates[a]! - rates[b]!) || a - b;
  const dearest = energy.map((_, i) => i).filter((i) => energy[i]! > 0).sort(byRate(-1));
  let moved = 0;
  let removedCost = 0;
  let taken = 0;
  for (const i of dearest) {
    const take = Math.min(energy[i]!, toMove - moved);
    moved += take;
    removedCost += take * rates[i]!;
    taken++;
    if (moved >= toMove) break;
  }
  const cheapest = rates.map((_, i) => i).sort(byRate(1)).slice(0, taken);
  const addedCost = (moved / cheapest.length) * cheapest.reduce((sum, i) => sum + rates[i]!, 0);
  return removedCost - addedCost;
}
