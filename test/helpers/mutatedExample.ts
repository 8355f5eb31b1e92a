import { fc } from '@fast-check/jest';
import { LISTS } from '../registry';

/**
 * Documented examples with values moved to the edges of the schemas, for the property tests that drive bodies
 * through the mapping code (re-exported by arbitraries.ts).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a parsed JSON document (objects and arrays), root excluded. */
function pathsIn(
	value: unknown,
	prefix: Array<string | number> = [],
): Array<Array<string | number>> {
	if (typeof value !== 'object' || value === null) return [];
	const keys: Array<string | number> = Array.isArray(value)
		? value.map((_, i) => i)
		: Object.keys(value);
	return keys.flatMap((key) => [
		[...prefix, key],
		...pathsIn((value as Record<string, unknown>)[key as string], [...prefix, key]),
	]);
}

/** Numbers on the edges of the schemas: date limits, duration limits, precision limits. */
const numericEdge = fc.oneof(
	fc.constantFrom(
		8.64e15,
		8.64e15 + 1,
		8.64e15 - 1,
		-1,
		-0,
		0,
		0.5,
		1e12,
		1e12 + 1,
		1e15,
		Number.MAX_SAFE_INTEGER,
		2 ** 53 + 2,
		1e308,
		Number.MIN_VALUE,
	),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.integer(),
);

/** Every string leaf of every list's documented examples. */
function documentedStrings(): string[] {
	const found = new Set<string>();
	const walk = (value: unknown): void => {
		if (typeof value === 'string') found.add(value);
		else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
	};
	for (const kit of LISTS) Object.values(kit.examples).forEach((body) => walk(JSON.parse(body)));
	return [...found].sort();
}

/** Strings on the edges of the schemas: ISO forms, id lengths, event names, prototype keys. */
const stringEdge = fc.oneof(
	fc.constantFrom(
		'9999-12-31T23:59:59Z',
		'9999-12-31T23:59:59-23:59',
		'0000-01-01T00:00:00Z',
		'0000-01-01T00:00:00+23:59',
		'+275760-09-13T00:00:00.000Z',
		'2025-11-25T10:00:00.000+99:99',
		'2025-02-30T10:00:00Z',
		'2025-11-25T10:00:00',
		'2025-11-25t10:00z',
		'2025-11-25T10:00:00.123456789+0530',
		'__proto__',
		'constructor',
		'toString',
		'99999999999999999999',
		'999999999999999999999',
		'1764064800',
		'1764064800.5',
		'-5',
		'',
	),
	// Event names and every other string the lists document, to move a body from one event's schema to another's.
	fc.constantFrom(...documentedStrings()),
	fc.string({ maxLength: 300 }),
);

/** The value a mutated leaf becomes: usually one of its own type's edges, sometimes anything. */
const replacementOf = (jsonOnly: boolean) =>
	fc.record({
		numeric: numericEdge,
		text: stringEdge,
		other: jsonOnly
			? fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(null, {}, [], true))
			: fc.oneof(
					fc.jsonValue({ maxDepth: 2 }),
					fc.anything({ maxDepth: 2 }),
					fc.constantFrom<unknown>(null, {}, [], true),
				),
		typed: fc.integer({ min: 0, max: 3 }),
	});

function replacementFor(
	original: unknown,
	choice: { numeric: number; text: string; other: unknown; typed: number },
): unknown {
	if (choice.typed === 0) return choice.other;
	if (typeof original === 'number') return choice.numeric;
	if (typeof original === 'string') return choice.text;
	return choice.typed === 1 ? choice.numeric : choice.typed === 2 ? choice.text : choice.other;
}

/**
 * A documented example with up to two values replaced (usually by an edge of the same type) or deleted:
 * most runs stay close to a valid payload and so reach the mapping code, not only the schema's first refusal.
 * `jsonOnly` keeps the result serializable, for bodies that go on the wire.
 */
export function mutatedExample(
	documents: readonly string[],
	jsonOnly = false,
): fc.Arbitrary<unknown> {
	const parsed = documents.map((text) => JSON.parse(text) as Json);
	return fc
		.record({
			document: fc.nat(parsed.length - 1),
			picks: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
			remove: fc.integer({ min: 0, max: 4 }),
			replacements: fc.array(replacementOf(jsonOnly), { minLength: 0, maxLength: 2 }),
		})
		.map(({ document, picks, remove, replacements }) => {
			const copy = JSON.parse(JSON.stringify(parsed[document])) as Record<string, unknown>;
			replacements.forEach((choice, n) => {
				const paths = pathsIn(copy);
				if (paths.length === 0) return;
				const path = paths[picks[n] % paths.length];
				let parent: Record<string, unknown> = copy;
				for (const key of path.slice(0, -1))
					parent = parent[key as string] as Record<string, unknown>;
				const key = path[path.length - 1] as string;
				try {
					if (remove === 0 && n === 0) delete parent[key];
					else parent[key] = replacementFor(parent[key], choice);
				} catch {
					// a read-only slot inside a generated value (a boxed string's index): leave it
				}
			});
			return copy;
		});
}
