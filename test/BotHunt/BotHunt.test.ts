import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import { describeWholeNumbers, expectLeftOut } from '../helpers/schemaEdges';
import examples from './examples.json';
import { botHuntKit } from './kit';
import { BotHuntTrigger } from '../../nodes/BotHunt/BotHuntTrigger.node';

const node = new BotHuntTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const token = 'my-bothunt-token-33';
const credentials = { token };
const send = (body: string) =>
	deliver(node, { headers: { Authorization: token }, body, credentials });
const withChange = (change: Record<string, unknown>) =>
	JSON.stringify({ ...JSON.parse(examples.upvote), ...change });

afterEach(() => jest.useRealTimers());

describe("BotHunt Trigger: the documented upvote (Bothunt-Guide's field table)", () => {
	it('turns it into a vote item: vote time from last_vote_time, next vote 12 h later, the streak', async () => {
		const answer = await send(examples.upvote);
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			platform: 'bothunt',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: '876543210987654321',
			userId: '123456789012345678',
			occurredAt: '2025-09-16T12:00:00.000Z',
			nextVoteAt: '2025-09-17T00:00:00.000Z',
			voteStreak: 3,
			totalVotes: null,
			raw: JSON.parse(examples.upvote),
		});
	});

	it('gives a retry the same eventId (the vote time is in the body) and the next vote another', async () => {
		const first = (await send(examples.upvote)).items[0];
		const retry = (await send(examples.upvote)).items[0];
		const sameInstant = (await send(withChange({ last_vote_time: '2025-09-16T14:00:00+02:00' })))
			.items[0];
		const next = (
			await send(withChange({ last_vote_time: '2025-09-17T00:00:00.000Z', streak_count: 4 }))
		).items[0];
		expect(retry.eventId).toBe(first.eventId);
		expect(sameInstant.eventId).toBe(first.eventId);
		expect(next.eventId).not.toBe(first.eventId);
		expect(first.eventId).toMatch(/^bothunt:vote:[0-9a-f]{32}$/);
	});

	it('falls back to the receive time and its 11-hour window without last_vote_time', async () => {
		jest.useFakeTimers({
			now: Date.parse('2030-01-01T10:00:00.000Z'),
			doNotFake: ['nextTick', 'setImmediate'],
		});
		const first = (await send(withChange({ last_vote_time: undefined, streak_count: undefined })))
			.items[0];
		expect(first).toMatchObject({
			occurredAt: '2030-01-01T10:00:00.000Z',
			nextVoteAt: '2030-01-01T22:00:00.000Z',
			voteStreak: null,
		});
		jest.setSystemTime(Date.parse('2030-01-01T11:30:00.000Z'));
		expect((await send(withChange({ last_vote_time: undefined }))).items[0].eventId).toBe(
			first.eventId,
		);
	});

	it.each([
		[
			'an unknown action',
			{ action: 'downvote' },
			/action: unknown event type "downvote"; expected one of upvote/,
		],
		['no action', { action: undefined }, /action: unknown event type undefined/],
		['user_id not digits', { user_id: 'someone' }, /user_id: Expected a Discord id/],
	])('answers 400 naming the field for %s', async (_case, change, message) => {
		const answer = await send(withChange(change));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it.each([
		[
			'last_vote_time without an offset',
			{ last_vote_time: '2025-09-16T12:00:00' },
			'last_vote_time',
		],
		['streak_count negative', { streak_count: -1 }, 'streak_count'],
	])('emits the vote and logs the field left out for %s', async (_case, change, field) => {
		expectLeftOut(await send(withChange(change)), field);
	});
});

describeWholeNumbers(
	botHuntKit,
	[['upvote', 'streak_count', 'voteStreak']],
	[['upvote', 'streak_count', 'optional']],
);

describeAuthorizationSecret(botHuntKit, { field: 'token', label: 'token' });

describePublicNames(botHuntKit, {
	platform: 'bothunt',
	displayName: 'BotHunt Trigger',
	name: 'botHuntTrigger',
	credential: 'botHuntWebhookApi',
	fields: ['token'],
});
