import examples from './examples.json';
import { signed, retyped, user, bumpedAt, noComment } from './send';

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
});
