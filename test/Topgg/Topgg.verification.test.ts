import { deliver, leaked } from '../helpers/deliver';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { signatureHeader, topggKit } from './kit';
import {
	node,
	webhookSecret,
	authorization,
	credentials,
	secrets,
	now,
	signed,
	legacy,
} from './send';

describe('Top.gg Trigger: every verification path', () => {
	const refused = async (
		answer: Awaited<ReturnType<typeof signed>>,
		status: number,
		error: RegExp,
	) => {
		expect(answer.status).toBe(status);
		expect(answer.json.error).toMatch(error);
		expect(answer.items).toEqual([]);
		expect(leaked(answer, secrets)).toEqual([]);
	};

	it('refuses a signature under another secret', async () => {
		await refused(
			await signed(examples.vote, { secret: 'whs_not_the_secret' }),
			401,
			/does not match this body under the webhook secret/,
		);
	});

	it('refuses a timestamp from the future beyond 300 s, saying so', async () => {
		jest.useFakeTimers({
			now: Date.parse('2030-01-01T00:00:00.000Z'),
			doNotFake: ['nextTick', 'setImmediate'],
		});
		expect((await signed(examples.vote, { ageSeconds: -290 })).status).toBe(200);
		await refused(
			await signed(examples.vote, { ageSeconds: -400 }),
			401,
			/timestamp is out of range: 400 s in the future/,
		);
	});

	it('refuses a signature over other bytes (the body re-serialized)', async () => {
		const header = signatureHeader(webhookSecret, examples.vote, now());
		const answer = await deliver(node, {
			headers: { 'x-topgg-signature': header },
			body: JSON.stringify(JSON.parse(examples.vote), null, 1),
			credentials,
		});
		await refused(answer, 401, /does not match/);
	});

	const genuine = () => signatureHeader(webhookSecret, examples.vote, now());
	const hexOf = (header: string) => header.split('v1=')[1];
	const tOf = (header: string) => header.split(',')[0];
	it.each([
		['empty', () => ''],
		['no t', () => `v1=${hexOf(genuine())}`],
		['no v1', () => tOf(genuine())],
		['t repeated', () => `${tOf(genuine())},${genuine()}`],
		['v1 repeated', () => `${genuine()},v1=${hexOf(genuine())}`],
		[
			'two v1 values, one right',
			() => `${tOf(genuine())},v1=${'0'.repeat(64)},v1=${hexOf(genuine())}`,
		],
		['v1 too short', () => genuine().slice(0, -2)],
		['v1 too long', () => `${genuine()}00`],
		['v1 not hex', () => genuine().replace(/.$/, 'g')],
		['t not a number', () => genuine().replace(/^t=\d+/, 't=soon')],
		['t negative', () => genuine().replace(/^t=/, 't=-')],
		['only commas', () => ',,,'],
		['keys without values', () => 't,v1'],
		['a v1 of multibyte characters', () => `${tOf(genuine())},v1=${'é'.repeat(64)}`],
	])('refuses a malformed header (%s) with 401, never throwing', async (_shape, header) => {
		const answer = await deliver(node, {
			headers: { 'x-topgg-signature': header() },
			body: examples.vote,
			credentials,
		});
		await refused(answer, 401, /x-topgg-signature/);
	});

	it('ignores keys it does not know beside t and v1', async () => {
		const answer = await deliver(node, {
			headers: { 'x-topgg-signature': `${genuine()},v2=abc,x=1` },
			body: examples.vote,
			credentials,
		});
		expect(answer.status).toBe(200);
	});

	it('refuses the signature header sent twice', async () => {
		const answer = await deliver(node, {
			headers: { 'x-topgg-signature': [genuine(), genuine()] },
			body: examples.vote,
			credentials,
		});
		await refused(answer, 401, /repeated/);
	});

	it('refuses a signed delivery with 401 when only the legacy secret is set, as a wrong signature or junk is refused', async () => {
		const answer = await signed(examples.vote, { creds: { authorization } });
		await refused(
			answer,
			401,
			/^x-topgg-signature does not match this body under the webhook secret$/,
		);
		// Which secrets are set is for n8n's log only: a forger's junk header gets the same answer with either credential.
		const junk = { 'x-topgg-signature': 't=1,v1=junk' };
		for (const creds of [{ authorization }, { webhookSecret, authorization }]) {
			const forged = await deliver(node, {
				headers: junk,
				body: examples.vote,
				credentials: creds,
			});
			expect([forged.status, forged.json]).toEqual([answer.status, answer.json]);
		}
		expect(answer.logs.join('\n')).toContain('holds no webhook secret (v1)');
	});

	it('answers 500 when the credential holds neither secret', async () => {
		await refused(
			await legacy(examples.legacyBotVote, authorization, {}),
			500,
			/no webhook secret or legacy authorization/,
		);
	});

	it('refuses an unsigned request with 401 when only the v1 secret is set', async () => {
		const answer = await legacy(examples.legacyBotVote, authorization, { webhookSecret });
		await refused(
			answer,
			401,
			/^No x-topgg-signature header, and the Authorization header does not match/,
		);
		// The same answer as for a wrong legacy secret: which secrets are set is for n8n's log only.
		expect(answer.json).toEqual((await legacy(examples.legacyBotVote, 'wrong')).json);
		expect(answer.logs.join('\n')).toContain('holds no legacy authorization');
	});

	it('refuses a wrong legacy authorization with 401', async () => {
		await refused(
			await legacy(examples.legacyBotVote, 'tgg-legacy-auth-77b2'),
			401,
			/does not match the legacy webhook authorization/,
		);
	});

	it('takes both systems while a project moves from one to the other (both secrets set)', async () => {
		expect((await signed(examples.vote)).status).toBe(200);
		expect((await legacy(examples.legacyBotVote)).status).toBe(200);
	});

	it('keeps the systems apart: a v1 body with the legacy secret, or a v0 body with a signature, is refused', async () => {
		await refused(await legacy(examples.vote), 400, /Invalid payload/);
		await refused(await signed(examples.legacyBotVote), 400, /type: unknown event type "upvote"/);
	});
});

describe('Top.gg credential test', () => {
	const check = (data: Record<string, string>) => topggKit.platform.checkCredential(data);

	it.each([
		[{ webhookSecret }, true, 'Webhook Secret (v1) set'],
		[{ authorization }, true, 'Legacy Authorization (v0) set'],
		[credentials, true, 'Webhook Secret (v1) and Legacy Authorization (v0) set'],
		[{ webhookSecret: 'abc123' }, true, 'does not start with whs_'],
		[{}, false, 'Set the Webhook Secret (v1), the Legacy Authorization (v0), or both'],
		[{ webhookSecret: 'Bearer ' }, false, 'only the "Bearer" scheme'],
		[{ authorization: 'bad\u0000auth' }, false, 'control characters'],
	])('%j: ok %s, "%s"', (data, ok, message) => {
		const result = check(data);
		expect(result.ok).toBe(ok);
		expect(result.message).toContain(message);
	});
});

describePublicNames(topggKit, {
	platform: 'topgg',
	displayName: 'Top.gg Trigger',
	name: 'topggTrigger',
	credential: 'topggWebhookApi',
	fields: ['webhookSecret', 'authorization'],
});

describe('Top.gg Trigger: the vote page query, which whoever hands out the vote link chooses', () => {
	const v1WithQuery = (query: string) =>
		examples.vote.replace('"query":{"key1":"value","key2":"value2"}', `"query":${query}`);
	const legacyWithQuery = (query: string) =>
		JSON.stringify({ ...JSON.parse(examples.legacyBotVote), query });

	it.each([
		['a constructor key', '{"constructor":"x","a":"1"}', { constructor: 'x', a: '1' }],
		['a __proto__ key', '{"__proto__":"x","toString":"y"}', { ['__proto__']: 'x', toString: 'y' }],
		['a value over 2,048 characters', `{"a":"${'v'.repeat(2049)}"}`, { a: 'v'.repeat(2049) }],
		['a key over 256 characters', `{"${'k'.repeat(257)}":"1"}`, { ['k'.repeat(257)]: '1' }],
		['a value that is not text, left in raw', '{"a":1,"b":"2"}', { b: '2' }],
	])('emits a v1 vote whose query has %s', async (_case, query, expected) => {
		const answer = await signed(v1WithQuery(query));
		expect([answer.status, answer.items.length]).toEqual([200, 1]);
		const item = answer.items[0];
		expect(Object.entries(item.query as object)).toEqual(Object.entries(expected));
		expect(Object.getPrototypeOf(item.query)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	it.each([
		['over 2,048 characters', `?a=${'v'.repeat(2100)}`, { a: 'v'.repeat(2100) }],
		['a repeated key (the last wins)', '?a=1&a=2', { a: '2' }],
		['a bracketed key', 'a[b]=1', { 'a[b]': '1' }],
		['a constructor key', '?constructor=1&__proto__=2', { constructor: '1', ['__proto__']: '2' }],
	])('emits a v0 vote whose query string is %s', async (_case, query, expected) => {
		const answer = await legacy(legacyWithQuery(query));
		expect([answer.status, answer.items.length]).toEqual([200, 1]);
		expect(Object.entries(answer.items[0].query as object)).toEqual(Object.entries(expected));
	});
});
