import { deliver, leaked } from '../helpers/deliver';
import examples from './examples.json';
import {
	node,
	authorization,
	voteSecret,
	premiumSecret,
	credentials,
	secrets,
	hmac,
	signedDelivery,
} from './send';

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
