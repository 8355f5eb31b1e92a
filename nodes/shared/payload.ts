import { z } from 'zod/v4';
import type { Mapping, EventFields } from './platform';
import { sha256Hex } from './verification';
import { MAX_INSTANT_MS, parseIsoDateTime } from './time';

/**
 * A schema built on its first use, then kept. zod 4 schema objects are slow to build (each carries its own
 * method closures): built at load, the pack's schemas added about 12 ms to the cold start measured by
 * bench/lib/cold-start.ts. Built on demand, a list's schemas cost a few milliseconds once, at its first delivery.
 */
export function once<T>(build: () => T): () => T {
	let built: T | undefined;
	return () => (built ??= build());
}

/**
 * A string of at most `max` (and at least `min`) UTF-16 code units, checked by refinements rather than
 * zod's `.min()`/`.max()`: zod 4 runs those on any value with a `length` once the type check has failed,
 * so an array would be named twice and `{"length":{"valueOf":1}}` makes the comparison throw, and only
 * some zod releases let a check opt out (zod 3.25.67, in n8n 1.x, does not). A refinement runs on strings
 * only, as zod 3's checks did; the messages are zod 4's own wording.
 */
export function boundedString(max: number, min = 0) {
	const string = z.string().refine((value) => value.length <= max, {
		message: `Too big: expected string to have <=${max} characters`,
	});
	return min > 0
		? string.refine((value) => value.length >= min, {
				message: `Too small: expected string to have >=${min} characters`,
			})
		: string;
}

/** The vote page's query parameters, where a list forwards them: any object (the voter chooses its keys and values). */
export const forwardedQuery = once(() =>
	z.custom<Record<string, unknown>>(isObject, {
		message: 'Expected an object of query parameters',
	}),
);

/**
 * The string values of a forwarded query, every one of them (the body's size limit bounds them), on an object
 * built key by key: keys such as `__proto__` or `constructor` stay plain keys and reach no prototype. Other values
 * stay in `raw`.
 */
export function queryParameters(query: Readonly<Record<string, unknown>>): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const [key, value] of Object.entries(query)) {
		if (typeof value === 'string')
			Object.defineProperty(kept, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
	}
	return kept;
}

/** A query string (`?a=1&b=2`, the `?` optional) as parameters; the last value wins for a repeated key. */
export function queryStringParameters(text: string): Record<string, string> {
	return queryParameters(
		Object.fromEntries(new URLSearchParams(text.startsWith('?') ? text.slice(1) : text)),
	);
}

/** Discord ids arrive as strings of digits; a JSON number has already lost precision above 2^53. */
const DISCORD_ID = /^\d{1,20}$/;

export const discordId = once(() =>
	z.string().regex(DISCORD_ID, 'Expected a Discord id: a string of digits'),
);

/** `value` when it is a Discord id, else null: an id field of an item holds a Discord id or nothing. */
export function discordIdOrNull(value: string | null | undefined): string | null {
	return typeof value === 'string' && DISCORD_ID.test(value) ? value : null;
}

/**
 * Any whole number, as zod 3's `.int()` accepted it. zod 4's `.int()` also refuses integers beyond
 * 2^53 - 1, which a count a platform sends could exceed; the same check and message as before.
 */
export function integer() {
	return z.number().refine(Number.isInteger, { message: 'Expected integer, received float' });
}

/** Epoch milliseconds as the platforms send them. */
export const epochMs = once(() => integer().nonnegative().max(MAX_INSTANT_MS));

/** A duration in seconds (at most ~31 years), so that a date plus or minus it stays an instant. */
export const seconds = once(() => z.number().nonnegative().max(1e9));

export const isoTimestamp = once(() =>
	boundedString(64).refine((value) => parseIsoDateTime(value) !== undefined, {
		message: 'Expected an ISO 8601 date',
	}),
);

const MAX_ISSUES_NAMED = 3;
/** How much of one path segment (a key the sender chose) an answer or a log line names. */
const MAX_SEGMENT_SHOWN = 40;
/** Rounds of dropping optional fields before a body is judged: each round drops every field that failed. */
const MAX_DROP_ROUNDS = 8;

/**
 * Schemas of optional fields that decide what the item is (the event kind, the test flag, the target, a vote's
 * direction): a malformed value there is refused, never dropped, since the item would otherwise say something
 * the list did not.
 */
const ESSENTIAL = new WeakSet<z.ZodType>();

export function essential<S extends z.ZodType>(schema: S): S {
	ESSENTIAL.add(schema);
	return schema;
}

/** `text` cut to `max` characters, marked when cut: what a sender wrote never makes an answer or log line long. */
export function shortened(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max)}...`;
}

type PathKey = PropertyKey;

function describeIssue(issue: { path: readonly PathKey[]; message: string }): string {
	const field =
		issue.path.length > 0
			? issue.path.map((key) => shortened(String(key), MAX_SEGMENT_SHOWN)).join('.')
			: 'body';
	return `${field}: ${issue.message}`;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
	const named = issues.slice(0, MAX_ISSUES_NAMED).map(describeIssue).join('; ');
	const more =
		issues.length > MAX_ISSUES_NAMED ? ` (and ${issues.length - MAX_ISSUES_NAMED} more)` : '';
	return `${named}${more}`;
}

/**
 * Validates `body` and hands the typed result to `toFields`. The body has already proven it comes from the list,
 * so it is refused only for what the item cannot exist without: a required field, or an optional one marked
 * `essential`. Any other optional field that fails its schema is dropped (the item leaves it null; `raw` keeps
 * it) and named in `dropped` for n8n's log: a list that changes a field's form must not lose its users' votes.
 * A refusal names the offending fields, never their values, which could be anything an attacker sent.
 */
export function mapWith<S extends z.ZodType>(
	schema: S,
	body: unknown,
	toFields: (payload: z.output<S>) => EventFields,
): Mapping {
	const first = schema.safeParse(body);
	if (first.success) return { ok: true, fields: toFields(first.data) };
	const refusal: Mapping = {
		ok: false,
		error: `Invalid payload: ${describeIssues(first.error.issues)}`,
	};

	let issues = first.error.issues;
	let remaining = body;
	const dropped: string[] = [];
	const droppedPaths: Array<readonly PathKey[]> = [];
	for (let round = 0; round < MAX_DROP_ROUNDS; round++) {
		const paths = issues.map((issue) => droppablePath(issue.path));
		if (paths.some((path) => path === undefined)) return refusal;
		const earlier = droppedPaths.length;
		for (const [index, issue] of issues.entries()) {
			let path = paths[index] as readonly PathKey[];
			// An object's own check that fails because a field inside it did is judged again once that field is gone.
			if (
				paths.some(
					(other) => other !== undefined && other.length > path.length && startsWith(other, path),
				)
			)
				continue;
			// A field required inside an optional object, failing again once gone: the object goes instead.
			while (droppedPaths.slice(0, earlier).some((done) => startsWith(path, done)))
				path = path.slice(0, -1);
			if (path.length === 0 || isEssential(schema, path)) return refusal;
			// A field failing two checks at once is dropped once.
			if (droppedPaths.slice(earlier).some((done) => startsWith(path, done))) continue;
			remaining = withoutPath(remaining, path);
			droppedPaths.push(path);
			dropped.push(describeIssue({ path, message: issue.message }));
		}
		const retried = schema.safeParse(remaining);
		if (retried.success) return { ok: true, fields: toFields(retried.data), dropped };
		issues = retried.error.issues;
	}
	return refusal;
}

/** The field to drop for an issue at `path`: the path itself, or the whole array an element of which failed. */
function droppablePath(path: readonly PathKey[]): readonly PathKey[] | undefined {
	const arrayIndex = path.findIndex((key) => typeof key === 'number');
	const field = arrayIndex < 0 ? path : path.slice(0, arrayIndex);
	return field.length > 0 && field.every((key) => typeof key === 'string') ? field : undefined;
}

function startsWith(path: readonly PathKey[], prefix: readonly PathKey[]): boolean {
	return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

/** A copy of `value` without the field at `path`: objects along the path are copied, nothing else is touched. */
function withoutPath(value: unknown, path: readonly PathKey[]): unknown {
	if (!isObject(value) || path.length === 0) return value;
	const [key, ...rest] = path as string[];
	if (!Object.prototype.hasOwnProperty.call(value, key)) return value;
	// Object spread defines own properties, so a `__proto__` key stays a key and never becomes a prototype.
	const copy: Record<string, unknown> = { ...value };
	if (rest.length === 0) delete copy[key];
	else
		Object.defineProperty(copy, key, {
			value: withoutPath(value[key], rest),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	return copy;
}

/** Whether the field at `path` is marked `essential` (a field inside it may still be dropped). */
function isEssential(schema: z.ZodType, path: readonly PathKey[]): boolean {
	let current: z.ZodType | undefined = schema;
	for (let index = 0; current !== undefined; ) {
		if (index === path.length && ESSENTIAL.has(current)) return true;
		const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
		if (
			def.type === 'optional' ||
			def.type === 'nullable' ||
			def.type === 'default' ||
			def.type === 'catch' ||
			def.type === 'readonly'
		) {
			current = def.innerType as z.ZodType;
		} else if (def.type === 'pipe') {
			current = def.in as z.ZodType;
		} else if (index === path.length) {
			return false;
		} else if (def.type === 'object') {
			const shape = def.shape as Record<string, z.ZodType>;
			current = Object.prototype.hasOwnProperty.call(shape, path[index])
				? shape[path[index] as string]
				: undefined;
			index++;
		} else if (def.type === 'record') {
			current = def.valueType as z.ZodType;
			index++;
		} else if (def.type === 'union') {
			return (def.options as z.ZodType[]).some((option) => isEssential(option, path.slice(index)));
		} else {
			return false;
		}
	}
	return false;
}

/**
 * `text` with every control character (C0, DEL, C1, and the Unicode line and paragraph separators) written as a
 * `\uXXXX` escape: what a sender wrote must not start a new line in n8n's log or forge one.
 */
export function printable(text: string): string {
	let shown = '';
	for (const char of text)
		shown += isControlCharacter(char.charCodeAt(0))
			? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
			: char;
	return shown;
}

/** C0, DEL, C1, U+2028 and U+2029, by char code: eslint's no-control-regex (n8n's lint) forbids them in a pattern. */
function isControlCharacter(code: number): boolean {
	return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

export function unknownEvent(field: string, value: unknown, known: readonly string[]): Mapping {
	const shown = typeof value === 'string' ? `"${printable(value.slice(0, 64))}"` : typeof value;
	return {
		ok: false,
		error: `Invalid payload: ${field}: unknown event type ${shown}; expected one of ${known.join(', ')}`,
	};
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Identity for events that carry no id of their own: a digest of the fields that describe the event and stay
 * the same when the list redelivers it (never counters that change between attempts). The pipeline puts it
 * under the list's and the event kind's namespace.
 */
export function eventDigest(...parts: Array<string | number | null | undefined>): string {
	return sha256Hex(JSON.stringify(parts)).slice(0, 32);
}
