/**
 * Money in the major unit with its symbol (the API answers minor units: pence), unit rates in the minor unit as
 * suppliers print them (24.50p/kWh), energy in kWh, instants in the customer's own time zone (named on screen).
 */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';

const currencies = new Map<string, Intl.NumberFormat>();
const currencyFormat = (currency: string) => {
  let format = currencies.get(currency);
  if (!format) currencies.set(currency, (format = new Intl.NumberFormat('en-GB', { style: 'currency', currency })));
  return format;
};
/** An amount in the currency's minor unit (pence), shown in its major unit: 1024 → £10.24. */
export const money = (minor: number, currency: string) => {
  const format = currencyFormat(currency);
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
};

/** How suppliers write a minor unit after a rate. */
const MINOR_UNIT_SIGNS: Record<string, string> = { GBP: 'p', EUR: 'c', USD: '¢' };
const rateNumber = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A rate in the minor unit as a supplier prints it: 24.5 → "24.50p" (other currencies: in the major unit, to 4 places). */
export const rate = (minor: number, currency: string) => {
  const sign = MINOR_UNIT_SIGNS[currency];
  if (sign) return `${rateNumber.format(minor)}${sign}`;
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 4 }).format(minor / 100);
};
/** A VAT rate as a percentage: 0.05 → "5%". */
export const percent = (fraction: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(fraction * 100)}%`;

const energy = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
export const kWh = (value: number) => `${energy.format(value)} kWh`;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
export const date = (epochSeconds: number) => dateFormat.format(epochSeconds * 1000);
/** A span [from, to) by its first and last day: July is 1 Jul – 31 Jul (its end, 1 Aug 00:00, is not in it). */
export const dateRange = (from: number, to: number) => `${date(from)} – ${date(Math.max(from, to - 1))}`;
export const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** An instant with its time, in the browser's own zone (what operators type into datetime-local fields). */
export const dateTime = (epochSeconds: number) => new Date(epochSeconds * 1000).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A datetime-local field's value (the browser's local time) as epoch seconds; undefined when empty or invalid. */
export const secondsOfLocalInput = (input: HTMLInputElement) => {
  const ms = new Date(input.value).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
};

/** Epoch seconds as a datetime-local field's value, in the browser's time. */
export const localInputValue = (epochSeconds: number) => {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
