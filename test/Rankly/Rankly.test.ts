import { createHmac } from 'crypto';
import { RanklyTrigger } from '../../nodes/Rankly/RanklyTrigger.node';
import { deliver, leaked } from '../helpers/deliver';
import examples from './examples.json';
import { describePublicNames } from '../helpers/publicNames';
import { ranklyKit } from './kit';

const node = new RanklyTrigger();
const authorization = 'Bearer rk-server-auth-9f2';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const voteSecret = 'rk_vote_secret_4c1d7e';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const premiumSecret = 'rk_premium_secret_b83a0f';
const credentials = { authorization, voteSecret, premiumSecret };
const secrets = [authorization, 'rk-server-auth-9f2', voteSecret, premiumSecret];

const hmac = (secret: string, body: string | Buffer) =>
	createHmac('sha256', secret).update(body).digest('hex');
const signedDelivery = (body: string, secret: string, extra: object = {}) =>
	deliver(node, {
		headers: { 'X-Webhook-Signature': hmac(secret, body) },
		body,
		credentials,
		...extra,
	});

describe('Rankly Trigger: server votes (Authorization)', () => {
	it('turns the documented server vote into one item', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: authorization },
			body: examples.serverVote,
			credentials,
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ received: true });
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			platform: 'rankly',
			event: 'vote',
			isTest: false,
			targetType: 'server',
			targetId: '123456789012345678',
			userId: '987654321098765432',
			occurredAt: '2025-11-25T10:00:00.000Z',
			creditsAwarded: true,
			adBlocker: false,
			creditDenialReason: null,
			raw: JSON.parse(examples.serverVote),
		});
	});

	it.each([
		['both with Bearer', authorization, authorization],
		['header bare, credential with Bearer', 'rk-server-auth-9f2', authorization],
		['header with Bearer, credential bare', authorization, 'rk-server-auth-9f2'],
		['both bare', 'rk-server-auth-9f2', 'rk-server-auth-9f2'],
	])('accepts the authorization %s', async (_case, header, saved) => {
		const answer = await deliver(node, {
			headers: { Authorization: header },
			body: examples.serverVote,
			credentials: { ...credentials, authorization: saved },
		});
		expect(answer.status).toBe(200);
	});

	it('flags the dashboard test vote (pretty-printed bytes, as documented)', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: authorization },
			body: examples.serverTestVote,
			credentials,
		});
		expect(answer.items[0]).toMatchObject({
			event: 'vote',
			isTest: true,
			targetId: '987654321098765678',
		});
	});

	it.each([
		['missing', {}],
		['wrong', { Authorization: 'Bearer nope' }],
		['a vote secret in its place', { Authorization: voteSecret }],
	])('refuses a %s Authorization with 401', async (_case, headers) => {
		const answer = await deliver(node, { headers, body: examples.serverVote, credentials });
		expect(answer.status).toBe(401);
		expect(answer.items).toHaveLength(0);
		expect(leaked(answer, secrets)).toEqual([]);
	});

	it('fails closed when the server vote authorization is empty: 401 naming both proofs, as for a wrong one', async () => {
		const send = (authorizationHeader: string) =>
			deliver(node, {
				headers: { Authorization: authorizationHeader },
				body: examples.serverVote,
				credentials: { ...credentials, authorization: '' },
			});
		for (const sent of ['', authorization, 'anything']) {
			const answer = await send(sent);
			expect([answer.status, answer.items]).toEqual([401, []]);
			expect(answer.json.error).toBe(
				'No X-Webhook-Signature header (Rankly signs bot votes and premium events), and the Authorization header does not match the server vote authorization',
			);
		}
	});

	it('answers 500 for an unsigned request when the credential holds no secret at all', async () => {
		const answer = await deliver(node, {
			headers: { Authorization: authorization },
			body: examples.serverVote,
			credentials: { authorization: '', voteSecret: '', premiumSecret: '' },
		});
		expect(answer.status).toBe(500);
		expect(answer.json.error).toBe(
			'The Rankly credential has no server vote authorization, bot vote secret or premium secret set, so no request can be verified',
		);
	});

	it('gives a redelivery the same eventId and another vote a different one (userId + serverId + timestamp)', async () => {
		const send = async (body: string) =>
			(await deliver(node, { headers: { Authorization: authorization }, body, credentials }))
				.items[0].eventId;
		const first = await send(examples.serverVote);
		expect(await send(examples.serverVote)).toBe(first);
		expect(await send(examples.serverVote.replace('10:00:00.000Z', '22:00:00.000Z'))).not.toBe(
			first,
		);
		expect(
			await send(examples.serverVote.replace('987654321098765432', '987654321098765433')),
		).not.toBe(first);
	});
});

describe('Rankly Trigger: bot votes (HMAC-SHA256, vote secret)', () => {
	it('turns the documented bot vote into one item', async () => {
		const answer = await signedDelivery(examples.botVote, voteSecret);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			platform: 'rankly',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: '1234567890123456789',
			targetName: 'Your Bot Name',
			userId: '987654321098765432',
			username: 'exampleuser',
			occurredAt: '2025-11-25T10:00:00.000Z',
			creditsAwarded: true,
			adBlocker: false,
			creditDenialReason: null,
		});
	});

	it('carries the vote context of a denied vote', async () => {
		const [item] = (await signedDelivery(examples.botVoteDenied, voteSecret)).items;
		expect(item).toMatchObject({
			creditsAwarded: false,
			adBlocker: true,
			creditDenialReason: 'Ad blocker detected',
		});
	});

	it('reads `type` when `event` is absent', async () => {
		const body = examples.botVote.replace('"event":"bot_vote"', '"type":"bot_vote"');
		expect((await signedDelivery(body, voteSecret)).status).toBe(200);
	});

	it('verifies the raw bytes: pretty-printed JSON with unicode escapes passes', async () => {
		const pretty = JSON.stringify(JSON.parse(examples.botVote), null, 2).replace(
			'Your Bot Name',
			'Your B\\u00f6t Name',
		);
		const answer = await signedDelivery(pretty, voteSecret);
		expect(answer.status).toBe(200);
		expect(answer.items[0].targetName).toBe('Your Böt Name');
	});

	it('refuses a signature computed over re-serialized JSON instead of the bytes sent', async () => {
		const pretty = JSON.stringify(JSON.parse(examples.botVote), null, 2);
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Signature': hmac(voteSecret, JSON.stringify(JSON.parse(pretty))) },
			body: pretty,
			credentials,
		});
		expect(answer.status).toBe(401);
	});

	const good = hmac(voteSecret, examples.botVote);
	it.each([
		['empty', ''],
		['short', good.slice(0, 40)],
		['long', good + 'ab'],
		['non-hex', good.slice(0, 63) + 'g'],
		['non-ASCII', good.slice(0, 63) + 'é'],
		['sha256= prefixed', `sha256=${good}`],
		['two values joined', `${good}, ${good}`],
		['made with the server authorization', hmac(authorization, examples.botVote)],
	])('refuses a %s signature with 401', async (_case, signature) => {
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Signature': signature },
			body: examples.botVote,
			credentials,
		});
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatch(/X-Webhook-Signature/);
		expect(answer.items).toHaveLength(0);
		expect(leaked(answer, secrets)).toEqual([]);
	});

	it('refuses a bot vote signed with the premium secret: each secret admits only its own events', async () => {
		const answer = await signedDelivery(examples.botVote, premiumSecret);
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatch(
			/matches the premium secret, but "bot_vote" events are signed with the bot vote secret/,
		);
		expect(answer.items).toHaveLength(0);
	});

	it('does not fall back to the Authorization header when a signature is present', async () => {
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Signature': 'bad', Authorization: authorization },
			body: examples.serverVote,
			credentials,
		});
		expect(answer.status).toBe(401);
	});

	it('fails closed when both HMAC secrets are empty, whatever the signature, answering as a wrong signature is answered', async () => {
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Signature': hmac('', examples.botVote) },
			body: examples.botVote,
			credentials: { authorization, voteSecret: '', premiumSecret: '' },
		});
		const wrong = await deliver(node, {
			headers: { 'X-Webhook-Signature': 'junk' },
			body: examples.botVote,
			credentials: { authorization, voteSecret, premiumSecret },
		});
		expect([answer.status, answer.json]).toEqual([401, wrong.json]);
		expect(answer.items).toEqual([]);
		expect(answer.logs.join('\n')).toContain('holds no bot vote secret or premium secret');
	});

	it('answers 500 naming the missing secrets when the credential holds none', async () => {
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Signature': hmac('', examples.botVote) },
			body: examples.botVote,
			credentials: { authorization: '', voteSecret: '', premiumSecret: '' },
		});
		expect(answer.status).toBe(500);
		expect(answer.json.error).toMatch(
			/no server vote authorization, bot vote secret or premium secret set/,
		);
	});

	it('refuses a vote signed with an empty key when only the premium secret is set', async () => {
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Signature': hmac('', examples.botVote) },
			body: examples.botVote,
			credentials: { premiumSecret },
		});
		expect(answer.status).toBe(401);
	});

	it('answers 400 naming the field for a malformed bot vote', async () => {
		const body = JSON.stringify({
			...JSON.parse(examples.botVote),
			// eslint-disable-next-line no-loss-of-precision -- a Discord id past 2^53 sent as a JSON number, the case under test
			voter: { userId: 987654321098765432 },
		});
		const answer = await signedDelivery(body, voteSecret);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(
			/voter\.userId: Invalid input: expected string, received number/,
		);
	});
});

describe('Rankly Trigger: premium and subscriptions (HMAC-SHA256, premium secret)', () => {
	it('maps the documented premium purchase, eventId from purchaseId', async () => {
		const answer = await signedDelivery(examples.premiumPurchase, premiumSecret);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			platform: 'rankly',
			event: 'premium_purchase',
			isTest: false,
			targetType: 'server',
			targetId: '987654321098765432',
			targetName: 'Rankly Community',
			userId: '123456789012345678',
			username: 'Skyline',
			occurredAt: '2026-05-24T12:00:00.000Z',
			eventId: 'rankly:premium_purchase:682f4d8e8c4a93b75ad69f90',
			orderId: '682f4d8e8c4a93b75ad69f90',
			tierId: 'server-pro-monthly',
			tierName: 'Server Pro Monthly',
			planType: 'server',
			billingPeriod: 'monthly',
			isGift: false,
			recipientUserId: null,
			creditsAwarded: null,
		});
	});

	it.each([
		['subscriptionRenewed', 'subscription_renewed', 'active', true, '2026-06-24T13:00:00.000Z'],
		['subscriptionExpired', 'subscription_expired', 'expired', false, '2026-07-24T13:00:00.000Z'],
		['subscriptionRevoked', 'subscription_revoked', 'revoked', false, '2026-06-24T13:00:00.000Z'],
	] as const)('maps %s', async (fixture, event, status, autoRenew, periodEnd) => {
		const answer = await signedDelivery(examples[fixture], premiumSecret);
		expect(answer.status).toBe(200);
		expect(answer.items[0]).toMatchObject({
			event,
			targetType: 'server',
			targetId: '987654321098765432',
			userId: '123456789012345678',
			orderId: '682f4d8e8c4a93b75ad69f90',
			subscriptionStatus: status,
			autoRenew,
			currentPeriodEnd: periodEnd,
			eventId: `rankly:${event}:682f4d8e8c4a93b75ad69f90:${periodEnd}`,
		});
	});

	it("gives the purchase, its renewal and next month's renewal different eventIds", async () => {
		const ids = new Set<unknown>();
		ids.add((await signedDelivery(examples.premiumPurchase, premiumSecret)).items[0].eventId);
		ids.add((await signedDelivery(examples.subscriptionRenewed, premiumSecret)).items[0].eventId);
		const nextMonth = examples.subscriptionRenewed.replace(
			'2026-06-24T13:00:00.000Z',
			'2026-07-24T13:00:00.000Z',
		);
		ids.add((await signedDelivery(nextMonth, premiumSecret)).items[0].eventId);
		expect(ids.size).toBe(3);
	});

	it('refuses a premium event signed with the vote secret', async () => {
		const answer = await signedDelivery(examples.premiumPurchase, voteSecret);
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatch(/secrets swapped/);
		expect(answer.items).toHaveLength(0);
	});

	it('accepts both families when the user saved the same value as both secrets', async () => {
		const same = { authorization, voteSecret, premiumSecret: voteSecret };
		for (const body of [examples.botVote, examples.premiumPurchase]) {
			const answer = await deliver(node, {
				headers: { 'X-Webhook-Signature': hmac(voteSecret, body) },
				body,
				credentials: same,
			});
			expect(answer.status).toBe(200);
		}
	});

	it('answers 400 for an unknown signed event', async () => {
		const body = examples.premiumPurchase.replace('premium_purchase', 'premium_refund');
		const answer = await signedDelivery(body, premiumSecret);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(/event: unknown event type "premium_refund"/);
	});

	it('narrows to the selected events, answering the rest without running', async () => {
		const parameters = { events: ['subscription_revoked'] };
		const purchase = await signedDelivery(examples.premiumPurchase, premiumSecret, { parameters });
		expect(purchase).toMatchObject({ status: 200, items: [] });
		expect(purchase.json).toMatchObject({ received: true, ignored: true });
		const revoked = await signedDelivery(examples.subscriptionRevoked, premiumSecret, {
			parameters,
		});
		expect(revoked.items).toHaveLength(1);
	});
});

describe('Rankly credential test', () => {
	const test = node.methods.credentialTest.ranklyWebhookApiTest;
	const run = (data: object) =>
		test.call({} as never, {
			id: '1',
			name: 'Rankly',
			type: 'ranklyWebhookApi',
			data: data as never,
		});

	it('passes with any secret set and says which deliveries will be refused', async () => {
		const result = await run({ voteSecret });
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/Bot Vote Secret set/);
		expect(result.message).toMatch(/Server Vote Authorization, Premium Secret will be rejected/);
		expect(result.message).not.toContain(voteSecret);
	});

	it('fails with nothing set', async () => {
		expect((await run({ authorization: ' ', voteSecret: '', premiumSecret: '' })).status).toBe(
			'Error',
		);
	});

	it('fails when the authorization holds a character no header can carry', async () => {
		const result = await run({ authorization: 'abc\u0007def' });
		expect(result).toMatchObject({ status: 'Error' });
		expect(result.message).toMatch(/control characters/);
	});
});

describePublicNames(ranklyKit, {
	platform: 'rankly',
	displayName: 'Rankly Trigger',
	name: 'ranklyTrigger',
	credential: 'ranklyWebhookApi',
	fields: ['authorization', 'voteSecret', 'premiumSecret'],
});

describe('Rankly Trigger: what a sustained attack found', () => {
	const premium = (body: string, options = {}) =>
		signedDelivery(body, premiumSecret, { options, nodeId: 'rankly-ids' });
	const withFields = (example: string, fields: object) =>
		JSON.stringify({ ...JSON.parse(example), ...fields });

	it.each([
		'2025-02-30T10:00:00Z',
		'2025-04-31T10:00:00.000Z',
		'2025-11-25T24:00:00Z',
		'2025-11-25T10:60:00Z',
		'2025-13-01T10:00:00Z',
		'2025-11-25T10:00:60Z',
	])(
		'refuses the impossible timestamp %s with 400 instead of rolling it into another day',
		async (timestamp) => {
			const body = withFields(examples.botVote, { timestamp });
			const answer = await signedDelivery(body, voteSecret);
			expect([answer.status, answer.json.error, answer.items]).toEqual([
				400,
				'Invalid payload: timestamp: Expected an ISO 8601 date',
				[],
			]);
		},
	);

	it('accepts February 29th of a leap year', async () => {
		expect(
			(
				await signedDelivery(
					withFields(examples.botVote, { timestamp: '2028-02-29T23:59:59Z' }),
					voteSecret,
				)
			).status,
		).toBe(200);
	});

	it('reports the bot as the target of a purchase for a bot that also names a server', async () => {
		const body = withFields(examples.premiumPurchase, {
			targetType: 'bot',
			botId: '1234567890123456789',
		});
		const [item] = (await premium(body)).items;
		expect([item.targetType, item.targetId]).toEqual(['bot', '1234567890123456789']);
	});

	it('never lets a purchase id stand for another event: a purchase whose id is a subscription event id or a vote digest runs', async () => {
		const renewal = (await premium(examples.subscriptionRenewed, { ignoreRedeliveries: true }))
			.items[0];
		const vote = (
			await signedDelivery(examples.botVote, voteSecret, {
				options: { ignoreRedeliveries: true },
				nodeId: 'rankly-ids',
			})
		).items[0];
		for (const takenId of [
			renewal.eventId,
			(renewal.eventId as string).split(':').slice(2).join(':'),
			vote.eventId,
			(vote.eventId as string).split(':')[2],
		]) {
			const purchase = withFields(examples.premiumPurchase, {
				purchaseId: (takenId as string).slice(0, 128),
			});
			const answer = await premium(purchase, { ignoreRedeliveries: true });
			expect([takenId, answer.items.length]).toEqual([takenId, 1]);
		}
	});
});

describe('Rankly Trigger: what a refused sender learns', () => {
	it('a wrong signature gets the same answer whichever secrets the credential holds; the log says which were compared', async () => {
		const body = examples.botVote;
		const headers = { 'X-Webhook-Signature': hmac('not-the-secret', body) };
		const answers = await Promise.all(
			[{ voteSecret }, { premiumSecret }, { voteSecret, premiumSecret }].map((secretsSet) =>
				deliver(node, { headers, body, credentials: { authorization, ...secretsSet } }),
			),
		);
		expect(
			new Set(answers.map((answer) => JSON.stringify([answer.status, answer.json]))).size,
		).toBe(1);
		expect(answers[0].json.error).toBe(
			'X-Webhook-Signature is not the HMAC-SHA256 of this body under the bot vote secret or the premium secret',
		);
		expect(
			answers.map((answer) => answer.logs.join('\n').match(/compared under the [\w ]+/)?.[0]),
		).toEqual([
			'compared under the bot vote secret',
			'compared under the premium secret',
			'compared under the bot vote secret and the premium secret',
		]);
	});
});
