import type { ListKit } from '../shared/kit';
import { deliver, type Answer } from './deliver';

/**
 * Where zod 4 differs from zod 3, the behaviour the schemas had under zod 3 (see nodes/shared/payload.ts):
 * each list names its own fields; each case would fail with zod 4's defaults.
 */

/** A genuine delivery of `body` to the list's node, signed under its test credentials. */
export function sendSigned(kit: ListKit, body: string): Promise<Answer> {
	return deliver(new kit.Node(), {
		headers: kit.sign(body, kit.credentials),
		body,
		credentials: { ...kit.credentials },
	});
}

/** The example with `path` (dot-separated) set to `value`, as raw JSON text. */
export function withRaw(example: string, path: string, valueJson: string): string {
	const marker = '\u0000marker\u0000';
	const payload = JSON.parse(example);
	const keys = path.split('.');
	let parent = payload;
	for (const key of keys.slice(0, -1)) parent = parent[key];
	parent[keys[keys.length - 1]] = marker;
	return JSON.stringify(payload).replace(JSON.stringify(marker), () => valueJson);
}

const LENGTH_TRAP = '{"length":{"toString":1,"valueOf":2}}';

/**
 * A genuine delivery emitted with one optional field left out: one item, and one warning in n8n's log naming the
 * field exactly once (and naming no value).
 */
export function expectLeftOut(answer: Answer, field: string): void {
	expect(answer.status).toBe(200);
	expect(answer.items).toHaveLength(1);
	const warnings = answer.logs.filter((line) => line.includes('left out fields'));
	expect(warnings).toHaveLength(1);
	const named = warnings[0]
		.slice(warnings[0].indexOf(': ') + 2)
		.split('; ')
		.filter((issue) => issue.startsWith(`${field}:`));
	expect(named).toHaveLength(1);
}

/** Whether a case's field is required (refused when malformed) or optional (left out of the item, and logged). */
type FieldKind = 'required' | 'optional';

/** [example, field, kind]: a length-limited string field sent as an array, and as an object whose length cannot be compared. */
export function describeLengthLimitedFields(
	kit: ListKit,
	cases: Array<[example: string, field: string, kind: FieldKind]>,
): void {
	describe('a length-limited string field sent as something else', () => {
		it.each(cases)(
			'%s: %s (%s) is named once, for an array and for an object whose length cannot be compared',
			async (example, field, kind) => {
				for (const value of ['[1,2,3]', LENGTH_TRAP]) {
					const answer = await sendSigned(kit, withRaw(kit.examples[example], field, value));
					if (kind === 'optional') {
						expectLeftOut(answer, field);
						continue;
					}
					expect(answer.status).toBe(400);
					expect(answer.items).toEqual([]);
					const named = String(answer.json.error)
						.split('; ')
						.filter((issue) => issue.replace(/^Invalid payload: /, '').startsWith(`${field}:`));
					expect(named).toHaveLength(1);
				}
			},
		);
	});
}

/** [example, field, output field]: whole numbers beyond 2^53 accepted; [example, field, kind]: 1.5 is not an integer. */
export function describeWholeNumbers(
	kit: ListKit,
	accepted: Array<[example: string, field: string, output: string]>,
	integers: Array<[example: string, field: string, kind: FieldKind]>,
): void {
	describe('whole numbers beyond 2^53', () => {
		it.each(accepted)('%s: %s of 1e20 is accepted as before', async (example, field, output) => {
			const answer = await sendSigned(kit, withRaw(kit.examples[example], field, '1e20'));
			expect(answer.status).toBe(200);
			expect(answer.items[0][output]).toBe(1e20);
		});

		if (integers.length === 0) return;
		it.each(integers)(
			'%s: %s (%s) of 1.5 is named as not an integer',
			async (example, field, kind) => {
				const answer = await sendSigned(kit, withRaw(kit.examples[example], field, '1.5'));
				if (kind === 'optional') return expectLeftOut(answer, field);
				expect(answer.status).toBe(400);
				expect(answer.json.error).toContain(`${field}: Expected integer, received float`);
			},
		);
	});
}
