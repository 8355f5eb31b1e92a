import { createHash } from 'crypto';
import { z } from 'zod';
import type { Mapping, EventFields } from './platform';

/** Discord ids arrive as strings of digits; a JSON number has already lost precision above 2^53. */
export const discordId = z.string().regex(/^\d{1,20}$/, 'Expected a Discord id: a string of digits');

/**
 * Instants a vote can have: from 1970 to the end of year 9999, so that every `occurredAt` is a plain
 * `YYYY-MM-DDTHH:mm:ss.sssZ` that spreadsheets parse (JavaScript would print years like +275760).
 */
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isInstant(ms: number): boolean {
	return Number.isFinite(ms) && ms >= 0 && ms <= MAX_INSTANT_MS;
}

/** Epoch milliseconds as the platforms send them. */
export const epochMs = z.number().int().nonnegative().max(MAX_INSTANT_MS);

/** A duration in seconds (at most ~31 years), so that a date plus or minus it stays an instant. */
export const seconds = z.number().nonnegative().max(1e9);

/** An ISO 8601 date-time with its offset: without one, `Date.parse` would read it in the server's time zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The instant an ISO 8601 date-time with offset names, or undefined for anything else. */
export function parseIsoDateTime(value: string): number | undefined {
	if (!ISO_DATE_TIME.test(value)) return undefined;
	const ms = Date.parse(value);
	return isInstant(ms) ? ms : undefined;
}

export const isoTimestamp = z
	.string()
	.max(64)
	.refine((value) => parseIsoDateTime(value) !== undefined, { message: 'Expected an ISO 8601 date' });

const MAX_ISSUES_NAMED = 3;

function describeIssue(issue: z.ZodIssue): string {
	const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
	return `${field}: ${issue.message}`;
}

/**
 * Validates `body` and hands the typed result to `toFields`; a mismatch becomes an error naming the
 * offending fields (never their values, which could be anything an attacker sent).
 */
export function mapWith<S extends z.ZodTypeAny>(
	schema: S,
	body: unknown,
	toFields: (payload: z.output<S>) => EventFields,
): Mapping {
	const result = schema.safeParse(body);
	if (!result.success) {
		const issues = result.error.issues;
		const named = issues.slice(0, MAX_ISSUES_NAMED).map(describeIssue).join('; ');
		const more = issues.length > MAX_ISSUES_NAMED ? ` (and ${issues.length - MAX_ISSUES_NAMED} more)` : '';
		return { ok: false, error: `Invalid payload: ${named}${more}` };
	}
	return { ok: true, fields: toFields(result.data) };
}

export function unknownEvent(field: string, value: unknown, known: readonly string[]): Mapping {
	const shown = typeof value === 'string' ? `"${value.slice(0, 64)}"` : typeof value;
	return { ok: false, error: `Invalid payload: ${field}: unknown event type ${shown}; expected one of ${known.join(', ')}` };
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isoFromEpochMs(ms: number): string {
	return new Date(ms).toISOString();
}

export function isoFromString(value: string): string {
	return new Date(Date.parse(value)).toISOString();
}

/**
 * Identity for platforms that send no id of their own: a digest of the fields that describe the event
 * and stay the same when the platform redelivers it (never counters that change between attempts).
 */
export function derivedEventId(platform: string, ...parts: Array<string | number | null | undefined>): string {
	const digest = createHash('sha256').update(JSON.stringify([platform, ...parts])).digest('hex');
	return `${platform}:${digest.slice(0, 32)}`;
}
