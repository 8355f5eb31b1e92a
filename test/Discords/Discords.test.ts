import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { discordsKit } from './kit';
import { DiscordsTrigger } from '../../nodes/Discords/DiscordsTrigger.node';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new DiscordsTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const authorization = 'my-discords-auth-19';
const credentials = { authorization };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, options = {}, parameters = {}) =>
	deliver(node, {
		headers: { Authorization: authorization },
		body,
		credentials,
		options,
		parameters,
	});
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });
const common = {
	platform: 'discords',
	targetType: 'bot',
	targetId: '621352902656524288',
	userId: '254287885585350666',
	username: null,
	occurredAt: '2030-01-01T10:00:00.000Z',
};

beforeEach(() => at(receivedAt));
afterEach(() => jest.useRealTimers());

describe('Discords Trigger: the newer docs (docs.discords.com)', () => {
	it('turns a vote into an item with the vote page query, not premium', async () => {
		const answer = await send(examples.vote);
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			...common,
			event: 'vote',
			isTest: false,
			isPremiumVote: false,
			query: { cast: '/bots/bot/621352902656524288/vote' },
			totalVotes: null,
			monthlyVotes: null,
			nextVoteAt: null,
		});
		expect(answer.items[0].raw).toEqual(JSON.parse(examples.vote));
	});

	it('turns premium_vote into a vote that says it is premium, with an id of its own', async () => {
		const premium = (await send(examples.premiumVote)).items[0];
		const plain = (await send(examples.vote)).items[0];
		expect(premium).toMatchObject({
			...common,
			event: 'vote',
			isTest: false,
			isPremiumVote: true,
			query: { cast: '/bots/bot/621352902656524288/vote' },
		});
		expect(premium.eventId).not.toBe(plain.eventId);
	});

	it('turns a review into comment_created with its text and stars', async () => {
		const [item] = (await send(examples.review)).items;
		expect(item).toMatchObject({
			...common,
			event: 'comment_created',
			isTest: false,
			commentText: 'Great bot, quick support!',
			commentRating: 5,
			isPremiumVote: null,
			query: null,
		});
		expect(item.eventId).toMatch(/^discords:comment_created:[0-9a-f]{32}$/);
	});

	it('keeps the string values of query and leaves the rest in raw, touching no prototype', async () => {
		const body = JSON.stringify({
			...JSON.parse(examples.vote),
			query: { cast: 'x', page: ['1', '2'], n: 3 },
		}).replace('{"cast"', '{"__proto__":{"polluted":"yes"},"constructor":"c","cast"');
		const [item] = (await send(body)).items;
		expect(item.query).toEqual({ constructor: 'c', cast: 'x' });
		expect(Object.getPrototypeOf(item.query)).toBe(Object.prototype);
		expect(({} as { polluted?: string }).polluted).toBeUndefined();
	});

	it('lets Trigger On keep votes and drop reviews', async () => {
		const parameters = { events: ['vote'] };
		expect((await send(examples.premiumVote, {}, parameters)).items).toHaveLength(1);
		const review = await send(examples.review, {}, parameters);
		expect([review.status, review.items, review.json.ignored]).toEqual([200, [], true]);
	});
});

describe('Discords Trigger: the older docs (Bots for Discord)', () => {
	it("reads the bot's vote counts: totalVotes and votesMonth", async () => {
		const [item] = (await send(examples.olderVote)).items;
		expect(item).toMatchObject({
			...common,
			event: 'vote',
			isTest: false,
			isPremiumVote: false,
			totalVotes: 12,
			monthlyVotes: 3,
			query: null,
		});
	});

	it('turns the dashboard test into a test event, each press its own', async () => {
		const first = (await send(examples.olderTest)).items[0];
		expect(first).toMatchObject({ ...common, event: 'test', isTest: true });
		jest.setSystemTime(receivedAt + 1);
		expect((await send(examples.olderTest)).items[0].eventId).not.toBe(first.eventId);
	});

	it('takes a test with placeholder ids, leaving them out of the item', async () => {
		const [item] = (await send('{"user":"test-user","bot":"","type":"test"}')).items;
		expect(item).toMatchObject({ event: 'test', isTest: true, userId: null, targetId: null });
	});
});

describe('Discords Trigger: eventId without an id (the hour of the receive time)', () => {
	it.each(['vote', 'premiumVote', 'review', 'olderVote'] as const)(
		'%s: the same for a repeat within the hour, new the next hour',
		async (example) => {
			const first = (await send(examples[example])).items[0];
			jest.setSystemTime(receivedAt + 59 * 60_000);
			expect((await send(examples[example])).items[0].eventId).toBe(first.eventId);
			jest.setSystemTime(receivedAt + 60 * 60_000);
			expect((await send(examples[example])).items[0].eventId).not.toBe(first.eventId);
		},
	);

	it('is the same for both generations of one vote (the id is made of bot, voter, type and hour)', async () => {
		expect((await send(examples.olderVote)).items[0].eventId).toBe(
			(await send(examples.vote)).items[0].eventId,
		);
	});

	it('tells voters and bots apart', async () => {
		const ids = new Set<unknown>();
		for (const change of [{}, { user: '254287885585350667' }, { bot: '621352902656524289' }]) {
			ids.add(
				(await send(JSON.stringify({ ...JSON.parse(examples.vote), ...change }))).items[0].eventId,
			);
		}
		expect(ids.size).toBe(3);
	});
});

describe('Discords Trigger: refused bodies', () => {
	it.each([
		[
			'an unknown type',
			{ type: 'downvote' },
			/type: unknown event type "downvote"; expected one of vote, premium_vote, review, test/,
		],
		['no type', { type: undefined }, /type: unknown event type undefined/],
		['user not a Discord id', { user: 'someone' }, /user: Expected a Discord id/],
	])('answers 400 for %s', async (_case, change, message) => {
		const answer = await send(JSON.stringify({ ...JSON.parse(examples.vote), ...change }));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it('emits a vote whose query is an array, the query left out and logged', async () => {
		const answer = await send(JSON.stringify({ ...JSON.parse(examples.vote), query: ['a'] }));
		expectLeftOut(answer, 'query');
		expect(answer.items[0].query).toBeNull();
	});

	it.each([
		['stars as text', { stars: '5' }, /stars: Invalid input: expected number/],
		['stars negative', { stars: -1 }, /stars: Too small/],
		['content huge', { content: 'x'.repeat(10_001) }, /content: Too big/],
	])('answers 400 for a review with %s', async (_case, change, message) => {
		const answer = await send(JSON.stringify({ ...JSON.parse(examples.review), ...change }));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});
});

describeAuthorizationSecret(discordsKit, { field: 'authorization', label: 'authorization' });

describePublicNames(discordsKit, {
	platform: 'discords',
	displayName: 'Discords Trigger',
	name: 'discordsTrigger',
	credential: 'discordsWebhookApi',
	fields: ['authorization'],
});
