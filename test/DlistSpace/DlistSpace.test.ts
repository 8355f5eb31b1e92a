import { deliver } from '../helpers/deliver';
import { describeAuthorizationSecret } from '../helpers/headerSecret';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { dlistSpaceKit } from './kit';
import { DlistSpaceTrigger } from '../../nodes/DlistSpace/DlistSpaceTrigger.node';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new DlistSpaceTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const webhookSecret = 'my-dlistspace-secret-7';
const credentials = { webhookSecret };
const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');
const send = (body: string, parameters = {}) =>
	deliver(node, { headers: { Authorization: webhookSecret }, body, credentials, parameters });
const at = (ms: number) => jest.useFakeTimers({ now: ms, doNotFake: ['nextTick', 'setImmediate'] });
const voteWith = (change: Record<string, unknown>) =>
	JSON.stringify({ ...JSON.parse(examples.vote), ...change });

beforeEach(() => at(receivedAt));
afterEach(() => jest.useRealTimers());

describe('dlist.space Trigger: the documented vote (dlist.space/docs, "Webhooks")', () => {
	it('turns the vote into one item: the voter and their name, no bot unless configured, occurredAt = receive time', async () => {
		const answer = await send(examples.vote);
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			platform: 'dlistspace',
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
			voteWeight: null,
			isPremiumVote: null,
			voteStreak: null,
			raw: JSON.parse(examples.vote),
		});
		// The avatar is a full URL; the item has no avatar field, raw keeps it.
		expect(answer.items[0].raw).toMatchObject({
			avatar: 'https://cdn.discordapp.com/avatars/123456789012345678/a_1234567890abcdef.png',
		});
		expect(answer.items[0].eventId).toMatch(/^dlistspace:vote:[0-9a-f]{32}$/);
	});

	it('puts the configured Bot ID in targetId', async () => {
		const [item] = (await send(examples.vote, { botId: '264811613708746752' })).items;
		expect(item).toMatchObject({ targetType: 'bot', targetId: '264811613708746752' });
	});

	it('accepts a voter without an avatar or a username, and unknown extra fields', async () => {
		const answer = await send(
			'{"user_id":"123456789012345678","avatar":null,"badge":{"new":true}}',
		);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			username: null,
			userId: '123456789012345678',
			isTest: false,
		});
	});

	it.each([
		[
			'user_id missing',
			{ user_id: undefined },
			/user_id: Invalid input: expected string, received undefined/,
		],
		[
			'user_id a JSON number',
			{ user_id: 123456789012345680 },
			/user_id: Invalid input: expected string, received number/,
		],
		['user_id not digits', { user_id: 'CoolUser' }, /user_id: Expected a Discord id/],
	])('answers 400 naming the field when %s', async (_case, change, message) => {
		const answer = await send(voteWith(change));
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(message);
	});

	it('refuses a Discord Bot List body (id, not user_id) with 400 naming user_id', async () => {
		const answer = await send('{"admin":false,"username":"CoolUser","id":"123456789012345678"}');
		expect([answer.status, answer.items]).toEqual([400, []]);
		expect(answer.json.error).toMatch(/user_id: /);
	});

	it.each([
		['avatar huge', { avatar: `https://${'x'.repeat(3000)}` }, 'avatar'],
		['username an object', { username: { name: 'CoolUser' } }, 'username'],
	])('emits the vote and logs the field left out when %s', async (_case, change, field) => {
		expectLeftOut(await send(voteWith(change)), field);
	});
});

describe('dlist.space Trigger: the unconfirmed extras (`test`, `weekend`; a third-party fixture, not the docs)', () => {
	it('flags test: true as a test vote and emits it by default, each press its own event', async () => {
		const first = (await send(examples.unconfirmedTest)).items[0];
		expect(first).toMatchObject({ event: 'vote', isTest: true, userId: '123456789012345678' });
		jest.setSystemTime(receivedAt + 1);
		const second = (await send(examples.unconfirmedTest)).items[0];
		expect(second.eventId).not.toBe(first.eventId);
		// A test never stands for the voter's genuine vote in the same window.
		expect((await send(examples.vote)).items[0].eventId).not.toBe(second.eventId);
	});

	it('drops the test under Ignore Test Deliveries', async () => {
		const answer = await send(examples.unconfirmedTest, { options: { ignoreTests: true } });
		expect([answer.status, answer.items]).toEqual([200, []]);
		expect(answer.json).toMatchObject({ received: true, ignored: true });
	});

	it('reads test: false as a genuine vote', async () => {
		const [item] = (await send(voteWith({ test: false }))).items;
		expect(item).toMatchObject({ isTest: false });
		expect(item.eventId).toBe((await send(examples.vote)).items[0].eventId);
	});

	it('gives voteWeight 2 for weekend: true, 1 for weekend: false, null without it', async () => {
		expect((await send(examples.unconfirmedWeekendVote)).items[0]).toMatchObject({
			isTest: false,
			voteWeight: 2,
		});
		expect((await send(voteWith({ weekend: false }))).items[0].voteWeight).toBe(1);
		expect((await send(examples.vote)).items[0].voteWeight).toBeNull();
	});

	it.each([
		['test as text', { test: 'true' }, 'test'],
		['test as a number', { test: 1 }, 'test'],
		['weekend as text', { weekend: 'yes' }, 'weekend'],
	])(
		'never refuses a genuine vote for a malformed extra: %s is left out and logged',
		async (_case, change, field) => {
			const answer = await send(voteWith(change));
			expectLeftOut(answer, field);
			expect(answer.items[0]).toMatchObject({ isTest: false, voteWeight: null });
		},
	);
});

describe('dlist.space Trigger: eventId without an id (11-hour windows of the receive time)', () => {
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

	it('is the same whatever the username, avatar or weekend say, and differs per configured bot', async () => {
		const first = (await send(examples.vote)).items[0];
		const renamed = (await send(voteWith({ username: 'Renamed', avatar: null, weekend: true })))
			.items[0];
		const one = (await send(examples.vote, { botId: '264811613708746752' })).items[0];
		const other = (await send(examples.vote, { botId: '159985870458322944' })).items[0];
		expect(renamed.eventId).toBe(first.eventId);
		expect(new Set([first.eventId, one.eventId, other.eventId]).size).toBe(3);
	});

	it('tells voters apart', async () => {
		const other = voteWith({ user_id: '123456789012345679' });
		expect((await send(other)).items[0].eventId).not.toBe(
			(await send(examples.vote)).items[0].eventId,
		);
	});
});

describeAuthorizationSecret(dlistSpaceKit, { field: 'webhookSecret', label: 'webhook secret' });

describePublicNames(dlistSpaceKit, {
	platform: 'dlistspace',
	displayName: 'dlist.space Trigger',
	name: 'dlistSpaceTrigger',
	credential: 'dlistSpaceWebhookApi',
	fields: ['webhookSecret'],
});
