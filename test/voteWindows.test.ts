import { fc, it } from '@fast-check/jest';
import { LISTS } from './registry';
import type { ListKit } from './shared/kit';
import { MAX_INSTANT_MS, VOTE_LATENCY_BOUND_MS } from '../nodes/shared/time';
import { BOT_ID_PARAMETER } from '../nodes/shared/parameters';
import { deliver } from './helpers/deliver';

/**
 * Where a list sends neither an id nor a vote time, a vote's eventId is a window of its receive time. Two genuine
 * votes by one user for one target arriving at least the list's cooldown less VOTE_LATENCY_BOUND_MS apart must
 * never share it: with Ignore Redeliveries on (or a unique eventId in a database), the second vote would be dropped
 * as a duplicate. Checked through the node's real webhook() for every such vote shape the registry's kits name,
 * over arrival times from 1970 to 9999 with any millisecond.
 */

const VOTER = '195263817236783105';
/** The Bot ID a list that omits its target is configured with. */
const BOT_ID = '803190510032756736';
const YEAR_MS = 31_556_952_000;

interface Shape {
	label: string;
	kit: ListKit;
	cooldownMs: number;
	voteBy(voter: string): string;
}

const SHAPES: readonly Shape[] = LISTS.flatMap((kit) => {
	const windowed = kit.windowedVotes;
	if (windowed === null) return [];
	return Object.entries(windowed.votesBy).map(([name, voteBy]) => ({
		label: `${kit.platform.displayName}, ${name}`,
		kit,
		cooldownMs: windowed.cooldownMs,
		voteBy,
	}));
});

/** The eventId of the item `body` becomes when it arrives at `receivedMs`. */
async function eventIdAt(kit: ListKit, body: string, receivedMs: number): Promise<unknown> {
	jest.setSystemTime(receivedMs);
	const answer = await deliver(new kit.Node(), {
		headers: kit.sign(body, kit.credentials),
		body,
		credentials: { ...kit.credentials },
		parameters: kit.platform.omitsTarget === true ? { [BOT_ID_PARAMETER]: BOT_ID } : {},
	});
	expect(answer.items).toHaveLength(1);
	return answer.items[0].eventId;
}

it('finds votes whose eventId is a window of the receive time in the registry', () => {
	expect(SHAPES.length).toBeGreaterThan(0);
});

describe.each(SHAPES)('$label', ({ kit, cooldownMs, voteBy }) => {
	beforeAll(() =>
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }),
	);
	afterAll(() => jest.useRealTimers());

	const leastGapMs = cooldownMs - VOTE_LATENCY_BOUND_MS;
	// Beyond the least gap: mostly less than two cooldowns, where windows are shared, sometimes years.
	const moreMs = fc.oneof(
		fc.integer({ min: 0, max: 2 * cooldownMs }),
		fc.integer({ min: 0, max: 10 * YEAR_MS }),
	);
	const firstMs = fc.integer({ min: 0, max: MAX_INSTANT_MS - leastGapMs - 10 * YEAR_MS });

	it.prop([firstMs, moreMs], { numRuns: 200 })(
		"never gives a user's two votes arriving the cooldown less the latency bound apart, or more, one eventId",
		async (first, more) => {
			const vote = voteBy(VOTER);
			const second = first + leastGapMs + more;
			expect(await eventIdAt(kit, vote, second)).not.toBe(await eventIdAt(kit, vote, first));
		},
	);
});
