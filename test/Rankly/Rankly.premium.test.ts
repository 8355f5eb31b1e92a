import { deliver } from '../helpers/deliver';
import examples from './examples.json';
import { node, authorization, voteSecret, premiumSecret, hmac, signedDelivery } from './send';

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
