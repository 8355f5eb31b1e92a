import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { discordForgeKit } from './kit';
import { DiscordForgeTrigger } from '../../nodes/DiscordForge/DiscordForgeTrigger.node';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new DiscordForgeTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const webhookSecret = 'my-discordforge-secret-2';
const credentials = { webhookSecret };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, parameters = {}) =>
	deliver(node, { headers: { Authorization: webhookSecret }, body, credentials, parameters });
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });

beforeEach(() => at(receivedAt));
afterEach(() => jest.useRealTimers());

describe("DiscordForge Trigger: the documented vote (DiscordForge's SDK docs)", () => {
	it('turns the vote into an item: the voter, their name, totalVotes; no bot unless configured', async () => {
		const answer = await send(examples.vote);
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			platform: 'discordforge',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: null,
			userId: '123456789012345678',
			username: 'CoolUser',
			totalVotes: 42,
			monthlyVotes: null,
			occurredAt: '2030-01-01T10:00:00.000Z',
			nextVoteAt: null,
			raw: JSON.parse(examples.vote),
		});
	});

	it('puts the configured Bot ID in targetId', async () => {
		expect((await send(examples.vote, { botId: '1019662370278228028' })).items[0]).toMatchObject({
			targetType: 'bot',
			targetId: '1019662370278228028',
		});
	});

	it('flags the Test Webhook button (isTest) and emits it by default, each press its own event', async () => {
		const first = (await send(examples.test)).items[0];
		expect(first).toMatchObject({ event: 'vote', isTest: true });
		jest.setSystemTime(receivedAt + 1);
		expect((await send(examples.test)).items[0].eventId).not.toBe(first.eventId);
	});

	it('accepts a vote without counts, avatar or isTest', async () => {
		const [item] = (await send('{"id":"123456789012345678","username":"CoolUser"}')).items;
		expect(item).toMatchObject({ isTest: false, totalVotes: null });
	});

	it.each([
		['id missing', { id: undefined }, /id: Invalid input: expected string, received undefined/],
	])('answers 400 naming the field when %s', async (_case, change, message) => {
		const answer = await send(JSON.stringify({ ...JSON.parse(examples.vote), ...change }));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it.each([
		['totalVotes fractional', { totalVotes: 4.2 }, 'totalVotes'],
		['avatar huge', { avatar: `https://${'x'.repeat(3000)}` }, 'avatar'],
	])('emits the vote and logs the field left out when %s', async (_case, change, field) => {
		expectLeftOut(await send(JSON.stringify({ ...JSON.parse(examples.vote), ...change })), field);
	});
});

describe('DiscordForge Trigger: eventId without an id (7-hour windows, from the shorter of the documented cooldowns)', () => {
	it('is the same for a retry within the window and new for a vote arriving 7 hours later', async () => {
		const first = (await send(examples.vote)).items[0];
		jest.setSystemTime(receivedAt + 2 * 3_600_000);
		expect((await send(examples.vote)).items[0].eventId).toBe(first.eventId);
		jest.setSystemTime(receivedAt + 7 * 3_600_000);
		expect((await send(examples.vote)).items[0].eventId).not.toBe(first.eventId);
	});

	it("fails where documented: a retry across a window's end gets a new id", async () => {
		// Windows are counted from 1970: one ends at 13:00 UTC on 2030-01-01.
		at(Date.parse('2030-01-01T12:59:59.000Z'));
		const before = (await send(examples.vote)).items[0];
		jest.setSystemTime(Date.parse('2030-01-01T13:00:01.000Z'));
		expect((await send(examples.vote)).items[0].eventId).not.toBe(before.eventId);
	});

	it('is the same whatever the counts say, and differs per configured bot', async () => {
		const first = (await send(examples.vote)).items[0];
		const counted = (
			await send(JSON.stringify({ ...JSON.parse(examples.vote), weeklyVotes: 4, totalVotes: 43 }))
		).items[0];
		const otherBot = (await send(examples.vote, { botId: '1019662370278228028' })).items[0];
		expect(counted.eventId).toBe(first.eventId);
		expect(otherBot.eventId).not.toBe(first.eventId);
	});
});

describeAuthorizationSecret(discordForgeKit, { field: 'webhookSecret', label: 'webhook secret' });

describePublicNames(discordForgeKit, {
	platform: 'discordforge',
	displayName: 'DiscordForge Trigger',
	name: 'discordForgeTrigger',
	credential: 'discordForgeWebhookApi',
	fields: ['webhookSecret'],
});
