import { createHmac } from 'crypto';
import type { Headers } from '../shared/kit';
import examples from './examples.json';
import { hmacHeaders, infinityBotListKit, randomNonce, seal } from './kit';
import {
	webhookSecret,
	credentials,
	PROTOCOLS,
	send,
	sendAs,
	expectRefused,
	chain,
	splashtailHeaders,
} from './send';

describe('Infinity Bot List Trigger: the protocol header decides, never the body', () => {
	it('refuses a delivery without X-Webhook-Protocol, naming each protocol and its header', async () => {
		const answer = await send(examples.vote, {
			Authorization: webhookSecret,
			...hmacHeaders(webhookSecret, examples.vote),
			'X-Webhook-Protocol': '\u0000omit',
		});
		expectRefused(
			answer,
			401,
			'X-Webhook-Protocol header is missing: Omniplex (Infinity Bot List) names hmac-sha256 (X-Webhook-Signature), simple-auth (Authorization) or splashtail',
		);
	});

	it('refuses an unknown protocol, and a repeated protocol header', async () => {
		expectRefused(
			await send(examples.vote, { 'X-Webhook-Protocol': 'none', Authorization: webhookSecret }),
			401,
			'X-Webhook-Protocol "none" is not one of hmac-sha256, simple-auth, splashtail',
		);
		expectRefused(
			await send(examples.vote, {
				'X-Webhook-Protocol': ['simple-auth', 'simple-auth'],
				Authorization: webhookSecret,
			}),
			401,
			'X-Webhook-Protocol header is repeated',
		);
	});

	it('reads the protocol name in any case, as HTTP tools may rewrite it', async () => {
		expect(
			(
				await send(examples.vote, {
					'X-Webhook-Protocol': 'Simple-Auth',
					Authorization: webhookSecret,
					'Content-Type': 'text/plain',
				})
			).status,
		).toBe(200);
	});

	it('a genuine hmac-sha256 delivery relabelled splashtail is refused', async () => {
		const answer = await send(examples.vote, {
			...hmacHeaders(webhookSecret, examples.vote),
			'X-Webhook-Protocol': 'splashtail',
			'X-Webhook-Nonce': randomNonce(),
		});
		expectRefused(answer, 401, /splashtail/);
	});

	it('a genuine simple-auth delivery relabelled hmac-sha256 is refused', async () => {
		const answer = await send(examples.vote, {
			'X-Webhook-Protocol': 'hmac-sha256',
			Authorization: webhookSecret,
		});
		expectRefused(answer, 401, 'X-Webhook-Signature header is missing or repeated');
	});
});

describe('Infinity Bot List Trigger: hmac-sha256', () => {
	const signed = (body: string, signature: string) =>
		send(body, { 'X-Webhook-Protocol': 'hmac-sha256', 'X-Webhook-Signature': signature });
	const genuine = hmacHeaders(webhookSecret, examples.botVote)['X-Webhook-Signature'];
	const WRONG =
		'X-Webhook-Signature is not sha256=<hex HMAC-SHA256 of this body under the webhook secret>';

	it.each([
		['without its sha256= prefix', genuine.slice(7)],
		['with another prefix', `sha512=${genuine.slice(7)}`],
		['truncated', genuine.slice(0, -2)],
		['under another secret', hmacHeaders('another', examples.botVote)['X-Webhook-Signature']],
		['with a space after the prefix', `sha256= ${genuine.slice(7)}`],
		['as multibyte text', `sha256=${'é'.repeat(64)}`],
	])('refuses a signature %s', async (_case, signature) => {
		expectRefused(await signed(examples.botVote, signature), 401, WRONG);
	});

	it('refuses a genuine signature over the same JSON serialized differently', async () => {
		expectRefused(
			await signed(JSON.stringify(JSON.parse(examples.botVote), null, 1), genuine),
			401,
			WRONG,
		);
	});

	it('accepts the hex in upper case: the digest is the same', async () => {
		expect(
			(await signed(examples.botVote, `sha256=${genuine.slice(7).toUpperCase()}`)).status,
		).toBe(200);
	});
});

describe('Infinity Bot List Trigger: simple-auth', () => {
	const WRONG = 'Authorization header does not match the webhook secret (simple-auth)';
	const auth = (value: string | string[] | undefined) =>
		send(examples.botVote, {
			'X-Webhook-Protocol': 'simple-auth',
			'Content-Type': 'text/plain',
			...(value === undefined ? {} : { Authorization: value }),
		});

	it.each([
		['missing', undefined],
		['wrong', 'not-the-secret'],
		['with a Bearer scheme the sender never adds', `Bearer ${webhookSecret}`],
		['repeated', [webhookSecret, webhookSecret]],
		['a prefix of the secret', webhookSecret.slice(0, -1)],
	])('refuses an Authorization header that is %s', async (_case, value) => {
		expectRefused(await auth(value), 401, WRONG);
	});

	it('refuses a wrong secret before reading a body n8n left unread', async () => {
		const answer = await send(
			examples.botVote,
			{ 'X-Webhook-Protocol': 'simple-auth', 'Content-Type': 'text/plain', Authorization: 'wrong' },
			{ unread: 'readable' },
		);
		expect([answer.status, answer.bodyRead]).toEqual([401, false]);
	});

	it('reads a text/plain body n8n left unread when the secret is right', async () => {
		const answer = await send(
			examples.botVote,
			{
				'X-Webhook-Protocol': 'simple-auth',
				'Content-Type': 'text/plain',
				Authorization: webhookSecret,
			},
			{ unread: 'readable' },
		);
		expect([answer.status, answer.bodyRead, answer.items.length]).toEqual([200, true, 1]);
	});
});

describe('Infinity Bot List Trigger: splashtail', () => {
	const nonce = 'QwErTyUiOpAsDfGh';
	/** `body` signed with a genuine chain: the checks after the signature see it. */
	const signedBody = (body: string) =>
		send(body, splashtailHeaders(nonce, chain(webhookSecret, nonce, body)));
	const NOT_CIPHERTEXT =
		'Body is not splashtail ciphertext: hex of a 12-byte IV, the ciphertext and a 16-byte tag';

	it.each([
		['missing', undefined],
		['empty', ''],
		['not letters and digits', 'AbCd EfGh'],
		['repeated', [nonce, nonce]],
	])('refuses a nonce that is %s', async (_case, value) => {
		const wire = seal(webhookSecret, examples.botVote, nonce);
		const headers: Headers = { ...wire.headers };
		delete headers['X-Webhook-Nonce'];
		const answer = await send(
			wire.body,
			value === undefined ? headers : { ...headers, 'X-Webhook-Nonce': value as string },
		);
		expectRefused(
			answer,
			401,
			'X-Webhook-Nonce header is missing, repeated or malformed (splashtail)',
		);
	});

	it.each([
		['missing', undefined],
		['the inner HMAC alone', createHmac('sha512', webhookSecret).update('x').digest('hex')],
		['an HMAC-SHA256', 'ab'.repeat(32)],
		['not hex', 'zz'.repeat(64)],
	])('refuses a signature that is %s', async (_case, signature) => {
		const wire = seal(webhookSecret, examples.botVote, nonce);
		const headers: Headers = { ...wire.headers };
		if (signature === undefined) delete headers['X-Webhook-Signature'];
		else headers['X-Webhook-Signature'] = signature;
		expectRefused(
			await send(wire.body, headers),
			401,
			'X-Webhook-Signature does not match this body and nonce under the webhook secret (splashtail)',
		);
	});

	it('refuses a genuine delivery with its ciphertext changed: the signature covers the body as sent', async () => {
		const wire = seal(webhookSecret, examples.botVote, nonce);
		const flipped =
			wire.body.slice(0, 40) + (wire.body[40] === '0' ? '1' : '0') + wire.body.slice(41);
		expectRefused(await send(flipped, wire.headers), 401, /X-Webhook-Signature does not match/);
	});

	it.each([
		['odd-length hex', 'abc'.repeat(21)],
		['not hex', 'zz'.repeat(40)],
		['shorter than an IV and a tag', '00'.repeat(27)],
		['empty', ''],
		['the JSON document itself', examples.botVote],
	])('refuses a signed body that is %s as no ciphertext', async (_case, body) => {
		expectRefused(await signedBody(body), 401, NOT_CIPHERTEXT);
	});

	it('refuses a signed body whose GCM tag fails (sealed under another nonce)', async () => {
		const sealedElsewhere = seal(webhookSecret, examples.botVote, 'ZzZzZzZzZzZzZzZz').body;
		expectRefused(
			await signedBody(sealedElsewhere),
			401,
			'Body does not decrypt under the webhook secret and nonce (splashtail)',
		);
	});

	it('refuses a sealed document that is no JSON with 400, and one nested too deep with 400', async () => {
		const sealedText = seal(webhookSecret, 'vote=1', nonce);
		expectRefused(await send(sealedText.body, sealedText.headers), 400, 'Body is not valid JSON');
		const deep = examples.botVote.replace(/}$/, `,"x":${'['.repeat(40)}${']'.repeat(40)}}`);
		const sealedDeep = seal(webhookSecret, deep, nonce);
		expectRefused(
			await send(sealedDeep.body, sealedDeep.headers),
			400,
			/nests deeper than 32 levels/,
		);
	});

	it('refuses a sealed body over 64 KiB with 413 before any decryption', async () => {
		const big = seal(
			webhookSecret,
			examples.botVote.replace(/}$/, `,"pad":"${'x'.repeat(40_000)}"}`),
			nonce,
		);
		expectRefused(await send(big.body, big.headers), 413, /Body too large/);
	});
});

describe("Infinity Bot List Trigger: the sender's probes", () => {
	it.each(PROTOCOLS)(
		'%s: a probe under a random secret is refused with 401 and starts nothing',
		async (protocol) => {
			const probe = infinityBotListKit.attacks.find(
				(attack) => attack.name === `the sender's probe: ${protocol} under a random secret`,
			)!;
			const answer = await send(probe.body, probe.headers(credentials));
			expect([answer.status, answer.items]).toEqual([401, []]);
		},
	);

	it.each(PROTOCOLS)(
		'%s: a probe that arrives first does not make the real delivery look like a redelivery',
		async (protocol) => {
			const options = { ignoreRedeliveries: true };
			const nodeId = `probe-first-${protocol}`;
			const vote = infinityBotListKit.voteBy(
				'123456789012345678',
				new Date(Date.UTC(2026, 0, 5, 10, 0, PROTOCOLS.indexOf(protocol))),
			);
			const probe = infinityBotListKit.protocols![protocol](vote, {
				webhookSecret: 'r'.repeat(128),
			});
			expect((await send(probe.body, probe.headers, { options, nodeId })).status).toBe(401);
			const real = await sendAs(protocol, vote, { options, nodeId });
			expect([real.status, real.json, real.items.length]).toEqual([200, { received: true }, 1]);
			const again = await sendAs(protocol, vote, { options, nodeId });
			expect([again.status, again.json.duplicate, again.items]).toEqual([200, true, []]);
		},
	);
});

describe('Infinity Bot List Trigger: the credential', () => {
	it.each(PROTOCOLS)(
		'%s: an empty secret accepts nothing (500 naming the field)',
		async (protocol) => {
			for (const empty of ['', '   ', 'Bearer']) {
				const answer = await sendAs(protocol, examples.botVote, {
					credentials: { webhookSecret: empty },
				});
				expectRefused(
					answer,
					500,
					'The Omniplex (Infinity Bot List) credential has no webhook secret set, so no request can be verified',
				);
			}
		},
	);

	it.each([
		[{ webhookSecret }, true, 'Webhook Secret is set'],
		[{ webhookSecret: '' }, false, 'Webhook Secret is empty'],
		[
			{ webhookSecret: 'Bearer ' },
			false,
			'Webhook Secret holds only the "Bearer" scheme and no secret: paste the secret itself',
		],
		[
			{ webhookSecret: 'a\nb' },
			false,
			'Webhook Secret contains control characters that cannot be sent in an HTTP header',
		],
	])('checks %j', (data, ok, message) => {
		expect(infinityBotListKit.platform.checkCredential(data)).toEqual({ ok, message });
	});
});
