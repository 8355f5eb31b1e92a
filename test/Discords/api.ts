import { DiscordsApi } from '../../credentials/DiscordsApi.credentials';
import { Discords } from '../../nodes/Discords/Discords.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Discords' bot API as its official wrapper bfd-api-redux 1.2.4-beta (2026-01-15) sends it: the token raw in
 * Authorization; stats POSTed as `{server_count}` to /bot/{id}/setservers (dbots.js sends the same); the votes from
 * GET /bot/{id}/getvotes as `{votes: [{user_id}]}`. No source shows a vote's other fields or the error bodies: the
 * stand-in's votes carry only `user_id`, and its errors answer `{message}`, which the node reads like any list's words.
 */

const TOKEN = 'discords-api-token-for-tests';
const BOT = '650691698409734151';
const VOTERS = ['140862798832861184', '205680187394752512', '140862798832861184'];

const refused = (status: number, message: string): Answer => ({ status, body: { message } });

const VOTES = { votes: VOTERS.map((userId) => ({ user_id: userId })) };

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== TOKEN) return refused(401, 'Unauthorized');
	if (request.method === 'POST' && request.path === `/bot/${BOT}/setservers`) {
		const body = jsonBody(request) as Record<string, unknown> | undefined;
		return Number.isInteger(body?.server_count)
			? { status: 200, body: { message: 'Server count successfully updated.', success: true } }
			: refused(400, 'server_count must be a number');
	}
	if (request.method === 'GET' && request.path === `/bot/${BOT}/getvotes`)
		return { status: 200, body: VOTES };
	return refused(404, 'Bot not found');
}

const authorization = { authorization: TOKEN };
const votesRequest = { method: 'GET', path: `/bot/${BOT}/getvotes`, headers: authorization };
const voter = (userId: string) => ({
	platform: 'discords',
	targetId: BOT,
	userId,
	username: null,
	votedAt: null,
	voteWeight: null,
});

export const discordsApiKit: ApiKit = {
	Node: Discords,
	Credential: DiscordsApi,
	tokenField: 'token',
	token: TOKEN,
	basePath: '/bots/api',
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
			parameters: { resource: 'bot', operation: 'postStats', botId: BOT, serverCount: 1500 },
			requests: [
				{
					method: 'POST',
					path: `/bot/${BOT}/setservers`,
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { server_count: 1500 },
				},
			],
			items: [{ platform: 'discords', targetId: BOT, posted: true, stats: { serverCount: 1500 } }],
		},
		{
			name: 'a user among the votes',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: VOTERS[1] },
			requests: [votesRequest],
			items: [
				{
					platform: 'discords',
					targetId: BOT,
					userId: VOTERS[1],
					voted: true,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user not among the votes',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '302050872383242240' },
			requests: [votesRequest],
			items: [
				{
					platform: 'discords',
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
			name: 'every voter of the last 24 hours',
			parameters: { resource: 'vote', operation: 'getMany', botId: BOT, returnAll: true },
			requests: [votesRequest],
			items: VOTERS.map(voter),
		},
		{
			name: 'the first vote listed (Limit 1)',
			parameters: {
				resource: 'vote',
				operation: 'getMany',
				botId: BOT,
				returnAll: false,
				limit: 1,
			},
			requests: [votesRequest],
			items: [voter(VOTERS[0])],
		},
	],
};
