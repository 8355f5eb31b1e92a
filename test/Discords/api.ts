import { DiscordsApi } from '../../credentials/DiscordsApi.credentials';
import { Discords } from '../../nodes/Discords/Discords.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Discords' bot API as its sources show it: the token raw in Authorization; stats POSTed as `{server_count}` to
 * /bot/{id}/setservers (dbots.js DiscordsCom.ts; the older docs.botsfordiscord.com names /bot/{id}); the votes of a
 * bot as `{hasVoted, hasVoted24, votes, votes24, votesMonth}` (bfdapi.js README, dbots.js). No source shows the
 * error bodies: the stand-in answers `{message}`, which the node reads like any list's words.
 */

const TOKEN = 'discords-api-token-for-tests';
const BOT = '650691698409734151';
const VOTERS_24H = ['140862798832861184', '205680187394752512'];
const VOTERS_ALL = [...VOTERS_24H, '302050872383242240'];

const refused = (status: number, message: string): Answer => ({ status, body: { message } });

const VOTES = {
	hasVoted: VOTERS_ALL,
	hasVoted24: VOTERS_24H,
	votes: 57,
	votes24: 2,
	votesMonth: 12,
};

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== TOKEN) return refused(401, 'Unauthorized');
	if (request.method === 'POST' && request.path === `/bot/${BOT}/setservers`) {
		const body = jsonBody(request) as Record<string, unknown> | undefined;
		return Number.isInteger(body?.server_count)
			? { status: 200, body: { message: 'Server count successfully updated.', success: true } }
			: refused(400, 'server_count must be a number');
	}
	if (request.method === 'GET' && request.path === `/bot/${BOT}/votes`)
		return { status: 200, body: VOTES };
	return refused(404, 'Bot not found');
}

const authorization = { authorization: TOKEN };
const votesRequest = { method: 'GET', path: `/bot/${BOT}/votes`, headers: authorization };
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
			name: 'a user who voted in the last 24 hours',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: VOTERS_24H[1] },
			requests: [votesRequest],
			items: [
				{
					platform: 'discords',
					targetId: BOT,
					userId: VOTERS_24H[1],
					voted: true,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user whose vote is older than 24 hours',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: VOTERS_ALL[2] },
			requests: [votesRequest],
			items: [
				{
					platform: 'discords',
					targetId: BOT,
					userId: VOTERS_ALL[2],
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
			items: VOTERS_24H.map(voter),
		},
		{
			name: 'one voter (Limit 1)',
			parameters: {
				resource: 'vote',
				operation: 'getMany',
				botId: BOT,
				returnAll: false,
				limit: 1,
			},
			requests: [votesRequest],
			items: [voter(VOTERS_24H[0])],
		},
	],
};
