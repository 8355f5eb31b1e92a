import { fc } from '@fast-check/jest';
import type { IDataObject } from 'n8n-workflow';
import { deliver, leaked, type Answer } from './helpers/deliver';
import { nodesUnderTest, type NodeUnderTest } from './helpers/nodes';

/**
 * Once the proof holds, a delivery is refused only for what its item cannot exist without (SECURITY.md, "What is
 * refused"). Over every documented example of every list: a field whose absence leaves the item's kind and
 * identity as they are is optional, and whatever a sender puts there (odd types, long or odd text, objects with
 * keys such as `constructor` or `__proto__`) still gives 200 and that item; so do extra keys anywhere. The
 * fields a kit names essential (the kind, the test flag, the target, a vote's direction) are refused instead.
 */

type Path = readonly string[];

const IDENTITY = ['event', 'isTest', 'targetType', 'targetId', 'userId'] as const;
const identityOf = (item: IDataObject) =>
	Object.fromEntries(IDENTITY.map((key) => [key, item[key]]));

const PROTOTYPE_KEYS = [
	'constructor',
	'__proto__',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'prototype',
];

const key = fc.oneof(
	fc.constantFrom(...PROTOTYPE_KEYS),
	fc.string({ maxLength: 20 }),
	fc.string({ minLength: 257, maxLength: 3000 }),
);

/** A JSON value as text: a `__proto__` key written in the text stays a key once parsed, as it does on the wire. */
const junkJson: fc.Arbitrary<string> = fc.oneof(
	fc.json({ maxDepth: 3 }),
	fc.string({ minLength: 2049, maxLength: 5000 }).map((text) => JSON.stringify(text)),
	fc.string({ unit: 'binary', maxLength: 64 }).map((text) => JSON.stringify(text)),
	fc.constantFrom(
		'1e308',
		'-1',
		'0',
		'1.5',
		'9007199254740993',
		'true',
		'null',
		'[]',
		'{}',
		'"2025-02-30T12:00:00Z"',
	),
	fc
		.array(fc.tuple(key, fc.json({ maxDepth: 2 })), { minLength: 1, maxLength: 4 })
		.map(
			(entries) =>
				`{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`,
		),
);

/** Every path in `value` to an object member, not into arrays: the fields of a delivery. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
	return Object.entries(value).flatMap(([name, member]) => [
		[...prefix, name],
		...pathsOf(member, [...prefix, name]),
	]);
}

/** Every path to an object, the body itself included: where extra keys can go. */
function objectsOf(value: unknown, prefix: Path = []): Path[] {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
	return [
		prefix,
		...Object.entries(value).flatMap(([name, member]) => objectsOf(member, [...prefix, name])),
	];
}

const MARKER = '\u0000junk\u0000';

/** `example` as JSON text with the member at `path` set to `valueJson` (or removed when undefined). */
function withMember(example: string, path: Path, valueJson: string | undefined): string {
	const payload = JSON.parse(example);
	let parent = payload;
	for (const name of path.slice(0, -1)) parent = parent[name];
	const last = path[path.length - 1];
	if (valueJson === undefined) delete parent[last];
	else parent[last] = MARKER;
	return JSON.stringify(payload).replace(JSON.stringify(MARKER), () => valueJson ?? '');
}

/** `example` with an extra member `name` in the object at `path`. */
function withExtraKey(example: string, path: Path, name: string, valueJson: string): string {
	const payload = JSON.parse(example);
	let target = payload;
	for (const member of path) target = target[member];
	// Never clash with a documented key: only new keys are under test here.
	if (Object.prototype.hasOwnProperty.call(target, name)) return example;
	target[MARKER] = MARKER;
	return JSON.stringify(payload).replace(
		`${JSON.stringify(MARKER)}:${JSON.stringify(MARKER)}`,
		() => `${JSON.stringify(name)}:${valueJson}`,
	);
}

async function send(unit: NodeUnderTest, body: string): Promise<Answer> {
	const answer = await deliver(unit.node, {
		headers: unit.sign(body),
		body,
		credentials: unit.credentials,
	});
	expect(leaked(answer, unit.secrets)).toEqual([]);
	return answer;
}

/** The examples that become an item, with that item's kind and identity. */
async function emittedExamples(
	unit: NodeUnderTest,
): Promise<Array<[name: string, example: string, identity: IDataObject]>> {
	const emitted: Array<[string, string, IDataObject]> = [];
	for (const [name, example] of Object.entries(unit.kit.examples)) {
		const answer = await send(unit, example);
		if (answer.items.length === 1) emitted.push([name, example, identityOf(answer.items[0])]);
	}
	return emitted;
}

const RUNS_PER_FIELD = 15;

describe.each(nodesUnderTest)(
	'$platform: a genuine delivery is never refused for an optional field',
	(unit) => {
		it('emits every documented example with any value in any optional field, as its own item', async () => {
			let optionalFields = 0;
			for (const [, example, identity] of await emittedExamples(unit)) {
				for (const path of pathsOf(JSON.parse(example))) {
					if (unit.kit.essentialFields.includes(path.join('.'))) continue;
					const absent = await send(unit, withMember(example, path, undefined));
					const optional =
						absent.items.length === 1 &&
						JSON.stringify(identityOf(absent.items[0])) === JSON.stringify(identity);
					if (!optional) continue;
					optionalFields++;
					await fc.assert(
						fc.asyncProperty(junkJson, async (junk) => {
							const answer = await send(unit, withMember(example, path, junk));
							expect([answer.status, answer.items.length]).toEqual([200, 1]);
							expect(identityOf(answer.items[0])).toEqual(identity);
						}),
						{ numRuns: RUNS_PER_FIELD },
					);
				}
			}
			// Every list documents some optional field but discord.place, whose four fields each decide the item, and
			// Void Bots, whose `user` and `bot` do (its `type` is read only for "test").
			if (!['discordplace', 'voidbots'].includes(unit.platform))
				expect(optionalFields).toBeGreaterThan(0);
		});

		it('emits every documented example with extra keys of any name and value in any object', async () => {
			for (const [, example, identity] of await emittedExamples(unit)) {
				await fc.assert(
					fc.asyncProperty(
						fc.constantFrom(...objectsOf(JSON.parse(example))),
						key,
						junkJson,
						async (path, name, junk) => {
							const answer = await send(unit, withExtraKey(example, path, name, junk));
							expect([answer.status, answer.items.length]).toEqual([200, 1]);
							expect(identityOf(answer.items[0])).toEqual(identity);
						},
					),
					{ numRuns: 40 },
				);
			}
		});

		it('refuses a malformed essential field with 400 naming it, and declares only fields its examples carry', async () => {
			const examples = await emittedExamples(unit);
			for (const field of unit.kit.essentialFields) {
				const carriers = examples.filter(([, example]) =>
					pathsOf(JSON.parse(example)).some((path) => path.join('.') === field),
				);
				expect([field, carriers.length > 0]).toEqual([field, true]);
				for (const [, example] of carriers) {
					const answer = await send(unit, withMember(example, field.split('.'), '[1,"x"]'));
					expect([answer.status, answer.items]).toEqual([400, []]);
					// A list that unwraps an envelope (Boticord's `data`) names the field inside it.
					expect(answer.json.error).toMatch(new RegExp(`(^|[ .])${field.split('.').pop()}: `));
				}
			}
		});
	},
);
