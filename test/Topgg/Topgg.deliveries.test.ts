import { deliver } from '../helpers/deliver';
import examples from './examples.json';
import { signatureHeader } from './kit';
import { node, signed, legacy } from './send';

describe('Top.gg Trigger: the known-answer vector of the top.gg developer docs', () => {
	const vector = {
		secret: 'whs_test_secret',
		t: 1770598034,
		body: examples.test,
		header: 't=1770598034,v1=874d427c98eba9318d95f2c1c7604e0721aa180e343950d2476d44fcbb1f78bb',
	};
	const send = () =>
		deliver(node, {
			headers: { 'x-topgg-signature': vector.header },
			body: vector.body,
			credentials: { webhookSecret: vector.secret },
		});

	it('is the signature the kit computes', () => {
		expect(signatureHeader(vector.secret, vector.body, vector.t)).toBe(vector.header);
	});

	it('passes with the clock pinned to its timestamp, as a test delivery', async () => {
		jest.useFakeTimers({ now: vector.t * 1000, doNotFake: ['nextTick', 'setImmediate'] });
		const answer = await send();
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			platform: 'topgg',
			event: 'test',
			isTest: true,
			targetType: 'bot',
			targetId: '160105994217586689',
			userId: '160105994217586689',
			listUserId: '1',
		});
	});

	it.each([301, 3600])(
		'passes within 300 s, and is refused %d s later as a stale timestamp',
		async (late) => {
			jest.useFakeTimers({ now: (vector.t + 300) * 1000, doNotFake: ['nextTick', 'setImmediate'] });
			expect((await send()).status).toBe(200);
			jest.setSystemTime((vector.t + late) * 1000);
			const answer = await send();
			expect([answer.status, answer.items]).toEqual([401, []]);
			expect(answer.json.error).toBe(
				`x-topgg-signature timestamp is out of range: ${late} s old, at most 300 s accepted (is this server's clock right?)`,
			);
		},
	);

	it('is refused with the real clock: it was signed in February 2026', async () => {
		const answer = await send();
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatch(/timestamp is out of range: \d+ s old/);
	});
});

describe('Top.gg Trigger: v1 votes', () => {
	it('turns the documented vote into one item: Discord ids, top.gg user id apart, seven fractional digits read', async () => {
		const answer = await signed(examples.vote);
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			platform: 'topgg',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: '160105994217586689',
			userId: '195263817236783105',
			username: 'username',
			listUserId: '1140463578913492992',
			occurredAt: '2026-02-09T00:47:14.251Z',
			nextVoteAt: '2026-02-09T12:47:14.251Z',
			voteWeight: 1,
			query: { key1: 'value', key2: 'value2' },
			eventId: 'topgg:vote:808499215864008704',
		});
		expect(answer.items[0].raw).toEqual(JSON.parse(examples.vote));
	});

	it('reads a weekend server vote: weight 2, the guild as target, no query', async () => {
		const [item] = (await signed(examples.weekendServerVote)).items;
		expect(item).toMatchObject({
			targetType: 'server',
			targetId: '123456789012345678',
			voteWeight: 2,
			query: null,
			occurredAt: '2026-02-14T09:30:00.123Z',
		});
	});

	it('gives a retry the same eventId, whatever its signature time', async () => {
		const first = (await signed(examples.vote)).items[0];
		const retry = (await signed(examples.vote, { ageSeconds: 4 })).items[0];
		expect(retry.eventId).toBe(first.eventId);
	});

	it('sets nextVoteAt 12 hours after the vote when expires_at is absent', async () => {
		const body = JSON.stringify({
			...JSON.parse(examples.vote),
			data: { ...JSON.parse(examples.vote).data, expires_at: undefined },
		});
		expect((await signed(body)).items[0].nextVoteAt).toBe('2026-02-09T12:47:14.251Z');
	});

	it.each(['integration.create', 'integration.delete'])(
		'answers %s 200 without starting the workflow or repeating its secret',
		async (type) => {
			const body = JSON.stringify({
				type,
				data: {
					connection_id: '112402021105124',
					// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
					webhook_secret: 'whs_integration_secret_c0ffee',
					user: JSON.parse(examples.vote).data.user,
				},
			});
			const answer = await signed(body);
			expect([answer.status, answer.items]).toEqual([200, []]);
			expect(answer.json).toMatchObject({ received: true, ignored: true });
			expect(JSON.stringify(answer.json) + answer.logs.join('\n')).not.toContain(
				'whs_integration_secret_c0ffee',
			);
		},
	);

	it('answers an event type it does not know 200 without a run', async () => {
		const answer = await signed('{"type":"project.update","data":{}}');
		expect([answer.status, answer.items, answer.json.ignored]).toEqual([200, [], true]);
	});
});

describe('Top.gg Trigger: legacy (v0) votes', () => {
	const receivedAt = Date.parse('2030-01-01T10:00:00.000Z');

	it.each([
		[
			'legacyBotVote',
			{
				event: 'vote',
				isTest: false,
				targetType: 'bot',
				voteWeight: 1,
				query: {},
				nextVoteAt: '2030-01-01T22:00:00.000Z',
			},
		],
		[
			'legacyWeekendBotVote',
			{ event: 'vote', targetType: 'bot', voteWeight: 2, query: { a: '1', b: '2' } },
		],
		['legacyServerVote', { event: 'vote', targetType: 'server', voteWeight: 1, query: {} }],
		['legacyTest', { event: 'test', isTest: true, nextVoteAt: null }],
	] as const)('turns %s into an item, occurredAt = receive time', async (example, expected) => {
		jest.useFakeTimers({ now: receivedAt, doNotFake: ['nextTick', 'setImmediate'] });
		const answer = await legacy(examples[example]);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			platform: 'topgg',
			targetId: '803190510032756736',
			userId: '160105994217586689',
			occurredAt: '2030-01-01T10:00:00.000Z',
			...expected,
		});
		expect(answer.items[0].listUserId).toBeNull();
	});

	it('gives a retry within the 11-hour window the same eventId and the next vote another', async () => {
		jest.useFakeTimers({ now: receivedAt, doNotFake: ['nextTick', 'setImmediate'] });
		const first = (await legacy(examples.legacyBotVote)).items[0];
		jest.setSystemTime(receivedAt + 17 * 60_000);
		const retry = (await legacy(examples.legacyBotVote)).items[0];
		jest.setSystemTime(receivedAt + 12 * 3_600_000);
		const nextVote = (await legacy(examples.legacyBotVote)).items[0];
		expect(retry.eventId).toBe(first.eventId);
		expect(nextVote.eventId).not.toBe(first.eventId);
		expect(first.eventId).toMatch(/^topgg:vote:[0-9a-f]{32}$/);
	});
});
