import type { IDataObject } from 'n8n-workflow';
import { CAPACITY_PER_NODE, RecentEvents, recentEventsOf } from '../nodes/shared/recentEvents';
import { deliver } from './helpers/deliver';
import { nodesUnderTest } from './helpers/nodes';

describe('RecentEvents', () => {
	it('records a key once and reports it as seen within the window', () => {
		const recent = new RecentEvents(10);
		expect(recent.seenBefore('a', 1000, 500)).toBe(false);
		expect(recent.seenBefore('a', 1499, 500)).toBe(true);
		expect(recent.seenBefore('b', 1499, 500)).toBe(false);
	});

	it('forgets a key once its window has passed, and records it anew', () => {
		const recent = new RecentEvents(10);
		recent.seenBefore('a', 1000, 500);
		expect(recent.seenBefore('a', 1500, 500)).toBe(false);
		expect(recent.seenBefore('a', 1600, 500)).toBe(true);
	});

	it('never holds more keys than its capacity, dropping the oldest first', () => {
		const recent = new RecentEvents(3);
		for (const key of ['a', 'b', 'c', 'd']) recent.seenBefore(key, 1000, 60_000);
		expect(recent.size).toBe(3);
		expect(recent.seenBefore('d', 1001, 60_000)).toBe(true);
		expect(recent.seenBefore('a', 1001, 60_000)).toBe(false);
	});

	it('forgets a key recorded again after it expired only when its new window ends, not its old slot', () => {
		const recent = new RecentEvents(3);
		recent.seenBefore('a', 1000, 100);
		recent.seenBefore('a', 1200, 1000);
		recent.seenBefore('b', 1300, 1000);
		expect(recent.seenBefore('a', 1400, 1000)).toBe(true);
		expect(recent.size).toBe(2);
	});

	it('keeps its capacity when the window changes between deliveries', () => {
		const recent = new RecentEvents(2);
		recent.seenBefore('long', 1000, 10_000);
		recent.seenBefore('short', 1001, 10);
		recent.seenBefore('next', 2000, 10);
		expect(recent.size).toBeLessThanOrEqual(2);
		expect(recent.seenBefore('next', 2001, 10)).toBe(true);
	});

	it('stores a long key as its digest: still recognized, never confused with another', () => {
		const recent = new RecentEvents(10);
		const long = 'x'.repeat(10_000);
		expect(recent.seenBefore(long, 1000, 500)).toBe(false);
		expect(recent.seenBefore(long, 1001, 500)).toBe(true);
		expect(recent.seenBefore(`${long}y`, 1001, 500)).toBe(false);
		expect(recent.seenBefore('x'.repeat(64), 1001, 500)).toBe(false);
	});

	it('drops expired keys as new ones arrive, so memory follows the traffic of one window', () => {
		const recent = new RecentEvents(1_000_000);
		for (let index = 0; index < 10_000; index++) recent.seenBefore(`vote-${index}`, index, 100);
		expect(recent.size).toBeLessThanOrEqual(101);
	});
});

describe('one memory per node', () => {
	it("cannot lose a node's entry to another node's traffic, however heavy", async () => {
		const [quiet, busy] = [nodesUnderTest[nodesUnderTest.length - 1], nodesUnderTest[0]];
		const send = () =>
			deliver(quiet.node, {
				headers: quiet.sign(quiet.example),
				body: quiet.example,
				credentials: quiet.credentials,
				options: { ignoreRedeliveries: true },
				nodeId: 'quiet',
			});
		expect((await send()).items).toHaveLength(1);
		// As many unique deliveries as a node remembers, and one more, on another workflow's node.
		const other = recentEventsOf('workflow-2:busy');
		for (let index = 0; index <= CAPACITY_PER_NODE; index++)
			other.seenBefore(`${busy.platform}:vote:${index}`, Date.now(), 3_600_000);
		expect(other.size).toBe(CAPACITY_PER_NODE);
		expect((await send()).json).toMatchObject({ duplicate: true });
	});
});

describe.each(nodesUnderTest)('$platform: Ignore Redeliveries option', (unit) => {
	const { node, credentials, sign, example } = unit;
	let nodeCounter = 0;
	const send = (body: string, options: IDataObject, nodeId: string) =>
		deliver(node, { headers: sign(body), body, credentials, options, nodeId });

	it('starts exactly one execution for 16 concurrent copies of one delivery', async () => {
		const nodeId = `concurrent-${++nodeCounter}`;
		const answers = await Promise.all(
			Array.from({ length: 16 }, () => send(example, { ignoreRedeliveries: true }, nodeId)),
		);
		expect(answers.map((answer) => answer.status)).toEqual(new Array(16).fill(200));
		expect(answers.filter((answer) => answer.items.length === 1)).toHaveLength(1);
		const duplicates = answers.filter((answer) => answer.json.duplicate === true);
		expect(duplicates).toHaveLength(15);
		expect(duplicates[0].json).toEqual({
			received: true,
			duplicate: true,
			eventId: answers.find((a) => a.items.length)!.items[0].eventId,
		});
	});

	it('recognizes a retry as the list sends it (what a retry changes, changed) as the same event', async () => {
		const nodeId = `retry-${++nodeCounter}`;
		const first = await send(example, { ignoreRedeliveries: true }, nodeId);
		const retry = await send(unit.kit.redelivery(example), { ignoreRedeliveries: true }, nodeId);
		expect([first.items.length, retry.json.duplicate]).toEqual([1, true]);
	});

	it('lets every copy through when the option is off (the default)', async () => {
		const nodeId = `off-${++nodeCounter}`;
		const answers = await Promise.all(Array.from({ length: 4 }, () => send(example, {}, nodeId)));
		expect(answers.filter((answer) => answer.items.length === 1)).toHaveLength(4);
	});

	it('keeps separate memories per node, so two workflows listening to the same list both run', async () => {
		const first = await send(example, { ignoreRedeliveries: true }, `a-${++nodeCounter}`);
		const second = await send(example, { ignoreRedeliveries: true }, `b-${nodeCounter}`);
		expect([first.items.length, second.items.length]).toEqual([1, 1]);
	});
});

describe.each(nodesUnderTest)(
	'$platform: Ignore Redeliveries over time',
	({ node, credentials, sign, example }) => {
		const send = (body: string, options: IDataObject) =>
			deliver(node, { headers: sign(body), body, credentials, options, nodeId: 'time-node' });

		afterEach(() => jest.useRealTimers());

		it('emits a redelivery again once the window has passed', async () => {
			jest.useFakeTimers({
				now: new Date('2030-01-01T00:00:00Z'),
				doNotFake: ['nextTick', 'setImmediate'],
			});
			const options = { ignoreRedeliveries: true, redeliveryWindowHours: 1 };
			expect((await send(example, options)).items).toHaveLength(1);
			jest.setSystemTime(new Date('2030-01-01T00:59:59Z'));
			expect((await send(example, options)).json).toMatchObject({ duplicate: true });
			jest.setSystemTime(new Date('2030-01-01T01:00:01Z'));
			expect((await send(example, options)).items).toHaveLength(1);
		});
	},
);
