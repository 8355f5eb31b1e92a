import { deliver, expectedItem, leaked, type Answer } from './helpers/deliver';
import { expectLeftOut } from './helpers/schemaEdges';
import { nodesUnderTest, type NodeUnderTest } from './helpers/nodes';

/**
 * The bad-input corpus: every entry goes through every trigger's real webhook() and must come back as a 4xx
 * JSON answer naming the problem, with nothing emitted, no throw, and no secret in the answer or the logs.
 */
type Entry = [
	name: string,
	body: string,
	headers: (unit: NodeUnderTest, body: string) => Record<string, string | string[]>,
	status: number,
	error: RegExp | ((unit: NodeUnderTest) => RegExp),
];

const signed = (unit: NodeUnderTest, body: string) => unit.sign(body);

/** Entries that apply to every platform. */
const COMMON: Entry[] = [
	['an empty body', '', signed, 400, /Empty body/],
	['a JSON array', '[]', signed, 400, /must be a JSON object/],
	['a JSON string', '"vote"', signed, 400, /must be a JSON object/],
	['a JSON number', '42', signed, 400, /must be a JSON object/],
	['truncated JSON', '{"type":', signed, 400, /not valid JSON/],
	['JSON followed by garbage', '{} trailing', signed, 400, /not valid JSON/],
	['invalid UTF-8 bytes', '\u00ff\u00fe{', signed, 400, /not valid JSON/],
	['an empty object', '{}', signed, 400, /Invalid payload/],
	[
		'only __proto__ and constructor keys',
		'{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
		signed,
		400,
		/Invalid payload/,
	],
	[
		'deep nesting and nothing else',
		`{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
		signed,
		400,
		/nests deeper than 32 levels/,
	],
	[
		'a form body',
		'user=1',
		(unit, body) => ({ ...unit.sign(body), 'content-type': 'application/x-www-form-urlencoded' }),
		415,
		/content type/,
	],
	[
		'an XML body',
		'<vote/>',
		(unit, body) => ({ ...unit.sign(body), 'content-type': 'application/xml' }),
		415,
		/content type/,
	],
	// The answer names a header the list takes its proof from.
	[
		'no authentication at all',
		'{}',
		() => ({}),
		401,
		(unit) => new RegExp(unit.kit.proofHeaders.join('|'), 'i'),
	],
	['a body over 64 KiB', `{"pad":"${'y'.repeat(70_000)}"}`, signed, 413, /Body too large/],
];

describe.each(nodesUnderTest)('$platform: the bad-input corpus', (unit) => {
	const run = async (body: string, headers: Record<string, string | string[]>): Promise<Answer> => {
		const answer = await deliver(unit.node, { headers, body, credentials: unit.credentials });
		expect(answer.items).toEqual([]);
		expect(leaked(answer, unit.secrets)).toEqual([]);
		expect(Object.keys(answer.json)).toEqual(['error']);
		return answer;
	};

	it.each(COMMON)('refuses %s', async (_name, body, headers, status, error) => {
		const answer = await run(body, headers(unit, body));
		expect(answer.status).toBe(status);
		expect(answer.json.error).toMatch(typeof error === 'function' ? error(unit) : error);
	});

	it.each(unit.kit.fieldCorpus.map((entry) => [entry.name, entry] as const))(
		'refuses a documented example with %s, naming the field',
		async (_name, { example, corrupt, error }) => {
			const payload = JSON.parse(unit.kit.examples[example]);
			corrupt(payload);
			const body = JSON.stringify(payload);
			const answer = await run(body, unit.sign(body));
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(error);
		},
	);

	// discord.place documents no field that is both optional and free of meaning: nothing of it is left out.
	if (unit.kit.droppedFields.length > 0)
		it.each(unit.kit.droppedFields.map((entry) => [entry.name, entry] as const))(
			'emits a documented example with %s as if the field were absent',
			async (_name, { example, corrupt, field }) => {
				const payload = JSON.parse(unit.kit.examples[example]);
				corrupt(payload);
				const body = JSON.stringify(payload);
				const absent = withoutField(unit.kit.examples[example], field);
				const at = new Date().toISOString();
				const corrupted = await expectedItem(
					unit.kit,
					body,
					unit.sign(body),
					unit.kit.credentials,
					at,
				);
				const withoutIt = await expectedItem(
					unit.kit,
					absent,
					unit.sign(absent),
					unit.kit.credentials,
					at,
				);
				expect({ ...corrupted, raw: undefined }).toEqual({ ...withoutIt, raw: undefined });
				expect(corrupted.raw).toEqual(payload);
				const answer = await deliver(unit.node, {
					headers: unit.sign(body),
					body,
					credentials: unit.credentials,
				});
				expectLeftOut(answer, field);
				expect(leaked(answer, unit.secrets)).toEqual([]);
			},
		);

	it('refuses a duplicated authentication header (two values) with 401', async () => {
		const headers = Object.fromEntries(
			Object.entries(unit.sign(unit.example)).map(([name, value]) => [name, [value, value]]),
		);
		const answer = await run(unit.example, headers);
		expect(answer.status).toBe(401);
	});
});

describe('the corpus covers every list', () => {
	it('has field-level entries for each, on examples the list documents', () => {
		for (const { kit } of nodesUnderTest) {
			expect([kit.platform.name, kit.fieldCorpus.length > 0]).toEqual([kit.platform.name, true]);
			for (const entry of kit.fieldCorpus)
				expect(Object.keys(kit.examples)).toContain(entry.example);
		}
	});
});

/** The JSON text of `example` without the field at the dotted `path`. */
function withoutField(example: string, path: string): string {
	const payload = JSON.parse(example);
	const keys = path.split('.');
	let parent = payload;
	for (const key of keys.slice(0, -1)) parent = parent[key];
	delete parent[keys[keys.length - 1]];
	return JSON.stringify(payload);
}
