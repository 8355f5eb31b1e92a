import { DiscordBotListApi } from '../../credentials/DiscordBotListApi.credentials';
import { DiscordBotList } from '../../nodes/DiscordBotList/DiscordBotList.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Discord Bot List's v1 API as docs.discordbotlist.com documents it ("Bot Statistics": POST /bots/{id}/stats with
 * `{guilds, users, voice_connections, shard_id}`, 200 `{success: true}`; "Vote API": GET /bots/{id}/upvotes, 200
 * `{upvotes: [{user_id, timestamp, username, discriminator, avatar}], total}`, the last 12 hours' votes, 500 at most)
 * and its official client npm discordbotlist 1.1.1 (cataclym/discordbotlist src/api/endpoints.ts @0aab1a5: the token
 * raw in Authorization). Neither documents an error body: the stand-in answers `{error}`, the shape of the list's
 * own earlier server (ezywebca/discordbotlist middleware/handler.js @0385de8), and refuses a bad token with 401.
 */

const TOKEN = 'discordbotlist-api-token-for-tests';
const BOT = '297153970613387264';
const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The last 12 hours' upvotes, newest first, as the Vote API lists them. */
const UPVOTES = [
	{ userId: '149505704569339904', username: 'luke', at: NOW - 1 * HOUR },
	{ userId: '140862798832861184', username: 'mira', at: NOW - 5 * HOUR },
	{ userId: '205680187394752512', username: 'sol', at: NOW - 11 * HOUR },
];

const refused = (status: number, error: string): Answer => ({ status, body: { error } });

const UPVOTES_BODY = {
	upvotes: UPVOTES.map((vote, index) => ({
		user_id: vote.userId,
		timestamp: iso(vote.at),
		username: vote.username,
		discriminator: '0',
		avatar: index === 0 ? '11a25559098e81115f7b395c511e6633' : null,
	})),
	total: UPVOTES.length,
};

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== TOKEN) return refused(401, 'Unauthorized');
	// No source names a refusal of the stats' body: every post is taken.
	if (request.method === 'POST' && request.path === `/bots/${BOT}/stats`)
		return { status: 200, body: { success: true } };
	if (request.method === 'GET' && request.path === `/bots/${BOT}/upvotes`)
		return { status: 200, body: UPVOTES_BODY };
	return refused(404, 'Not found');
}

const authorization = { authorization: TOKEN };
const upvotesRequest = { method: 'GET', path: `/bots/${BOT}/upvotes`, headers: authorization };
const listed = (vote: (typeof UPVOTES)[number]) => ({
	platform: 'discordbotlist',
	targetId: BOT,
	userId: vote.userId,
	username: vote.username,
	votedAt: iso(vote.at),
	voteWeight: null,
});

export const discordBotListApiKit: ApiKit = {
	Node: DiscordBotList,
	Credential: DiscordBotListApi,
	tokenField: 'token',
	token: TOKEN,
	basePath: '/api/v1',
	routes,
	badTokenStatus: 401,
	errors: {
		401: refused(401, 'Unauthorized'),
		404: refused(404, 'Not found'),
		500: refused(500, 'Internal error'),
	},
	cases: [
		{
			name: 'post stats with every field the list takes',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				botId: BOT,
				serverCount: 1500,
				additionalFields: { shardId: 0, userCount: 50000, voiceConnections: 10 },
			},
			requests: [
				{
					method: 'POST',
					path: `/bots/${BOT}/stats`,
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { guilds: 1500, shard_id: 0, users: 50000, voice_connections: 10 },
				},
			],
			items: [
				{
					platform: 'discordbotlist',
					targetId: BOT,
					posted: true,
					stats: { serverCount: 1500, shardId: 0, userCount: 50000, voiceConnections: 10 },
				},
			],
		},
		{
			name: 'post stats with the server count only',
			parameters: { resource: 'bot', operation: 'postStats', botId: BOT, serverCount: 1500 },
			requests: [
				{
					method: 'POST',
					path: `/bots/${BOT}/stats`,
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { guilds: 1500 },
				},
			],
			items: [
				{ platform: 'discordbotlist', targetId: BOT, posted: true, stats: { serverCount: 1500 } },
			],
		},
		{
			name: 'a user among the upvotes of the last 12 hours',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: UPVOTES[1].userId },
			requests: [upvotesRequest],
			items: [
				{
					platform: 'discordbotlist',
					targetId: BOT,
					userId: UPVOTES[1].userId,
					voted: true,
					votedAt: iso(UPVOTES[1].at),
					nextVoteAt: iso(UPVOTES[1].at + 12 * HOUR),
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user not among the upvotes',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '302050872383242240' },
			requests: [upvotesRequest],
			items: [
				{
					platform: 'discordbotlist',
					targetId: BOT,
					userId: '302050872383242240',
					voted: false,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
		{
			name: 'every upvote of the last 12 hours',
			parameters: { resource: 'vote', operation: 'getMany', botId: BOT, returnAll: true },
			requests: [upvotesRequest],
			items: UPVOTES.map(listed),
		},
		{
			name: 'the newest upvote (Limit 1)',
			parameters: {
				resource: 'vote',
				operation: 'getMany',
				botId: BOT,
				returnAll: false,
				limit: 1,
			},
			requests: [upvotesRequest],
			items: [listed(UPVOTES[0])],
		},
	],
};
