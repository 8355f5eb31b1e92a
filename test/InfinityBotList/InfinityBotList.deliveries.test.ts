/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { readFileSync } from 'fs';
import { join } from 'path';
import { deliver, leaked, type Answer } from '../helpers/deliver';
import { describePublicNames } from '../helpers/publicNames';
import examples from './examples.json';
import { hmacHeaders, infinityBotListKit, seal } from './kit';
import {
	node,
	webhookSecret,
	credentials,
	PROTOCOLS,
	sendAs,
	expectRefused,
	splashtailHeaders,
} from './send';

describePublicNames(infinityBotListKit, {
	platform: 'infinitybotlist',
	displayName: 'Omniplex (Infinity Bot List) Trigger',
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
