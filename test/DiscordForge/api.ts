import { DiscordForgeApi } from '../../credentials/DiscordForgeApi.credentials';
import { DiscordForge } from '../../nodes/DiscordForge/DiscordForge.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * DiscordForge's API as its docs (discordforge.js.org docs/post-stats, docs/check-votes, docs/rate-limits,
 * docs/authentication; discordforge.org/support/developers) and its official SDKs send and read it: the key raw in
 * Authorization; POST /api/bots/stats with `{server_count, shard_count, user_count, voice_connections}`; GET
 * /api/bots/{id}/votes/check?userId= answering `{hasVoted, votedAt, nextVoteAt}` (the docs' example below). No page
 * shows an error body: the stand-in answers as the Python SDK's own tests mock the API (discordforge/discordforge-py
 * tests/test_client.py @d251204: 200 `{success: true}` for stats, `{hasVoted: false, votedAt: null, nextVoteAt: null}`,
 * `{message}` on 401, 404 and 500, a 429 with Retry-After), 401 for a bad key as its http.py reads it; the Node SDK
 * (discordforge/sdk src/client.ts @5848bf3) waits Retry-After when present and 3 s without it.
 */

const KEY = 'discordforge-api-key-for-tests';
const BOT = '1016363279463637063';
/** A user who voted: the check-votes page's example answer. */
const VOTER = '140862798832861184';
const VOTED = {
	hasVoted: true,
	votedAt: '2026-03-29T10:00:00.000Z',
	nextVoteAt: '2026-03-29T22:00:00.000Z',
};
const NOT_VOTED = { hasVoted: false, votedAt: null, nextVoteAt: null };

const failure = (status: number, message: string): Answer => ({ status, body: { message } });

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== KEY) return failure(401, 'Unauthorized');
	if (request.method === 'POST' && request.path === '/bots/stats')
		return { status: 200, body: { success: true } };
	if (request.method === 'GET' && request.path === `/bots/${BOT}/votes/check`) {
		return { status: 200, body: request.query.userId === VOTER ? VOTED : NOT_VOTED };
	}
	return failure(404, 'Not found');
}

const authorization = { authorization: KEY };
const checkRequest = (userId: string) => ({
	method: 'GET',
	path: `/bots/${BOT}/votes/check`,
	query: { userId },
	headers: authorization,
});

export const discordForgeApiKit: ApiKit = {
	Node: DiscordForge,
	Credential: DiscordForgeApi,
	tokenField: 'apiKey',
	token: KEY,
	basePath: '/api',
	routes,
	badTokenStatus: 401,
	errors: {
		401: failure(401, 'Unauthorized'),
		404: failure(404, 'Not found'),
		429: { status: 429, headers: { 'retry-after': '300' }, body: { message: 'rate limited' } },
		500: failure(500, 'Internal Server Error'),
	},
	otherErrors: [
		// A 429 without Retry-After: the Node SDK then waits 3 s, so the API may send none.
		failure(429, 'rate limited'),
	],
	cases: [
		{
			name: 'post stats (the post-stats page example)',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				serverCount: 1500,
				additionalFields: { shardCount: 5, userCount: 50000, voiceConnections: 10 },
			},
			requests: [
				{
					method: 'POST',
					path: '/bots/stats',
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { server_count: 1500, shard_count: 5, user_count: 50000, voice_connections: 10 },
				},
			],
			items: [
				{
					platform: 'discordforge',
					targetId: null,
					posted: true,
					stats: { serverCount: 1500, shardCount: 5, userCount: 50000, voiceConnections: 10 },
				},
			],
		},
		{
			name: 'post stats with the server count only',
			parameters: { resource: 'bot', operation: 'postStats', serverCount: 1500 },
			requests: [
				{
					method: 'POST',
					path: '/bots/stats',
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { server_count: 1500 },
				},
			],
			items: [
				{ platform: 'discordforge', targetId: null, posted: true, stats: { serverCount: 1500 } },
			],
		},
		{
			name: 'a user who voted (the check-votes page example)',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: VOTER },
			requests: [checkRequest(VOTER)],
			items: [
				{
					platform: 'discordforge',
					targetId: BOT,
					userId: VOTER,
					voted: true,
					votedAt: VOTED.votedAt,
					nextVoteAt: VOTED.nextVoteAt,
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user who has not voted',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '111111111111111111' },
			requests: [checkRequest('111111111111111111')],
			items: [
				{
					platform: 'discordforge',
					targetId: BOT,
					userId: '111111111111111111',
					voted: false,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
	],
};
