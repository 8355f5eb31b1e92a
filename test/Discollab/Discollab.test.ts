import { DiscollabTrigger } from '../../nodes/Discollab/DiscollabTrigger.node';
import { deliver, leaked } from '../helpers/deliver';
import examples from './examples.json';
import { describePublicNames } from '../helpers/publicNames';
import { discollabKit } from './kit';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new DiscollabTrigger();
const token = 'Dc-Token-7f3a9Q';
const credentials = { token };
const signed = (body: string, authorization = `Bearer ${token}`) =>
	deliver(node, { headers: { Authorization: authorization }, body, credentials });
const changed = (example: string, change: object) =>
	JSON.stringify({ ...JSON.parse(example), ...change });

describe('Discollab Trigger', () => {
	it('turns the documented server vote into one item', async () => {
		const answer = await signed(examples.serverVote);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ received: true });
		expect(answer.items).toHaveLength(1);
		const [item] = answer.items;
		expect(item).toMatchObject({
			platform: 'discollab',
			event: 'vote',
			isTest: false,
			targetType: 'server',
			targetId: '123456789012345678',
			targetName: null,
			userId: '987654321098765432',
			username: 'exampleuser',
			occurredAt: '2025-11-25T10:00:00.000Z',
			totalVotes: 7,
			creditsAwarded: null,
			monthlyVotes: null,
			commentText: null,
			raw: JSON.parse(examples.serverVote),
		});
		expect(item.raw).toEqual(JSON.parse(examples.serverVote));
		expect(item.eventId).toMatch(/^discollab:/);
		expect(Date.parse(item.nextVoteAt as string) - Date.parse(item.receivedAt as string)).toBe(
			43_200_000,
		);
		expect(item.nextVoteAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('turns the documented bot vote into one item with the bot as target', async () => {
		const answer = await signed(examples.botVote);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
		const [item] = answer.items;
		expect(item).toMatchObject({
			platform: 'discollab',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: '1234567890123456789',
			userId: '987654321098765432',
			username: 'exampleuser',
			occurredAt: '2025-11-25T10:00:00.000Z',
			totalVotes: 2,
			raw: JSON.parse(examples.botVote),
		});
		expect(item.raw).toEqual(JSON.parse(examples.botVote));
		expect(Date.parse(item.nextVoteAt as string) - Date.parse(item.receivedAt as string)).toBe(
			43_200_000,
		);
	});

	it('keeps a snowflake above 2^53 exact as a string', async () => {
		const [item] = (await signed(examples.botVote)).items;
		expect(item.targetId).toBe('1234567890123456789');
		expect(String(Number(item.targetId))).not.toBe(item.targetId);
	});

	it('reads the older payload: voted_on in epoch milliseconds, no vote_again, no is_test', async () => {
		const [item] = (await signed(examples.olderServerVote)).items;
		expect(item).toMatchObject({
			targetType: 'server',
			targetId: '123456789012345678',
			userId: '987654321098765432',
			occurredAt: '2025-11-25T10:00:00.000Z',
			totalVotes: 7,
			isTest: false,
			nextVoteAt: null,
		});
	});

	it('reads the oldest payload, which names the voter id instead of user_id', async () => {
		const answer = await signed(examples.oldestBotVote);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			targetType: 'bot',
			targetId: '1234567890123456789',
			userId: '987654321098765432',
			username: 'exampleuser',
			occurredAt: '2025-11-25T10:00:00.000Z',
			totalVotes: 2,
		});
	});

	it.each([
		['epoch seconds', 1764064800, '2025-11-25T10:00:00.000Z'],
		['epoch milliseconds', 1764064800123, '2025-11-25T10:00:00.123Z'],
		['epoch seconds as a string', '1764064800', '2025-11-25T10:00:00.000Z'],
		['a date string', '2025-11-25T12:00:00+02:00', '2025-11-25T10:00:00.000Z'],
	])(
		'reads voted_on given as %s when there is no voted_on_iso',
		async (_case, votedOn, occurredAt) => {
			const body = changed(examples.serverVote, { voted_on: votedOn, voted_on_iso: undefined });
			const [item] = (await signed(body)).items;
			expect(item.occurredAt).toBe(occurredAt);
		},
	);

	it('prefers voted_on_iso over voted_on and normalizes it to UTC', async () => {
		const body = changed(examples.serverVote, {
			voted_on: 1700000000,
			voted_on_iso: '2025-11-25T11:30:00+01:30',
		});
		const [item] = (await signed(body)).items;
		expect(item.occurredAt).toBe('2025-11-25T10:00:00.000Z');
	});

	it('uses the time received when the payload carries no time at all', async () => {
		const body = changed(examples.serverVote, { voted_on: undefined, voted_on_iso: undefined });
		const [item] = (await signed(body)).items;
		expect(item.occurredAt).toBe(item.receivedAt);
		expect(item.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Math.abs(Date.parse(item.occurredAt as string) - Date.now())).toBeLessThan(60_000);
	});

	it('gives a redelivery the same eventId even though vote_again counted down', async () => {
		const first = (await signed(examples.serverVote)).items[0];
		const again = (
			await signed(examples.serverVote.replace('"vote_again":43200', '"vote_again":43190'))
		).items[0];
		expect(again.nextVoteAt).not.toBe(first.nextVoteAt);
		expect(again.eventId).toBe(first.eventId);
	});

	it.each([
		['times_voted', { times_voted: 8 }],
		['voted_on_iso', { voted_on_iso: '2025-11-26T10:00:00.000Z' }],
		['user_id', { user_id: '111111111111111111' }],
		['guild_id', { guild_id: '222222222222222222' }],
	])('gives a different vote a different eventId (%s differs)', async (_case, change) => {
		const first = (await signed(examples.serverVote)).items[0];
		const other = (await signed(changed(examples.serverVote, change))).items[0];
		expect(other.eventId).not.toBe(first.eventId);
	});

	it.each([
		['the bare token (older docs)', token],
		['Bearer <token> (newer docs)', `Bearer ${token}`],
	])('accepts %s in Authorization', async (_case, authorization) => {
		const answer = await signed(examples.serverVote, authorization);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
	});

	it.each([
		['missing', undefined],
		['wrong', 'not-the-token'],
		['Bearer + wrong token', 'Bearer not-the-token'],
		['the token in lower case', token.toLowerCase()],
		['Bearer + the token in upper case', `Bearer ${token.toUpperCase()}`],
		['a prefix of the token', token.slice(0, -1)],
		['Bearer + a prefix of the token', `Bearer ${token.slice(0, -1)}`],
		['the token with a suffix', `${token}x`],
		['Bearer glued to the token', `Bearer${token}`],
		['just "Bearer "', 'Bearer '],
		['empty', ''],
	])(
		'refuses a %s Authorization header with 401 and starts nothing',
		async (_case, authorization) => {
			const answer = await deliver(node, {
				headers: authorization === undefined ? {} : { Authorization: authorization },
				body: examples.serverVote,
				credentials,
			});
			expect(answer.status).toBe(401);
			expect(answer.json.error).toMatch(/Authorization/);
			expect(answer.items).toHaveLength(0);
			expect(leaked(answer, [token])).toEqual([]);
		},
	);

	it('refuses a repeated Authorization header even if one copy is right', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: [token, token] },
			body: examples.serverVote,
			credentials,
		});
		expect(answer.status).toBe(401);
		expect(answer.items).toHaveLength(0);
	});

	it.each([
		['empty', { token: '' }],
		['whitespace only', { token: '  \n' }],
		['absent', {}],
	])('fails closed when the token is %s', async (_case, badCredentials) => {
		for (const authorization of ['', ' ', 'Bearer ', 'Bearer', 'anything']) {
			const answer = await deliver(node, {
				headers: { Authorization: authorization },
				body: examples.serverVote,
				credentials: badCredentials,
			});
			expect(answer.status).toBe(500);
			expect(answer.json.error).toMatch(/Discollab credential has no token set/);
			expect(answer.items).toHaveLength(0);
		}
	});

	it('answers 500 when no credential is selected in the node', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: token },
			body: examples.serverVote,
		});
		expect(answer.status).toBe(500);
		expect(answer.json.error).toMatch(/No Discollab credential is selected/);
		expect(answer.items).toHaveLength(0);
	});

	it('accepts a token saved with a trailing newline (headers cannot carry one)', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: `Bearer ${token}` },
			body: examples.serverVote,
			credentials: { token: `${token}\n` },
		});
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
	});

	it.each([
		[
			'neither guild_id nor client_id',
			{ guild_id: undefined },
			/guild_id: Required \(or client_id/,
		],
		['neither user_id nor id', { user_id: undefined }, /user_id: Required/],
		[
			'user_id as a JSON number',
			// eslint-disable-next-line no-loss-of-precision -- a Discord id past 2^53 sent as a JSON number, the case under test
			{ user_id: 987654321098765432 },
			/user_id: Invalid input: expected string, received number/,
		],
		[
			'guild_id as a JSON number',
			// eslint-disable-next-line no-loss-of-precision -- a Discord id past 2^53 sent as a JSON number, the case under test
			{ guild_id: 123456789012345678 },
			/guild_id: Invalid input: expected string, received number/,
		],
		[
			'is_test as a string',
			{ is_test: 'false' },
			/is_test: Invalid input: expected boolean, received string/,
		],
	])('answers 400 naming the field when %s', async (_case, change, message) => {
		const answer = await signed(changed(examples.serverVote, change));
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(message);
		expect(answer.items).toHaveLength(0);
	});

	it.each([
		['times_voted as a string', { times_voted: '7' }, 'times_voted'],
		['voted_on_iso not a date', { voted_on_iso: 'not a date' }, 'voted_on_iso'],
	])('emits the vote and logs the field left out when %s', async (_case, change, field) => {
		expectLeftOut(await signed(changed(examples.serverVote, change)), field);
	});

	it.each([
		['a JSON array', '[]'],
		['a JSON string', '"vote"'],
		['invalid JSON', '{"guild_id":'],
		['an empty body', ''],
	])('answers 400 when the body is %s', async (_case, body) => {
		const answer = await signed(body);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(/JSON/);
		expect(answer.items).toHaveLength(0);
	});

	it('accepts unknown extra fields and keeps them in raw', async () => {
		const [item] = (await signed(changed(examples.serverVote, { streak: { days: 3 } }))).items;
		expect((item.raw as { streak: unknown }).streak).toEqual({ days: 3 });
	});

	it('flags the dashboard test webhook and emits it by default', async () => {
		const answer = await signed(examples.testVote);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ received: true });
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({ event: 'vote', isTest: true, totalVotes: 1 });
	});

	it('answers a test webhook without running when test deliveries are ignored', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: `Bearer ${token}` },
			body: examples.testVote,
			credentials,
			options: { ignoreTests: true },
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ received: true, ignored: true });
		expect(answer.items).toHaveLength(0);
	});

	it('still runs for a real vote when test deliveries are ignored', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: `Bearer ${token}` },
			body: examples.serverVote,
			credentials,
			options: { ignoreTests: true },
		});
		expect(answer.json).toEqual({ received: true });
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0].isTest).toBe(false);
	});
});

describePublicNames(discollabKit, {
	platform: 'discollab',
	displayName: 'Discollab Trigger',
	name: 'discollabTrigger',
	credential: 'discollabWebhookApi',
	fields: ['token'],
});

describe('Discollab votes that carry no time and no vote count', () => {
	const bare =
		'{"guild_id":"123456789012345678","user_id":"987654321098765432","username":"exampleuser"}';
	const send = () =>
		deliver(node, {
			headers: { Authorization: token },
			body: bare,
			credentials,
			options: { ignoreRedeliveries: true },
			nodeId: 'bare-votes',
		});

	afterEach(() => jest.useRealTimers());

	it('are told apart when a cooldown apart, and a retry inside the 11-hour window is the same event', async () => {
		jest.useFakeTimers({
			now: new Date('2030-01-01T00:10:00Z'),
			doNotFake: ['nextTick', 'setImmediate'],
		});
		const first = await send();
		jest.setSystemTime(new Date('2030-01-01T00:40:00Z'));
		const retry = await send();
		jest.setSystemTime(new Date('2030-01-01T12:10:00Z'));
		const nextVote = await send();
		expect([first.items.length, retry.json.duplicate, nextVote.items.length]).toEqual([1, true, 1]);
		expect(nextVote.items[0].eventId).not.toBe(first.items[0].eventId);
	});
});
