import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ReadingsBatchSchema } from '../../functions/store-readings/route.js';
import { ValidationError } from '../../shared/errors.js';
import { parseOrThrow } from '../../shared/validation.js';

const valid = { smartMeterId: 'smart-meter-0', electricityReadings: [{ time: 1606636800, reading: 0 }] };

function messageFor(input: unknown): string {
  try {
    parseOrThrow(ReadingsBatchSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('reading batch validation', () => {
  it('accepts a zero reading', () => {
    expect(parseOrThrow(ReadingsBatchSchema, valid)).toEqual(valid);
  });

  it('accepts the same reading sent twice, and refuses one time with two values, naming both', () => {
    const twice = { time: 1606636800, reading: 0.5 };
    expect(parseOrThrow(ReadingsBatchSchema, { ...valid, electricityReadings: [twice, { time: 1606636860, reading: 1 }, twice] }).electricityReadings).toHaveLength(3);
    const conflicting = [{ time: 1606636800, reading: 0.5 }, { time: 1606636860, reading: 1 }, { time: 1606636800, reading: 0.7 }];
    expect(messageFor({ ...valid, electricityReadings: conflicting })).toBe(
      'electricityReadings hold time 1606636800 twice with different readings, at [0] and [2]: send one value per time',
    );
  });

  it.each([
    [{ ...valid, smartMeterId: undefined }, 'smartMeterId is required'],
    [{ ...valid, smartMeterId: 42 }, 'smartMeterId must be a string'],
    [{ ...valid, electricityReadings: undefined }, 'electricityReadings is required'],
    [{ ...valid, electricityReadings: 'x' }, 'electricityReadings must be an array'],
    [{ ...valid, electricityReadings: [] }, 'electricityReadings must hold at least 1 item(s)'],
    [{ ...valid, electricityReadings: [{ time: 1 }] }, 'electricityReadings[0].reading is required'],
    [{ ...valid, electricityReadings: [{ time: 1, reading: -0.1 }] }, 'electricityReadings[0].reading must be >= 0'],
    [{ ...valid, electricityReadings: [{ time: 1, reading: '1' }] }, 'electricityReadings[0].reading must be a number'],
    [{ ...valid, electricityReadings: [{ time: 1.5, reading: 1 }] }, 'electricityReadings[0].time must be an integer'],
    [{ ...valid, electricityReadings: [{ time: -1, reading: 1 }] }, 'electricityReadings[0].time must be 946684800 (2000-01-01T00:00:00Z) or later'],
    [{ ...valid, electricityReadings: [{ time: 0, reading: 0.1 }] }, 'electricityReadings[0].time must be 946684800 (2000-01-01T00:00:00Z) or later'],
    [null, 'body must be an object'],
    [{ ...valid, smartMeterId: '.' }, 'smartMeterId cannot be . or ..'],
    [{ ...valid, smartMeterId: '..' }, 'smartMeterId cannot be . or ..'],
  ])('refuses %j naming the field', (input, message) => {
    expect(messageFor(input)).toContain(message);
  });

  it('says each field once, names an unknown field, and calls 1e308 a number out of range (#33.18)', async () => {
    const { WindowQuerySchema } = await import('../../shared/http/window-query.js');
    const message = (schema: Parameters<typeof parseOrThrow>[0], input: unknown) => {
      try {
        parseOrThrow(schema, input);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message(WindowQuerySchema, { duration: '900' })).toBe('duration must be seconds, a multiple of 1800');
    expect(message(WindowQuerySchema, { maxRate: '1e308' })).toBe('maxRate must be <= 1000000');
    expect(message(WindowQuerySchema, { maxRate: 'cheap' })).toContain('maxRate must be a number');
    expect(message(v.strictObject({ a: v.string() }), { a: 'x', evil: 1 })).toBe('evil is not a field of this request: remove it');
  });
});
