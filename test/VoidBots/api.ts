import { VoidBotsApi } from '../../credentials/VoidBotsApi.credentials';
import { VoidBots } from '../../nodes/VoidBots/VoidBots.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Void Bots' API as its official module (Void-Bots/npm) calls it, base https://api.voidbots.net: the token raw in
 * Authorization; stats POSTed as `{server_count, shard_count}` to /bot/stats/{botId} (dbots.js sends the same);
 * has-voted from GET /bot/voted/{botId}/{userId}. The answer's shape is third-party only (`{voted}`, and
 * ggashish/voidapi's `botid`, `voter`, `votedAt`, `nextVote`); the stats answer and the error bodies are not
 * documented anywhere found: the stand-in answers `{error}` (401 `{"error": "Unauthorized"}` for a bad token),
 * which is assumed, and a stats acknowledgement the node keeps in `raw` whatever it is.
 */

const TOKEN = 'voidbots-api-token-for-tests';
const BOT = '716390085896962058';
const VOTER = '140862798832861184';
const NOT_VOTER = '302050872383242240';
const VOTED_AT = '2026-12-05T08:30:00.000Z';
const NEXT_VOTE = '2026-12-05T20:30:00.000Z';

const refused = (status: number, error: string): Answer => ({ status, body: { error } });

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== TOKEN) return refused(401, 'Unauthorized');
	if (request.method === 'POST' && request.path === `/bot/stats/${BOT}`) {
		const body = jsonBody(request) as Record<string, unknown> | undefined;
		return Number.isInteger(body?.server_count)
			? { status: 200, body: { message: 'Stats updated' } }
			: refused(400, 'server_count must be a number');
	}
	if (request.method === 'GET' && request.path === `/bot/voted/${BOT}/${VOTER}`)
		return {
			status: 200,
			body: { botid: BOT, voter: VOTER, voted: true, votedAt: VOTED_AT, nextVote: NEXT_VOTE },
		};
	if (request.method === 'GET' && request.path === `/bot/voted/${BOT}/${NOT_VOTER}`)
		return { status: 200, body: { botid: BOT, voter: NOT_VOTER, voted: false } };
	return refused(404, 'Bot not found');
}

const authorization = { authorization: TOKEN };
const votedRequest = (userId: string) => ({
	method: 'GET',
	path: `/bot/voted/${BOT}/${userId}`,
	headers: authorization,
});

export const voidBotsApiKit: ApiKit = {
	Node: VoidBots,
	Credential: VoidBotsApi,
	tokenField: 'token',
	token: TOKEN,
	basePath: '',
	routes,
	badTokenStatus: 401,
	errors: {
		400: refused(400, 'server_count must be a number'),
		401: refused(401, 'Unauthorized'),
		404: refused(404, 'Bot not found'),
		500: refused(500, 'Internal Server Error'),
	},
	cases: [
		{
			name: 'post stats',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				botId: BOT,
				serverCount: 1500,
				additionalFields: { shardCount: 2 },
			},
			requests: [
				{
					method: 'POST',
					path: `/bot/stats/${BOT}`,
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { server_count: 1500, shard_count: 2 },
				},
			],
			items: [
				{
					platform: 'voidbots',
					targetId: BOT,
					posted: true,
					stats: { serverCount: 1500, shardCount: 2 },
				},
			],
		},
		{
			name: 'a user who voted in the last 12 hours',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: VOTER },
			requests: [votedRequest(VOTER)],
			items: [
				{
					platform: 'voidbots',
					targetId: BOT,
					userId: VOTER,
					voted: true,
					votedAt: VOTED_AT,
					nextVoteAt: NEXT_VOTE,
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user who has not voted',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: NOT_VOTER },
			requests: [votedRequest(NOT_VOTER)],
			items: [
				{
					platform: 'voidbots',
					targetId: BOT,
					userId: NOT_VOTER,
					voted: false,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
	],
};
