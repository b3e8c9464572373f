import { ValidationError } from '../errors.js';
import { clockChangesOfYear, offsetAt, type ClockChange } from './calendar.js';
import { dayOf, isoTime } from './time.js';

/**
 * Green Button (NAESB ESPI) LocalTimeParameters for a zone in a year: its standard offset, its daylight-saving offset
 * and the rules for when daylight saving starts and ends, bit-encoded as ESPI defines them (bits 0–11 seconds past the
 * hour, 12–16 hour, 17–19 weekday with Monday 1, 20–24 day of month, 25–27 operator: 0 that day of the month, 2–6 the
 * first to fifth such weekday, 7 the last; 28–31 month), at the local time shown just before the change. Every zone
 * the API accepts is encoded from its own clock changes in that year (the year's change, as a recurring weekday rule
 * when it falls on one); a zone without daylight saving carries no rule (0xFFFFFFFF). A zone whose clocks changed
 * otherwise that year (its standard offset moved) cannot be described by two rules: refused, naming it.
 */
export function localTimeParameters(timeZone: string, year: number): { dstEndRule: string; dstOffset: number; dstStartRule: string; tzOffset: number } {
  const changes = clockChangesOfYear(timeZone, year);
  const none = 'FFFFFFFF';
  if (changes.length === 0) return { dstEndRule: none, dstOffset: 0, dstStartRule: none, tzOffset: offsetAt(Date.UTC(year, 0, 1) / 1000, timeZone) };
  const start = changes.find((c) => c.after > c.before);
  const end = changes.find((c) => c.after < c.before);
  if (changes.length !== 2 || !start || !end || start.after - start.before !== end.before - end.after) {
    throw new ValidationError(`tz ${timeZone}: its clocks changed in ${year} in a way Green Button's two daylight-saving rules cannot describe; export as CSV, or ask with another zone`);
  }
  const rule = ({ at, before }: ClockChange) => {
    const wall = new Date((at + before) * 1000); // the local time shown just before the change, as UTC fields
    const day = wall.getUTCDate();
    const daysInMonth = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 0)).getUTCDate();
    const weekday = ((wall.getUTCDay() + 6) % 7) + 1; // Monday 1 … Sunday 7
    const operator = day + 7 > daysInMonth ? 7 : Math.ceil(day / 7) + 1;
    const seconds = wall.getUTCMinutes() * 60 + wall.getUTCSeconds();
    return (((wall.getUTCMonth() + 1) << 28) | (operator << 25) | (weekday << 17) | (wall.getUTCHours() << 12) | seconds) >>> 0;
  };
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  return { dstStartRule: hex(rule(start)), dstEndRule: hex(rule(end)), dstOffset: start.after - start.before, tzOffset: start.before };
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** One half hour of usage in whole Wh. */
export interface IntervalWh {
  start: number;
  wh: number;
}

/**
 * A Green Button ESPI Atom feed: UsagePoint (electricity), LocalTimeParameters, MeterReading, ReadingType (Wh, ×10⁰,
 * half-hour intervals, delivered), then one IntervalBlock per UTC day of IntervalReadings {timePeriod, value}.
 */
/** What a feed measures, in ESPI's codes: the commodity (1 electricity, 7 natural gas) and the flow (1 delivered to the home, 19 sent back). */
export interface EspiReadingKind {
  commodity: 1 | 7;
  flowDirection: 1 | 19;
}

export function espiFeed(options: { smartMeterId: string; timeZone: string; from: number; to: number; generated: number; intervals: readonly IntervalWh[]; reading?: EspiReadingKind }): string {
  const reading = options.reading ?? { commodity: 1, flowDirection: 1 };
  const { smartMeterId, from, to } = options;
  const base = `/espi/1_1/resource/Subscription/${encodeURIComponent(smartMeterId)}/UsagePoint/1`;
  const entry = (id: string, href: string, title: string, content: string) =>
    `<entry><id>urn:joi-energy:${xmlEscape(smartMeterId)}:${id}</id><link rel="self" href="${xmlEscape(href)}"/><title>${title}</title>` +
    `<content>${content}</content><published>${isoTime(options.generated)}</published><updated>${isoTime(options.generated)}</updated></entry>`;
  const ltp = localTimeParameters(options.timeZone, new Date(from * 1000).getUTCFullYear());
  const blocks = new Map<number, IntervalWh[]>();
  for (const interval of options.intervals) {
    const day = dayOf(interval.start);
    blocks.set(day, [...(blocks.get(day) ?? []), interval]);
  }
  const intervalBlocks = [...blocks].map(([day, readings]) =>
    entry(
      `IntervalBlock:${day}`,
      `${base}/MeterReading/1/IntervalBlock/${day}`,
      'IntervalBlock',
      `<espi:IntervalBlock><espi:interval><espi:duration>86400</espi:duration><espi:start>${day}</espi:start></espi:interval>` +
        readings.map((r) => `<espi:IntervalReading><espi:timePeriod><espi:duration>1800</espi:duration><espi:start>${r.start}</espi:start></espi:timePeriod><espi:value>${r.wh}</espi:value></espi:IntervalReading>`).join('') +
        '</espi:IntervalBlock>',
    ),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:espi="http://naesb.org/espi">' +
    `<id>urn:joi-energy:${xmlEscape(smartMeterId)}:${from}-${to}</id><title>JOI Energy usage of ${xmlEscape(smartMeterId)}, ${isoTime(from)} to ${isoTime(to)}</title><updated>${isoTime(options.generated)}</updated>` +
    entry('UsagePoint', base, 'UsagePoint', '<espi:UsagePoint><espi:ServiceCategory><espi:kind>0</espi:kind></espi:ServiceCategory></espi:UsagePoint>') +
    entry(
      'LocalTimeParameters',
      '/espi/1_1/resource/LocalTimeParameters/1',
      `LocalTimeParameters (${xmlEscape(options.timeZone)})`,
      `<espi:LocalTimeParameters><espi:dstEndRule>${ltp.dstEndRule}</espi:dstEndRule><espi:dstOffset>${ltp.dstOffset}</espi:dstOffset><espi:dstStartRule>${ltp.dstStartRule}</espi:dstStartRule><espi:tzOffset>${ltp.tzOffset}</espi:tzOffset></espi:LocalTimeParameters>`,
    ) +
    entry('MeterReading', `${base}/MeterReading/1`, 'MeterReading', '<espi:MeterReading/>') +
    entry(
      'ReadingType',
      '/espi/1_1/resource/ReadingType/1',
      'ReadingType: energy delivered, Wh per half hour',
      `<espi:ReadingType><espi:accumulationBehaviour>4</espi:accumulationBehaviour><espi:commodity>${reading.commodity}</espi:commodity><espi:dataQualifier>12</espi:dataQualifier>` +
        `<espi:flowDirection>${reading.flowDirection}</espi:flowDirection><espi:intervalLength>1800</espi:intervalLength><espi:kind>12</espi:kind><espi:phase>769</espi:phase>` +
        '<espi:powerOfTenMultiplier>0</espi:powerOfTenMultiplier><espi:timeAttribute>0</espi:timeAttribute><espi:uom>72</espi:uom></espi:ReadingType>',
    ) +
    intervalBlocks.join('') +
    '</feed>\n'
  );
}
