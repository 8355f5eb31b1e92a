/**
 * Instants a vote can have: from 1970 to the end of year 9999, so that every `occurredAt` is a plain
 * `YYYY-MM-DDTHH:mm:ss.sssZ` that spreadsheets parse (JavaScript would print years like +275760).
 */
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isInstant(ms: number): boolean {
	return Number.isFinite(ms) && ms >= 0 && ms <= MAX_INSTANT_MS;
}

/** An ISO 8601 date-time with its offset: without one, `Date.parse` would read it in the server's time zone. */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * The instant an ISO 8601 date-time with offset names, or undefined for anything else. V8 rolls impossible
 * dates over (February 30th becomes March 2nd, 24:00 the next day), so every field is checked against the
 * calendar first: a date that does not exist names no instant.
 */
export function parseIsoDateTime(value: string): number | undefined {
	const parts = ISO_DATE_TIME.exec(value);
	if (parts === null || !isCalendarDateTime(parts)) return undefined;
	const ms = Date.parse(value);
	return isInstant(ms) ? ms : undefined;
}

function isCalendarDateTime([
	,
	year,
	month,
	day,
	hours,
	minutes,
	seconds = '0',
	offsetHours = '0',
	offsetMinutes = '0',
]: RegExpExecArray): boolean {
	const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
	return (
		Number(month) >= 1 &&
		Number(month) <= 12 &&
		Number(day) >= 1 &&
		Number(day) <= daysInMonth &&
		Number(hours) <= 23 &&
		Number(minutes) <= 59 &&
		Number(seconds) <= 59 &&
		Number(offsetHours) <= 23 &&
		Number(offsetMinutes) <= 59
	);
}

const DAY_MS = 86_400_000;

const twoDigits = (value: number) => (value < 10 ? `0${value}` : `${value}`);

/**
 * Exactly `new Date(ms).toISOString()`, which V8 takes about a microsecond for, several times per delivery.
 * Whole milliseconds from 1970 to 9999 are formatted here (test/isoFormat.test.ts holds it against toISOString
 * on every day to 2200 and every month to 9999); anything else, including what makes toISOString throw, is left to it.
 */
export function isoFromEpochMs(ms: number): string {
	if (!(Number.isInteger(ms) && ms >= 0 && ms <= MAX_INSTANT_MS)) return new Date(ms).toISOString();
	const days = Math.floor(ms / DAY_MS);
	// Days since 1970-01-01 to a proleptic Gregorian date: Howard Hinnant's civil_from_days.
	const shifted = days + 719_468;
	const era = Math.floor(shifted / 146_097);
	const dayOfEra = shifted - era * 146_097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365,
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
	const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	const time = ms - days * DAY_MS;
	const hours = Math.floor(time / 3_600_000);
	const minutes = Math.floor(time / 60_000) % 60;
	const wholeSeconds = Math.floor(time / 1000) % 60;
	const millis = time % 1000;
	const paddedMillis = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
	return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(wholeSeconds)}.${paddedMillis}Z`;
}

/** A computed instant (a vote time plus a cooldown, say) as ISO text, or null beyond what `isInstant` allows. */
export function isoOrNull(ms: number): string | null {
	return isInstant(ms) ? isoFromEpochMs(ms) : null;
}

const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `value` when it is a plain `YYYY-MM-DDTHH:mm:ss.sssZ`, the one form every time field of an item has; else null. */
export function plainIsoOrNull(value: string | null | undefined): string | null {
	return typeof value === 'string' && PLAIN_ISO.test(value) ? value : null;
}

export function isoFromString(value: string): string {
	return isoFromEpochMs(Date.parse(value));
}

/**
 * How late a vote's delivery may reach the node after the vote: the lists' documented retries end within about
 * 35 minutes of the first attempt (top.gg v0, BotHunt), so an hour covers them and a slow network besides.
 */
export const VOTE_LATENCY_BOUND_MS = 3_600_000;

/**
 * The window of the receive time that stands for a vote where the list sends neither an id nor a vote time, for a
 * list whose voters may vote again `cooldownMs` after a vote. Two votes of one user for one target arrive at least
 * the cooldown less the latency bound apart, and windows that long never hold two such arrivals: the largest
 * windows that keep the votes apart, so that as few redeliveries as possible cross a window's end (and get a new id).
 */
export function voteWindow(receivedMs: number, cooldownMs: number): number {
	return Math.floor(receivedMs / (cooldownMs - VOTE_LATENCY_BOUND_MS));
}
