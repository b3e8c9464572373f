/** Money in pounds, energy in kWh, instants in the customer's own time zone (named on screen). */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
export const money = (amount: number) => pounds.format(amount);

const energy = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
export const kWh = (value: number) => `${energy.format(value)} kWh`;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
export const date = (epochSeconds: number) => dateFormat.format(epochSeconds * 1000);
export const dateRange = (from: number, to: number) => `${date(from)} – ${date(to)}`;
export const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
