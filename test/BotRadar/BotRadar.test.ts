import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import { expectLeftOut } from '../helpers/schemaEdges';
import examples from './examples.json';
import { botRadarKit } from './kit';
import { BotRadarTrigger } from '../../nodes/BotRadar/BotRadarTrigger.node';
import { parseIsoDateTime } from '../../nodes/shared/time';

const node = new BotRadarTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const webhookSecret = 'my-botradar-secret-41';
const credentials = { webhookSecret };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, parameters = {}) =>
	deliver(node, { headers: { Authorization: webhookSecret }, body, credentials, parameters });
const withChange = (change: Record<string, unknown>, example = examples.upvote) =>
	JSON.stringify({ ...JSON.parse(example), ...change });
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });
const common = {
	platform: 'botradar',
	targetType: 'bot',
	targetId: '716390085896962058',
	userId: '205680187394752512',
	username: null,
};

beforeEach(() => at(receivedAt));
afterEach(() => jest.useRealTimers());

describe('votedAt as BotRadar writes it', () => {
	it('parses an ISO 8601 date-time with a +00:00 offset, the documented form', () => {
		expect(parseIsoDateTime('2026-07-04T18:49:00+00:00')).toBe(
			Date.parse('2026-07-04T18:49:00.000Z'),
		);
		expect(parseIsoDateTime('2026-07-04T20:49:00+02:00')).toBe(
			Date.parse('2026-07-04T18:49:00.000Z'),
		);
		expect(parseIsoDateTime('2026-07-04T18:49:00')).toBeUndefined();
	});
});

describe('BotRadar Trigger: the documented vote (botradar.gg/docs)', () => {
	it('turns it into a vote item: vote time from votedAt, next vote 12 h later, weight 1 on a weekday', async () => {
		const answer = await send(examples.upvote);
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			...common,
			event: 'vote',
			isTest: false,
			occurredAt: '2026-07-04T18:49:00.000Z',
			nextVoteAt: '2026-07-05T06:49:00.000Z',
			voteWeight: 1,
			totalVotes: null,
			raw: JSON.parse(examples.upvote),
		});
		expect(answer.items[0].eventId).toMatch(/^botradar:vote:[0-9a-f]{32}$/);
	});

	it('counts a weekend vote (isWeekend: true) twice', async () => {
		const [item] = (await send(examples.weekendUpvote)).items;
		expect(item).toMatchObject({
			...common,
			event: 'vote',
			isTest: false,
			occurredAt: '2026-07-05T09:12:00.000Z',
			voteWeight: 2,
		});
	});

	it('leaves the weight unknown when isWeekend is absent', async () => {
		const [item] = (await send(withChange({ isWeekend: undefined }))).items;
		expect(item).toMatchObject({ event: 'vote', voteWeight: null });
	});

	it('gives a retry the same eventId (the vote time is in the body) and the next vote another', async () => {
		const first = (await send(examples.upvote)).items[0];
		at(receivedAt + 30 * 60_000);
		const retry = (await send(examples.upvote)).items[0];
		const sameInstant = (await send(withChange({ votedAt: '2026-07-04T20:49:00+02:00' }))).items[0];
		const next = (await send(withChange({ votedAt: '2026-07-05T06:49:00+00:00' }))).items[0];
		const otherVoter = (await send(withChange({ user: '205680187394752513' }))).items[0];
		const otherBot = (await send(withChange({ bot: '716390085896962059' }))).items[0];
		expect(retry.eventId).toBe(first.eventId);
		expect(sameInstant.eventId).toBe(first.eventId);
		expect(new Set([first, next, otherVoter, otherBot].map((item) => item.eventId)).size).toBe(4);
	});

	it('falls back to the receive time and its 11-hour window without votedAt', async () => {
		const first = (await send(withChange({ votedAt: undefined }))).items[0];
		expect(first).toMatchObject({
			event: 'vote',
			occurredAt: '2030-01-01T10:00:00.000Z',
			nextVoteAt: '2030-01-01T22:00:00.000Z',
		});
		at(receivedAt + 30 * 60_000);
		expect((await send(withChange({ votedAt: undefined }))).items[0].eventId).toBe(first.eventId);
		at(receivedAt + 11 * 3_600_000);
		expect((await send(withChange({ votedAt: undefined }))).items[0].eventId).not.toBe(
			first.eventId,
		);
	});
});

describe('BotRadar Trigger: the dashboard test (Send test event)', () => {
	it('turns type "test" into a test event at the receive time, each press its own', async () => {
		const first = (await send(examples.test)).items[0];
		expect(first).toMatchObject({
			...common,
			event: 'test',
			isTest: true,
			occurredAt: '2030-01-01T10:00:00.000Z',
			nextVoteAt: null,
		});
		at(receivedAt + 1);
		expect((await send(examples.test)).items[0].eventId).not.toBe(first.eventId);
	});

	it.each([
		['only its type', '{"type":"test"}'],
		['placeholder ids', '{"type":"test","bot":"","user":"test-user"}'],
		['ids as JSON numbers', '{"type":"test","bot":716390085896962058,"user":null}'],
	])('takes a test with %s, leaving the ids out of the item', async (_case, body) => {
		const answer = await send(body);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			event: 'test',
			isTest: true,
			targetId: null,
			userId: null,
		});
	});

	it('lets Trigger On keep votes and drop tests', async () => {
		const parameters = { events: ['vote'] };
		expect((await send(examples.upvote, parameters)).items).toHaveLength(1);
		const test = await send(examples.test, parameters);
		expect([test.status, test.items, test.json.ignored]).toEqual([200, [], true]);
	});
});

describe('BotRadar Trigger: refused bodies and left-out fields', () => {
	it.each([
		[
			'an unknown type',
			{ type: 'downvote' },
			/type: unknown event type "downvote"; expected one of upvote, test/,
		],
		['no type', { type: undefined }, /type: unknown event type undefined/],
		['user not a Discord id', { user: 'someone' }, /user: Expected a Discord id/],
		['bot missing', { bot: undefined }, /bot: Invalid input: expected string, received undefined/],
	])('answers 400 naming the field for %s', async (_case, change, message) => {
		const answer = await send(withChange(change));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it.each([
		['votedAt without an offset', { votedAt: '2026-07-04T18:49:00' }, 'votedAt'],
		['votedAt a date that does not exist', { votedAt: '2026-02-30T18:49:00+00:00' }, 'votedAt'],
		['votedAt as epoch milliseconds', { votedAt: 1783190940000 }, 'votedAt'],
		['isWeekend as text', { isWeekend: 'true' }, 'isWeekend'],
	])('emits the vote and logs the field left out for %s', async (_case, change, field) => {
		const answer = await send(withChange(change));
		expectLeftOut(answer, field);
		expect(answer.items[0]).toMatchObject({ event: 'vote', isTest: false });
	});
});

describeAuthorizationSecret(botRadarKit, { field: 'webhookSecret', label: 'webhook secret' });

describePublicNames(botRadarKit, {
	platform: 'botradar',
	displayName: 'BotRadar Trigger',
	name: 'botRadarTrigger',
	credential: 'botRadarWebhookApi',
	fields: ['webhookSecret'],
});
