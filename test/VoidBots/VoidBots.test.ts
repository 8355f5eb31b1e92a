import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { voidBotsKit } from './kit';
import { VoidBotsTrigger } from '../../nodes/VoidBots/VoidBotsTrigger.node';

const node = new VoidBotsTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const webhookSecret = 'my-voidbots-secret-64';
const credentials = { webhookSecret };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, parameters = {}) =>
	deliver(node, { headers: { Authorization: webhookSecret }, body, credentials, parameters });
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });
const withChange = (example: string, change: Record<string, unknown>) =>
	JSON.stringify({ ...JSON.parse(example), ...change });
const common = {
	platform: 'voidbots',
	targetType: 'bot',
	targetId: '716390085896962058',
	userId: '205680187394752512',
	username: null,
	occurredAt: '2030-01-01T10:00:00.000Z',
	receivedAt: '2030-01-01T10:00:00.000Z',
};

beforeEach(() => at(receivedAt));
afterEach(() => jest.useRealTimers());

describe("Void Bots Trigger: the vote (the official module's {user, bot})", () => {
	it.each(['vote', 'voteWithType'] as const)(
		'turns %s into a vote item: the voter, the bot, the receive time, the next vote 12 h later',
		async (example) => {
			const answer = await send(examples[example]);
			expect([answer.status, answer.json]).toEqual([200, { received: true }]);
			expect(answer.items).toHaveLength(1);
			expect(answer.items[0]).toMatchObject({
				...common,
				event: 'vote',
				isTest: false,
				nextVoteAt: '2030-01-01T22:00:00.000Z',
				totalVotes: null,
				isPremiumVote: null,
				raw: JSON.parse(examples[example]),
			});
			expect(answer.items[0].eventId).toMatch(/^voidbots:vote:[0-9a-f]{32}$/);
		},
	);

	it('gives a vote the same eventId with or without type: "vote"', async () => {
		expect((await send(examples.voteWithType)).items[0].eventId).toBe(
			(await send(examples.vote)).items[0].eventId,
		);
	});

	it.each([
		[
			'user missing',
			{ user: undefined },
			/user: Invalid input: expected string, received undefined/,
		],
		['bot missing', { bot: undefined }, /bot: Invalid input: expected string, received undefined/],
		[
			'user a JSON number',
			{ user: 205680187394752500 },
			/user: Invalid input: expected string, received number/,
		],
		['bot not a Discord id', { bot: 'my-bot' }, /bot: Expected a Discord id/],
	])('answers 400 naming the field when %s', async (_case, change, message) => {
		const answer = await send(withChange(examples.vote, change));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it('keeps extra fields in raw only', async () => {
		const [item] = (await send(withChange(examples.vote, { votes: 12, date: 'today' }))).items;
		expect(item).toMatchObject({ ...common, event: 'vote', isTest: false });
		expect(item.raw).toMatchObject({ votes: 12, date: 'today' });
	});
});

describe('Void Bots Trigger: type (reported by third-party libraries only)', () => {
	it('turns the test button into a test event, each press its own', async () => {
		const first = (await send(examples.testButton)).items[0];
		expect(first).toMatchObject({ ...common, event: 'test', isTest: true, nextVoteAt: null });
		jest.setSystemTime(receivedAt + 1);
		expect((await send(examples.testButton)).items[0].eventId).not.toBe(first.eventId);
	});

	it('takes a test with placeholder ids, leaving them out of the item', async () => {
		const [item] = (await send('{"user":"test-user","bot":"","type":"test"}')).items;
		expect(item).toMatchObject({ event: 'test', isTest: true, userId: null, targetId: null });
		expect((await send('{"type":"test"}')).items[0]).toMatchObject({
			event: 'test',
			userId: null,
			targetId: null,
		});
	});

	it('lets Trigger On keep votes and drop tests', async () => {
		const parameters = { events: ['vote'] };
		expect((await send(examples.vote, parameters)).items).toHaveLength(1);
		const test = await send(examples.testButton, parameters);
		expect([test.status, test.items, test.json.ignored]).toEqual([200, [], true]);
	});

	it.each([
		['an unknown type', { type: 'upvote' }],
		['type null', { type: null }],
		['type a number', { type: 1 }],
	])('takes a vote with %s as the vote it is, never refusing it', async (_case, change) => {
		const plain = (await send(examples.vote)).items[0];
		const answer = await send(withChange(examples.voteWithType, change));
		expect([answer.status, answer.items.length]).toEqual([200, 1]);
		expect({ ...answer.items[0], raw: null }).toEqual({ ...plain, raw: null });
		expect(answer.items[0].raw).toMatchObject(change);
	});
});

describe('Void Bots Trigger: eventId without an id (11-hour windows of the receive time)', () => {
	it('is the same for a retry within the window and differs for the next vote a cooldown later', async () => {
		const first = (await send(examples.vote)).items[0];
		jest.setSystemTime(receivedAt + 90 * 60_000);
		const retry = (await send(examples.vote)).items[0];
		jest.setSystemTime(receivedAt + 12 * 3_600_000);
		const next = (await send(examples.vote)).items[0];
		expect(retry.eventId).toBe(first.eventId);
		expect(next.eventId).not.toBe(first.eventId);
	});

	it("fails where documented: a retry that crosses a window's end gets a new id", async () => {
		// Windows are counted from 1970: one ends at 16:00 UTC on 2030-01-01.
		at(Date.parse('2030-01-01T15:59:59.000Z'));
		const before = (await send(examples.vote)).items[0];
		jest.setSystemTime(Date.parse('2030-01-01T16:00:01.000Z'));
		expect((await send(examples.vote)).items[0].eventId).not.toBe(before.eventId);
	});

	it('tells voters and bots apart', async () => {
		const ids = new Set<unknown>();
		for (const change of [{}, { user: '205680187394752513' }, { bot: '716390085896962059' }])
			ids.add((await send(withChange(examples.vote, change))).items[0].eventId);
		expect(ids.size).toBe(3);
	});
});

describeAuthorizationSecret(voidBotsKit, { field: 'webhookSecret', label: 'webhook secret' });

describePublicNames(voidBotsKit, {
	platform: 'voidbots',
	displayName: 'Void Bots Trigger',
	name: 'voidBotsTrigger',
	credential: 'voidBotsWebhookApi',
	fields: ['webhookSecret'],
});
