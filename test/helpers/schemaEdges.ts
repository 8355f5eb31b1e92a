import type { ListKit } from '../../nodes/shared/kit';
import { deliver, type Answer } from './deliver';

/**
 * Where zod 4 differs from zod 3, the behaviour the schemas had under zod 3 (see nodes/shared/payload.ts):
 * each list names its own fields; each case would fail with zod 4's defaults.
 */

/** A genuine delivery of `body` to the list's node, signed under its test credentials. */
export function sendSigned(kit: ListKit, body: string): Promise<Answer> {
	return deliver(new kit.Node(), { headers: kit.sign(body, kit.credentials), body, credentials: { ...kit.credentials } });
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

/** [example, field]: a length-limited string field sent as an array, and as an object whose length cannot be compared. */
export function describeLengthLimitedFields(kit: ListKit, cases: Array<[example: string, field: string]>): void {
	describe('a length-limited string field sent as something else', () => {
		it.each(cases)('%s: %s is refused with 400 naming the field once, for an array and for an object whose length cannot be compared', async (example, field) => {
			for (const value of ['[1,2,3]', LENGTH_TRAP]) {
				const answer = await sendSigned(kit, withRaw(kit.examples[example], field, value));
				expect(answer.status).toBe(400);
				expect(answer.items).toEqual([]);
				const named = String(answer.json.error).split('; ').filter((issue) => issue.replace(/^Invalid payload: /, '').startsWith(`${field}:`));
				expect(named).toHaveLength(1);
			}
		});
	});
}

/** [example, field, output field]: whole numbers beyond 2^53 accepted; [example, field] without an output: 1.5 refused. */
export function describeWholeNumbers(kit: ListKit, accepted: Array<[example: string, field: string, output: string]>, integers: Array<[example: string, field: string]>): void {
	describe('whole numbers beyond 2^53', () => {
		it.each(accepted)('%s: %s of 1e20 is accepted as before', async (example, field, output) => {
			const answer = await sendSigned(kit, withRaw(kit.examples[example], field, '1e20'));
			expect(answer.status).toBe(200);
			expect(answer.items[0][output]).toBe(1e20);
		});

		if (integers.length === 0) return;
		it.each(integers)('%s: %s of 1.5 is refused as not an integer', async (example, field) => {
			const answer = await sendSigned(kit, withRaw(kit.examples[example], field, '1.5'));
			expect(answer.status).toBe(400);
			expect(answer.json.error).toContain(`${field}: Expected integer, received float`);
		});
	});
}
