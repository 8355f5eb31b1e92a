import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { discordPlaceKit } from './kit';
import { DiscordPlaceTrigger } from '../../nodes/DiscordPlace/DiscordPlaceTrigger.node';

const node = new DiscordPlaceTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const token = 'my-discordplace-token-6';
const credentials = { token };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, options = {}) =>
	deliver(node, { headers: { Authorization: token }, body, credentials, options });
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });

beforeEach(() => at(receivedAt));
afterEach(() => jest.useRealTimers());

describe('discord.place Trigger: the documented deliveries (sendVoteWebhook.js)', () => {
	it.each([
		['botVote', 'bot', false],
		['serverVote', 'server', false],
		['botTest', 'bot', true],
		['serverTest', 'server', true],
	] as const)(
		'turns %s into a %s vote item, isTest %s, occurredAt = receive time',
		async (example, targetType, isTest) => {
			const answer = await send(examples[example]);
			expect([answer.status, answer.json]).toEqual([200, { received: true }]);
			expect(answer.items[0]).toMatchObject({
				platform: 'discordplace',
				event: 'vote',
				isTest,
				targetType,
				targetId: '123456789012345678',
				userId: '987654321098765432',
				username: null,
				occurredAt: '2030-01-01T10:00:00.000Z',
				nextVoteAt: null,
				raw: JSON.parse(examples[example]),
			});
		},
	);

	it('answers a test 200 without running when test deliveries are ignored', async () => {
		const answer = await send(examples.botTest, { ignoreTests: true });
		expect([answer.status, answer.items, answer.json.ignored]).toEqual([200, [], true]);
	});

	it('accepts a vote without the test flag, and unknown extra fields', async () => {
		const [item] = (
			await send('{"bot":"123456789012345678","user":"987654321098765432","voted_at":1}')
		).items;
		expect(item).toMatchObject({ isTest: false, targetType: 'bot' });
	});

	it.each([
		[
			'both bot and guild',
			{ guild: '123456789012345679' },
			/bot: Expected exactly one of bot \(a bot vote\) or guild/,
		],
		[
			'user missing',
			{ user: undefined },
			/user: Invalid input: expected string, received undefined/,
		],
		['bot malformed', { bot: 'my-bot' }, /bot: Expected a Discord id/],
	])('answers 400 naming the field for %s', async (_case, change, message) => {
		const answer = await send(JSON.stringify({ ...JSON.parse(examples.botVote), ...change }));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it('names bot once when it is malformed and guild is absent', async () => {
		const answer = await send('{"bot":"x","user":"987654321098765432"}');
		expect(answer.json.error).toBe(
			'Invalid payload: bot: Expected a Discord id: a string of digits',
		);
	});
});

describe('discord.place Trigger: eventId without an id (23-hour windows of the receive time)', () => {
	it('is the same for the retries after 5, 10 and 15 s, and new for the next vote a day later', async () => {
		const first = (await send(examples.botVote)).items[0];
		for (const seconds of [5, 15, 30]) {
			jest.setSystemTime(receivedAt + seconds * 1000);
			expect((await send(examples.botVote)).items[0].eventId).toBe(first.eventId);
		}
		jest.setSystemTime(receivedAt + 24 * 3_600_000);
		expect((await send(examples.botVote)).items[0].eventId).not.toBe(first.eventId);
	});

	it("fails where documented: a retry across a window's end gets a new id", async () => {
		// Windows are counted from 1970: one ends at 03:00 UTC on 2030-01-02.
		at(Date.parse('2030-01-02T02:59:58.000Z'));
		const before = (await send(examples.botVote)).items[0];
		jest.setSystemTime(Date.parse('2030-01-02T03:00:03.000Z'));
		expect((await send(examples.botVote)).items[0].eventId).not.toBe(before.eventId);
	});

	it('keeps a bot and a server of the same id apart, and makes each test its own event', async () => {
		const bot = (await send(examples.botVote)).items[0];
		const server = (await send(examples.serverVote)).items[0];
		expect(bot.eventId).not.toBe(server.eventId);
		const test = (await send(examples.botTest)).items[0];
		jest.setSystemTime(receivedAt + 1);
		expect((await send(examples.botTest)).items[0].eventId).not.toBe(test.eventId);
	});
});

describeAuthorizationSecret(discordPlaceKit, { field: 'token', label: 'token' });

describePublicNames(discordPlaceKit, {
	platform: 'discordplace',
	displayName: 'discord.place Trigger',
	name: 'discordPlaceTrigger',
	credential: 'discordPlaceWebhookApi',
	fields: ['token'],
});
