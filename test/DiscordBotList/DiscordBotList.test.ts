import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { discordBotListKit } from './kit';
import { DiscordBotListTrigger } from '../../nodes/DiscordBotList/DiscordBotListTrigger.node';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new DiscordBotListTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const webhookSecret = 'my-dbl-secret-81';
const credentials = { webhookSecret };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, parameters = {}) =>
	deliver(node, { headers: { Authorization: webhookSecret }, body, credentials, parameters });
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });

afterEach(() => jest.useRealTimers());

describe('Discord Bot List Trigger: the documented vote (docs.discordbotlist.com field table)', () => {
	it.each(Object.keys(examples) as Array<keyof typeof examples>)(
		'turns %s into one vote item: the voter, no bot, occurredAt = receive time',
		async (example) => {
			at(receivedAt);
			const answer = await send(examples[example]);
			expect([answer.status, answer.json]).toEqual([200, { received: true }]);
			expect(answer.items).toHaveLength(1);
			expect(answer.items[0]).toMatchObject({
				platform: 'discordbotlist',
				event: 'vote',
				isTest: false,
				targetType: 'bot',
				targetId: null,
				userId: '123456789012345678',
				username: 'CoolUser',
				occurredAt: '2030-01-01T10:00:00.000Z',
				receivedAt: '2030-01-01T10:00:00.000Z',
				nextVoteAt: null,
				totalVotes: null,
				isPremiumVote: null,
				voteStreak: null,
				raw: JSON.parse(examples[example]),
			});
			expect(answer.items[0].eventId).toMatch(/^discordbotlist:vote:[0-9a-f]{32}$/);
		},
	);

	it('puts the configured Bot ID in targetId', async () => {
		const [item] = (await send(examples.vote, { botId: '264811613708746752' })).items;
		expect(item).toMatchObject({ targetType: 'bot', targetId: '264811613708746752' });
	});

	it('accepts a voter without an avatar or a username, and unknown extra fields', async () => {
		const body = JSON.stringify({
			admin: false,
			avatar: null,
			id: '123456789012345678',
			badge: { new: true },
		});
		const answer = await send(body);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({ username: null, userId: '123456789012345678' });
	});

	it.each([
		['id missing', { id: undefined }, /id: Invalid input: expected string, received undefined/],
		[
			'id a JSON number',
			{ id: 123456789012345680 },
			/id: Invalid input: expected string, received number/,
		],
		['id not digits', { id: 'CoolUser' }, /id: Expected a Discord id/],
	])('answers 400 naming the field when %s', async (_case, change, message) => {
		const answer = await send(JSON.stringify({ ...JSON.parse(examples.vote), ...change }));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it('emits the vote and logs admin left out when it is text', async () => {
		expectLeftOut(
			await send(JSON.stringify({ ...JSON.parse(examples.vote), admin: 'no' })),
			'admin',
		);
	});
});

describe('Discord Bot List Trigger: eventId without an id (11-hour windows of the receive time)', () => {
	it('is the same for a retry within the window and differs for the next vote a cooldown later', async () => {
		at(receivedAt);
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

	it("keeps one voter's votes for two bots apart once each node has its Bot ID", async () => {
		at(receivedAt);
		const one = (await send(examples.vote, { botId: '264811613708746752' })).items[0];
		const other = (await send(examples.vote, { botId: '159985870458322944' })).items[0];
		const unset = (await send(examples.vote)).items[0];
		expect(new Set([one.eventId, other.eventId, unset.eventId]).size).toBe(3);
	});

	it('tells voters apart', async () => {
		at(receivedAt);
		const other = JSON.stringify({ ...JSON.parse(examples.vote), id: '123456789012345679' });
		expect((await send(other)).items[0].eventId).not.toBe(
			(await send(examples.vote)).items[0].eventId,
		);
	});
});

describe('Discord Bot List Trigger: the superseded X-DBL-Signature scheme', () => {
	it("is refused with 401; n8n's log says why", async () => {
		const answer = await deliver(node, {
			headers: { 'X-DBL-Signature': `${webhookSecret} 1546190816830` },
			body: examples.vote,
			credentials,
		});
		expect([answer.status, answer.items]).toEqual([401, []]);
		expect(JSON.stringify(answer.json)).not.toContain(webhookSecret);
		expect(answer.logs.join('\n')).toContain('X-DBL-Signature');
	});
});

describeAuthorizationSecret(discordBotListKit, { field: 'webhookSecret', label: 'webhook secret' });

describePublicNames(discordBotListKit, {
	platform: 'discordbotlist',
	displayName: 'Discord Bot List Trigger',
	name: 'discordBotListTrigger',
	credential: 'discordBotListWebhookApi',
	fields: ['webhookSecret'],
});
