import { fc, it } from '@fast-check/jest';
import { createHash } from 'crypto';
import { eventDigest } from '../nodes/shared/payload';
import { MAX_INSTANT_MS, isoFromEpochMs, isoFromString } from '../nodes/shared/time';

const DAY_MS = 86_400_000;
const builtin = (ms: number) => new Date(ms).toISOString();

describe('isoFromEpochMs', () => {
	it('matches toISOString on the first and last millisecond of every day from 1970 to 2200', () => {
		const mismatches: number[] = [];
		for (let day = 0; day * DAY_MS <= Date.UTC(2200, 0, 1); day++) {
			for (const ms of [day * DAY_MS, day * DAY_MS + DAY_MS - 1])
				if (isoFromEpochMs(ms) !== builtin(ms)) mismatches.push(ms);
		}
		expect(mismatches).toEqual([]);
	});

	it('matches toISOString around every month boundary up to the end of 9999', () => {
		const mismatches: number[] = [];
		for (let year = 1970; year <= 9999; year++) {
			for (let month = 0; month < 12; month++) {
				const start = Date.UTC(year, month, 1);
				for (const ms of [
					start - 1,
					start,
					start + 1,
					start + 28 * DAY_MS,
					start + 29 * DAY_MS - 1,
				]) {
					if (ms >= 0 && ms <= MAX_INSTANT_MS && isoFromEpochMs(ms) !== builtin(ms))
						mismatches.push(ms);
				}
			}
		}
		expect(mismatches).toEqual([]);
	});

	it.each([
		0,
		-0,
		1,
		951_782_400_000,
		4_107_542_400_000,
		Date.UTC(2000, 1, 29, 23, 59, 59, 999),
		Date.UTC(2100, 2, 1),
		MAX_INSTANT_MS,
	])('matches toISOString at %p', (ms) => {
		expect(isoFromEpochMs(ms)).toBe(builtin(ms));
	});

	it.prop([fc.integer({ min: 0, max: MAX_INSTANT_MS })], { numRuns: 20_000 })(
		'matches toISOString on any instant',
		(ms) => {
			expect(isoFromEpochMs(ms)).toBe(builtin(ms));
		},
	);

	it.each([-1, 0.5, 1_764_064_800_000.7, MAX_INSTANT_MS + 1, -8.64e15, 8.64e15])(
		'leaves %p to toISOString',
		(ms) => {
			expect(isoFromEpochMs(ms)).toBe(builtin(ms));
		},
	);

	it.each([NaN, Infinity, 8.64e15 + 1])('throws like toISOString on %p', (ms) => {
		expect(() => builtin(ms)).toThrow(RangeError);
		expect(() => isoFromEpochMs(ms)).toThrow(RangeError);
	});
});

describe('isoFromString', () => {
	it.each([
		'2025-11-25T10:00:00.000Z',
		'2023-03-05T20:29:46.315604-05:00',
		'2025-11-25t10:00z',
		'9999-12-31T23:59:59.999Z',
		'1970-01-01T00:00:00+00:00',
	])('normalizes %s as Date does', (value) => {
		expect(isoFromString(value)).toBe(new Date(Date.parse(value)).toISOString());
	});
});

describe('eventDigest', () => {
	it.prop([
		fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.constant(undefined)), {
			maxLength: 5,
		}),
	])('is the first 32 hex digits of the SHA-256 of the JSON of its parts', (parts) => {
		const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
		expect(eventDigest(...parts)).toBe(digest.slice(0, 32));
	});
});
