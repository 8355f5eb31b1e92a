import { deliver } from '../helpers/deliver';
import examples from './examples.json';
import { describePublicNames } from '../helpers/publicNames';
import { ranklyKit } from './kit';
import { node, authorization, voteSecret, premiumSecret, hmac, signedDelivery } from './send';

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
