/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { deliver, leaked, type Answer, type Delivery } from '../helpers/deliver';
import { describePublicNames } from '../helpers/publicNames';
import type { Headers } from '../shared/kit';
import examples from './examples.json';
import { InfinityBotListTrigger } from '../../nodes/InfinityBotList/InfinityBotListTrigger.node';
import { hmacHeaders, infinityBotListKit, randomNonce, seal } from './kit';

const node = new InfinityBotListTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const webhookSecret = 'ibl-3c9e1f7a-secret';
const credentials = { webhookSecret };
const PROTOCOLS = Object.keys(infinityBotListKit.protocols ?? {});

const send = (body: string | Buffer, headers: Delivery['headers'], extra: Partial<Delivery> = {}) =>
	deliver(node, { headers, body, credentials, ...extra });
/** `document` delivered as Infinity's sender does under `protocol`. */
const sendAs = (protocol: string, document: string, extra: Partial<Delivery> = {}) => {
	const wire = infinityBotListKit.protocols![protocol](document, {
		...credentials,
		...(extra.credentials as Record<string, string>),
	});
	return send(wire.body, wire.headers, extra);
};

const expectRefused = (answer: Answer, status: number, error: RegExp | string) => {
	expect(answer.status).toBe(status);
	if (typeof error === 'string') expect(answer.json.error).toBe(error);
	else expect(answer.json.error).toMatch(error);
	expect(answer.items).toEqual([]);
	expect(leaked(answer, [webhookSecret])).toEqual([]);
};

/** The splashtail signature chain over any bytes: what only the secret's holder can make. */
const chain = (secret: string, nonce: string, body: string | Buffer) =>
	createHmac('sha512', nonce)
		.update(createHmac('sha512', secret).update(body).digest('hex'))
		.digest('hex');
const splashtailHeaders = (nonce: string, signature: string): Headers => ({
	'Content-Type': 'text/plain',
	'X-Webhook-Protocol': 'splashtail',
	'X-Webhook-Nonce': nonce,
	'X-Webhook-Signature': signature,
});

describePublicNames(infinityBotListKit, {
	platform: 'infinitybotlist',
	displayName: 'Infinity Bot List Trigger',
	name: 'infinityBotListTrigger',
	credential: 'infinityBotListWebhookApi',
	fields: ['webhookSecret'],
});

describe('Infinity Bot List Trigger: the known-answer vectors (splashtail-vector.json)', () => {
	// The known answer made with Popplio's sealPayload.
	const vector = JSON.parse(readFileSync(join(__dirname, 'splashtail-vector.json'), 'utf8'));
	const expectTheVote = (answer: Answer) => {
		expect([answer.status, answer.json]).toEqual([200, { received: true }]);
		expect(answer.items[0]).toMatchObject({
			platform: 'infinitybotlist',
			event: 'vote',
			targetType: 'bot',
			targetId: '1019662370278228028',
			userId: '510065483693817867',
			totalVotes: 10,
			voteWeight: 1,
		});
		expect(answer.items[0].raw).toEqual(JSON.parse(vector.plaintext));
	};

	it('the plaintext is the documented vote of examples.json', () => {
		expect(vector.plaintext).toBe(examples.vote);
	});

	it('hmac-sha256: sha256=1e5ea01a... is what the kit signs, and the node accepts it', async () => {
		const header = 'sha256=1e5ea01a2208a4e00351eaed9b996acbdd3b6e8b851077e55dd4aa10993c8d84';
		expect(hmacHeaders(vector.secret, vector.plaintext)['X-Webhook-Signature']).toBe(header);
		const answer = await deliver(node, {
			headers: { 'X-Webhook-Protocol': 'hmac-sha256', 'X-Webhook-Signature': header },
			body: vector.plaintext,
			credentials: { webhookSecret: vector.secret },
		});
		expectTheVote(answer);
	});

	it('splashtail: the kit seals the vector byte for byte with its nonce and IV 00..0b', () => {
		const wire = seal(
			vector.secret,
			vector.plaintext,
			vector.nonce,
			Buffer.from('000102030405060708090a0b', 'hex'),
		);
		expect(wire.body).toBe(vector.body_hex);
		expect(wire.headers['X-Webhook-Signature']).toBe(vector.signature);
	});

	it('splashtail: the node verifies the vector, decrypts it, and emits the decrypted document as raw', async () => {
		const answer = await deliver(node, {
			headers: splashtailHeaders(vector.nonce, vector.signature),
			body: vector.body_hex,
			credentials: { webhookSecret: vector.secret },
		});
		expectTheVote(answer);
	});

	it('splashtail: the vector under another secret is refused at the signature', async () => {
		const answer = await deliver(node, {
			headers: splashtailHeaders(vector.nonce, vector.signature),
			body: vector.body_hex,
			credentials,
		});
		expectRefused(
			answer,
			401,
			'X-Webhook-Signature does not match this body and nonce under the webhook secret (splashtail)',
		);
	});
});

describe('Infinity Bot List Trigger: every documented delivery, under every protocol', () => {
	const emitted = Object.entries(examples).filter(([name]) => name !== 'teamEdit');

	it.each(
		emitted.flatMap(([name, body]) => PROTOCOLS.map((protocol) => [name, protocol, body] as const)),
	)('%s over %s: one item, raw the document', async (_name, protocol, body) => {
		const answer = await sendAs(protocol, body);
		expect([answer.status, answer.json, answer.items.length]).toEqual([200, { received: true }, 1]);
		expect(answer.items[0].raw).toEqual(JSON.parse(body));
		expect(leaked(answer, [webhookSecret])).toEqual([]);
	});

	it.each(emitted)('%s: the three protocols give the same item', async (_name, body) => {
		const items = [];
		for (const protocol of PROTOCOLS) {
			const [item] = (await sendAs(protocol, body)).items;
			items.push({
				...item,
				receivedAt: undefined,
				eventId: item.isTest ? undefined : item.eventId,
			});
		}
		expect(items[1]).toEqual(items[0]);
		expect(items[2]).toEqual(items[0]);
	});
});

describe('Infinity Bot List Trigger: mapping', () => {
	const itemOf = async (body: string) => {
		const answer = await sendAs('hmac-sha256', body);
		expect(answer.status).toBe(200);
		return answer.items[0];
	};

	it('a bot vote: the creator votes, the total and per_user read, created_at in seconds', async () => {
		expect(await itemOf(examples.botVote)).toMatchObject({
			platform: 'infinitybotlist',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: '1019662370278228028',
			targetName: 'Infinity',
			userId: '510065483693817867',
			username: 'voter',
			occurredAt: '2025-08-04T09:33:20.000Z',
			totalVotes: 120,
			voteWeight: 1,
			nextVoteAt: null,
			listUserId: null,
		});
	});

	it('a double vote counts 2', async () => {
		expect(await itemOf(examples.doubleVote)).toMatchObject({
			event: 'vote',
			voteWeight: 2,
			totalVotes: 122,
		});
	});

	it('a downvote is a vote that counts against the total: voteWeight -1', async () => {
		const item = await itemOf(examples.downvote);
		expect(item).toMatchObject({ event: 'vote', voteWeight: -1, totalVotes: 119 });
		expect(item.eventId).not.toBe((await itemOf(examples.botVote)).eventId);
	});

	it('a server vote: the guild id from server_id, its name', async () => {
		expect(await itemOf(examples.serverVote)).toMatchObject({
			targetType: 'server',
			targetId: '870950609291972618',
			targetName: 'Infinity Development',
		});
	});

	it('a team vote: no Discord target (a team has an Infinity id, kept in raw), the team name', async () => {
		const item = await itemOf(examples.teamVote);
		expect(item).toMatchObject({
			event: 'vote',
			targetType: null,
			targetId: null,
			targetName: 'Infinity Team',
		});
		expect((item.raw as { targets: { team: { id: string } } }).targets.team.id).toBe(
			'4e0f4a8c-2b1d-4c3e-9f5a-6b7c8d9e0f1a',
		);
	});

	it('a dashboard test: isTest, and each press is its own event', async () => {
		const first = await itemOf(examples.testVote);
		await new Promise((resolve) => setTimeout(resolve, 2));
		const second = await itemOf(examples.testVote);
		expect(first).toMatchObject({ event: 'vote', isTest: true, voteWeight: 0 });
		expect(second.eventId).not.toBe(first.eventId);
	});

	it('reviews become comments: created, edited (with the previous text and stars), deleted', async () => {
		expect(await itemOf(examples.newReview)).toMatchObject({
			event: 'comment_created',
			commentText: 'Great bot, the rewards work instantly!',
			commentRating: 5,
			eventId: 'infinitybotlist:comment_created:9f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
		});
		expect(await itemOf(examples.editReview)).toMatchObject({
			event: 'comment_edited',
			commentText: 'Great bot, rewards take a minute.',
			previousCommentText: 'Great bot, the rewards work instantly!',
			commentRating: 4,
			previousCommentRating: 5,
		});
		expect(await itemOf(examples.deleteReview)).toMatchObject({
			event: 'comment_deleted',
			targetType: 'server',
			commentText: 'Great bot, rewards take a minute.',
			commentRating: 4,
			eventId: 'infinitybotlist:comment_deleted:9f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
		});
	});

	it('two edits of one review are two events', async () => {
		const later = JSON.parse(examples.editReview);
		later.metadata.created_at += 60;
		expect((await itemOf(JSON.stringify(later))).eventId).not.toBe(
			(await itemOf(examples.editReview)).eventId,
		);
	});

	it('a vote sent again (the same document, resealed) has the same eventId; the next vote does not', async () => {
		const first = (await sendAs('splashtail', examples.botVote)).items[0];
		const again = (await sendAs('splashtail', infinityBotListKit.redelivery(examples.botVote)))
			.items[0];
		const next = (
			await sendAs(
				'splashtail',
				infinityBotListKit.voteBy('510065483693817867', new Date((1754300000 + 12 * 3600) * 1000)),
			)
		).items[0];
		expect(again.eventId).toBe(first.eventId);
		expect(next.eventId).not.toBe(first.eventId);
	});

	it('TEAM_EDIT and an event type added later are answered 200 without a run', async () => {
		const teamEdit = await sendAs('hmac-sha256', examples.teamEdit);
		expect([teamEdit.status, teamEdit.json.ignored, teamEdit.items]).toEqual([200, true, []]);
		const future = await sendAs(
			'hmac-sha256',
			JSON.stringify({ ...JSON.parse(examples.botVote), type: 'NEW_PACK_VOTE' }),
		);
		expect([future.status, future.json]).toEqual([
			200,
			{
				received: true,
				ignored: true,
				reason: '"NEW_PACK_VOTE" is not an event this node handles',
			},
		]);
	});

	it('a type that is no event name is refused with 400 naming the known ones', async () => {
		const answer = await sendAs(
			'hmac-sha256',
			JSON.stringify({ ...JSON.parse(examples.botVote), type: 'new vote' }),
		);
		expectRefused(
			answer,
			400,
			/type: unknown event type "new vote"; expected one of NEW_VOTE, NEW_REVIEW, EDIT_REVIEW, DELETE_REVIEW/,
		);
	});

	it('Trigger On narrows what runs', async () => {
		const answer = await sendAs('splashtail', examples.newReview, {
			parameters: { events: ['vote'] },
		});
		expect([answer.status, answer.json.ignored, answer.items]).toEqual([200, true, []]);
	});
});

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
			'X-Webhook-Protocol header is missing: Infinity Bot List names hmac-sha256 (X-Webhook-Signature), simple-auth (Authorization) or splashtail',
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
					'The Infinity Bot List credential has no webhook secret set, so no request can be verified',
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
