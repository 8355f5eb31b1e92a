import { deliver } from './helpers/deliver';
import { nodesUnderTest } from './helpers/nodes';

/**
 * Whatever a sender writes, an answer and each log line stay short: a signed vote with a 60,000-character key
 * or value gets a short answer and short log lines, not a 60 KB echo (SECURITY.md, "What a sender can learn").
 */
const LONG = 'k'.repeat(60_000);
const MAX_ANSWER_BYTES = 1024;

/** Every string member of `value` and every object in it, by path, not into arrays. */
function membersOf(
	value: unknown,
	prefix: string[] = [],
): Array<{ path: string[]; kind: 'object' | 'string' }> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
	return [
		{ path: prefix, kind: 'object' as const },
		...Object.entries(value).flatMap(([name, member]) =>
			typeof member === 'string'
				? [{ path: [...prefix, name], kind: 'string' as const }]
				: membersOf(member, [...prefix, name]),
		),
	];
}

describe.each(nodesUnderTest)('$platform: answers and log lines are bounded', (unit) => {
	it.each(Object.keys(unit.kit.examples))(
		'for %s with a 60,000-character key in any object or value in any string field',
		async (name) => {
			const example = unit.kit.examples[name];
			for (const { path, kind } of membersOf(JSON.parse(example))) {
				const payload = JSON.parse(example);
				let target = payload;
				for (const key of path.slice(0, kind === 'string' ? -1 : undefined)) target = target[key];
				if (kind === 'string') target[path[path.length - 1]] = LONG;
				else target[LONG] = { [LONG.slice(0, 1000)]: 1 };
				const body = JSON.stringify(payload);
				const answer = await deliver(unit.node, {
					headers: unit.sign(body),
					body,
					credentials: unit.credentials,
				});
				expect([path.join('.'), JSON.stringify(answer.json).length <= MAX_ANSWER_BYTES]).toEqual([
					path.join('.'),
					true,
				]);
				for (const line of answer.logs)
					expect([path.join('.'), line.length <= MAX_ANSWER_BYTES]).toEqual([path.join('.'), true]);
			}
		},
	);
});
