import type { IDataObject } from 'n8n-workflow';
import { BoticordTrigger } from '../../nodes/Boticord/BoticordTrigger.node';
import { deliver, leaked } from '../helpers/deliver';
import examples from './examples.json';
import { describePublicNames } from '../helpers/publicNames';
import { boticordKit } from './kit';
import { expectLeftOut } from '../helpers/schemaEdges';

const node = new BoticordTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
const hookKey = 'bc-HookKey-55aa91';
const credentials = { hookKey };
const signed = (body: string, headers: Record<string, string> = { 'X-Hook-Key': hookKey }) =>
	deliver(node, { headers, body, credentials });
const retyped = (example: string, type: string) => JSON.stringify({ ...JSON.parse(example), type });
const changed = (example: string, change: object) =>
	JSON.stringify({ ...JSON.parse(example), ...change });

const user = '178404926869733376';
const bumpedAt = '2021-09-16T10:49:38.024Z';
const noComment = {
	commentText: null,
	previousCommentText: null,
	commentRating: null,
	previousCommentRating: null,
	commentDeletionReason: null,
};

describe('Boticord Trigger', () => {
	it('turns the documented bot bump into one vote item', async () => {
		const answer = await signed(examples.botBump);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ received: true });
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			platform: 'boticord',
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: null,
			targetName: null,
			userId: user,
			username: null,
			occurredAt: bumpedAt,
			totalVotes: null,
			...noComment,
			raw: JSON.parse(examples.botBump),
		});
		expect(answer.items[0].raw).toEqual(JSON.parse(examples.botBump));
		expect(answer.items[0].eventId).toMatch(/^boticord:/);
	});

	it.each([
		['new_bot_bump', examples.botBump, { event: 'vote', targetType: 'bot', ...noComment }],
		['new_server_bump', examples.serverBump, { event: 'vote', targetType: 'server', ...noComment }],
		[
			'new_bot_comment',
			examples.botCommentCreated,
			{
				event: 'comment_created',
				targetType: 'bot',
				commentText: 'Лучший бот среди всех ботов и времён!',
				previousCommentText: null,
				commentRating: 1,
				previousCommentRating: null,
				commentDeletionReason: null,
			},
		],
		[
			'new_server_comment',
			retyped(examples.botCommentCreated, 'new_server_comment'),
			{
				event: 'comment_created',
				targetType: 'server',
				commentText: 'Лучший бот среди всех ботов и времён!',
				previousCommentText: null,
				commentRating: 1,
				previousCommentRating: null,
				commentDeletionReason: null,
			},
		],
		[
			'edit_bot_comment',
			examples.botCommentEdited,
			{
				event: 'comment_edited',
				targetType: 'bot',
				commentText: 'Лучший бот среди всех ботов и времён!',
				previousCommentText: 'Плохой бот!',
				commentRating: 1,
				previousCommentRating: -1,
				commentDeletionReason: null,
			},
		],
		[
			'edit_server_comment',
			retyped(examples.botCommentEdited, 'edit_server_comment'),
			{
				event: 'comment_edited',
				targetType: 'server',
				commentText: 'Лучший бот среди всех ботов и времён!',
				previousCommentText: 'Плохой бот!',
				commentRating: 1,
				previousCommentRating: -1,
				commentDeletionReason: null,
			},
		],
		[
			'delete_server_comment',
			examples.serverCommentDeleted,
			{
				event: 'comment_deleted',
				targetType: 'server',
				commentText: null,
				previousCommentText: 'Хороший сервер',
				commentRating: null,
				previousCommentRating: 1,
				commentDeletionReason: 'moderation',
			},
		],
		[
			'delete_bot_comment',
			JSON.stringify({
				type: 'delete_bot_comment',
				data: {
					user,
					comment: { vote: { old: -1, new: null }, old: 'Плохой бот!', new: null },
					reason: 'self',
					at: 1631789378024,
				},
			}),
			{
				event: 'comment_deleted',
				targetType: 'bot',
				commentText: null,
				previousCommentText: 'Плохой бот!',
				commentRating: null,
				previousCommentRating: -1,
				commentDeletionReason: 'self',
			},
		],
	])('maps the legacy %s webhook', async (_type, body, expected) => {
		const answer = await signed(body);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			platform: 'boticord',
			isTest: false,
			targetId: null,
			userId: user,
			occurredAt: bumpedAt,
			totalVotes: null,
			...expected,
			raw: JSON.parse(body),
		});
		expect(answer.items[0].raw).toEqual(JSON.parse(body));
	});

	it('maps the legacy test_webhook_message to a test event', async () => {
		const answer = await signed(examples.testMessage);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			platform: 'boticord',
			event: 'test',
			isTest: true,
			targetType: null,
			targetId: null,
			userId: user,
			occurredAt: bumpedAt,
			raw: JSON.parse(examples.testMessage),
		});
	});

	it.each([
		['bare, with affected', examples.upAdded, 42, '2023-11-14T22:13:20.000Z'],
		['wrapped in notify, with id', examples.upAddedWrapped, 43, '2023-11-14T22:15:00.000Z'],
		[
			'bare, with id',
			JSON.stringify({
				type: 'up_added',
				payload: { upCount: 44 },
				id: '1234567890123456789',
				user,
				happened: 1700000000000,
			}),
			44,
			'2023-11-14T22:13:20.000Z',
		],
		[
			'wrapped in notify, with affected',
			JSON.stringify({ event: 'notify', data: JSON.parse(examples.upAdded) }),
			42,
			'2023-11-14T22:13:20.000Z',
		],
	])('maps a v3 up_added notification %s to a vote', async (_case, body, upCount, occurredAt) => {
		const answer = await signed(body);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			platform: 'boticord',
			event: 'vote',
			isTest: false,
			targetId: '1234567890123456789',
			userId: user,
			occurredAt,
			totalVotes: upCount,
			commentText: null,
			commentRating: null,
			raw: JSON.parse(body),
		});
		expect(answer.items[0].raw).toEqual(JSON.parse(body));
	});

	it.each([
		[
			'comment_added',
			examples.commentAdded,
			'comment_created',
			'Great bot',
			5,
			'2023-11-14T22:16:40.000Z',
		],
		[
			'comment_edited',
			examples.commentEdited,
			'comment_edited',
			'Good bot',
			4,
			'2023-11-14T22:18:20.000Z',
		],
		[
			'comment_removed',
			examples.commentRemoved,
			'comment_deleted',
			'Good bot',
			4,
			'2023-11-14T22:20:00.000Z',
		],
	])(
		'maps a v3 %s notification',
		async (_type, body, event, commentText, commentRating, occurredAt) => {
			const answer = await signed(body);
			expect(answer.status).toBe(200);
			expect(answer.items).toHaveLength(1);
			expect(answer.items[0]).toMatchObject({
				platform: 'boticord',
				event,
				isTest: false,
				targetId: '1234567890123456789',
				userId: user,
				occurredAt,
				totalVotes: null,
				commentText,
				commentRating,
				raw: JSON.parse(body),
			});
			expect(answer.items[0].raw).toEqual(JSON.parse(body));
		},
	);

	it.each([
		['X-Hook-Key', { 'X-Hook-Key': hookKey }],
		['Authorization', { Authorization: hookKey }],
	])('accepts the key in %s', async (_header, headers) => {
		const answer = await signed(examples.botBump, headers);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
	});

	it.each([
		['no key header', {}],
		['a wrong X-Hook-Key', { 'X-Hook-Key': 'not-the-key' }],
		['a wrong Authorization', { Authorization: 'not-the-key' }],
		['the key in another case', { 'X-Hook-Key': hookKey.toUpperCase() }],
		['a prefix of the key', { 'X-Hook-Key': hookKey.slice(0, -1) }],
		['an empty X-Hook-Key', { 'X-Hook-Key': '' }],
	])('refuses %s with 401 and starts nothing', async (_case, headers) => {
		const answer = await signed(examples.botBump, headers);
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatch(/X-Hook-Key/);
		expect(answer.items).toHaveLength(0);
		expect(leaked(answer, [hookKey])).toEqual([]);
	});

	it.each([
		['empty', { hookKey: '' }],
		['whitespace only', { hookKey: ' \t ' }],
		['absent', {}],
	])('fails closed when the hook key is %s', async (_case, badCredentials) => {
		for (const key of ['', ' ', 'anything']) {
			const answer = await deliver(node, {
				headers: { 'X-Hook-Key': key, Authorization: key },
				body: examples.botBump,
				credentials: badCredentials,
			});
			expect(answer.status).toBe(500);
			expect(answer.json.error).toMatch(/Boticord credential has no hook key set/);
			expect(answer.items).toHaveLength(0);
		}
	});

	it('answers 500 when no credential is selected in the node', async () => {
		const answer = await deliver(node, {
			headers: { 'X-Hook-Key': hookKey },
			body: examples.botBump,
		});
		expect(answer.status).toBe(500);
		expect(answer.json.error).toMatch(/No Boticord credential is selected/);
		expect(answer.items).toHaveLength(0);
	});

	it.each([
		[
			'an unknown type',
			retyped(examples.botBump, 'new_bot_vote'),
			/type: unknown event type "new_bot_vote"/,
		],
		[
			'no type',
			changed(examples.botBump, { type: undefined }),
			/type: unknown event type undefined/,
		],
		[
			'data.user as a JSON number',
			changed(examples.botBump, { data: { user: 178404926869733376, at: 1631789378024 } }),
			/data\.user: Invalid input: expected string, received number/,
		],
		[
			'data.at missing',
			changed(examples.botBump, { data: { user } }),
			/data\.at: Invalid input: expected number, received undefined/,
		],
		[
			'a v3 user as a JSON number',
			changed(examples.upAdded, { user: 178404926869733376 }),
			/user: Invalid input: expected string, received number/,
		],
	])('answers 400 naming the field for %s', async (_case, body, message) => {
		const answer = await signed(body);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(message);
		expect(answer.items).toHaveLength(0);
	});

	it('emits a comment whose rating is text, the rating left out and logged', async () => {
		const answer = await signed(
			changed(examples.commentAdded, { payload: { content: 'x', rating: 'five' } }),
		);
		expectLeftOut(answer, 'payload.rating');
		expect(answer.items[0]).toMatchObject({
			event: 'comment_created',
			commentText: 'x',
			commentRating: null,
		});
	});

	it.each([
		['a JSON array', '[{"type":"new_bot_bump"}]', /Body must be a JSON object/],
		['a JSON string', '"new_bot_bump"', /Body must be a JSON object/],
		['invalid JSON', '{"type":"new_bot_bump",', /Body is not valid JSON/],
	])('answers 400 when the body is %s', async (_case, body, message) => {
		const answer = await signed(body);
		expect(answer.status).toBe(400);
		expect(answer.json.error).toMatch(message);
		expect(answer.items).toHaveLength(0);
	});

	describe('with Trigger On and the options', () => {
		const withOptions = (body: string, options: IDataObject, parameters?: IDataObject) =>
			deliver(node, { headers: { 'X-Hook-Key': hookKey }, body, credentials, options, parameters });
		const triggeredOn = (body: string, events: string[]) => withOptions(body, {}, { events });

		it.each([
			['a legacy bump', examples.botBump],
			['a v3 up_added', examples.upAdded],
		])('lets %s through when only votes are selected', async (_case, body) => {
			const answer = await triggeredOn(body, ['vote']);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ received: true });
			expect(answer.items).toHaveLength(1);
			expect(answer.items[0].event).toBe('vote');
		});

		it.each([
			['a legacy comment', examples.botCommentCreated],
			['a v3 comment', examples.commentAdded],
			['the test message', examples.testMessage],
		])(
			'answers %s with 200 ignored and runs nothing when only votes are selected',
			async (_case, body) => {
				const answer = await triggeredOn(body, ['vote']);
				expect(answer.status).toBe(200);
				expect(answer.json).toMatchObject({ received: true, ignored: true });
				expect(answer.items).toHaveLength(0);
			},
		);

		it.each(Object.entries(examples))('emits %s when nothing is chosen', async (_name, body) => {
			const answer = await triggeredOn(body, []);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ received: true });
			expect(answer.items).toHaveLength(1);
		});

		it('answers the test message without running when test deliveries are ignored', async () => {
			const ignored = await withOptions(examples.testMessage, { ignoreTests: true });
			expect(ignored.json).toMatchObject({ received: true, ignored: true });
			expect(ignored.items).toHaveLength(0);
			const bump = await withOptions(examples.botBump, { ignoreTests: true });
			expect(bump.items).toHaveLength(1);
		});
	});

	it('gives the same bytes delivered twice the same eventId', async () => {
		for (const body of [
			examples.botBump,
			examples.botCommentEdited,
			examples.upAdded,
			examples.upAddedWrapped,
		]) {
			const first = (await signed(body)).items[0];
			const again = (await signed(body)).items[0];
			expect(again.eventId).toBe(first.eventId);
		}
	});

	it.each([
		[
			'a bump at another time',
			examples.botBump,
			examples.botBump.replace('"at":1631789378024', '"at":1631789378025'),
		],
		[
			'a bump by another user',
			examples.botBump,
			examples.botBump.replace(`"user":"${user}"`, '"user":"178404926869733377"'),
		],
		['a comment at the same time as a bump', examples.botBump, examples.botCommentCreated],
		[
			'an up_added at another time',
			examples.upAdded,
			examples.upAdded.replace('1700000000000', '1700000000001'),
		],
		[
			'an up_added for another target',
			examples.upAdded,
			examples.upAdded.replace('"1234567890123456789"', '"1234567890123456788"'),
		],
	])('gives %s a different eventId', async (_case, body, other) => {
		const first = (await signed(body)).items[0];
		const second = (await signed(other)).items[0];
		expect(second.eventId).not.toBe(first.eventId);
	});
});

describePublicNames(boticordKit, {
	platform: 'boticord',
	displayName: 'Boticord Trigger',
	name: 'boticordTrigger',
	credential: 'boticordWebhookApi',
	fields: ['hookKey'],
});

describe('Boticord test message naming no Discord user', () => {
	it.each(['\u0000', '\ud800', 'not-an-id', '1'.repeat(21), ' 1'])(
		'answers the test and keeps userId null for %j',
		async (user) => {
			const body = JSON.stringify({
				type: 'test_webhook_message',
				data: { user, at: 1631789378024 },
			});
			const answer = await signed(body);
			expect(answer.status).toBe(200);
			expect(answer.items[0]).toMatchObject({ event: 'test', isTest: true, userId: null });
		},
	);
});
