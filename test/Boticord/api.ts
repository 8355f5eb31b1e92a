import { BoticordApi } from '../../credentials/BoticordApi.credentials';
import { Boticord } from '../../nodes/Boticord/Boticord.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Boticord's v3 API as boticordpy (http.py, exceptions.py) calls it: the bare token in Authorization, success as
 * {result} with 200 or 201, errors as {errors: [{code}]} where the code is one of HTTPErrors (6 UNAUTHORIZED,
 * 14 TOKEN_INVALID, 19 UNKNOWN_BOT, 2 RATE_LIMITED, 5 BAD_REQUEST, 1 INTERNAL_SERVER_ERROR).
 */

const TOKEN = 'boticord-api-token-for-tests';
const BOT = '974297735559806986';

const failure = (status: number, code: number): Answer => ({
	status,
	body: { ok: false, errors: [{ code }] },
});

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== TOKEN) return failure(401, 6);
	const route = `${request.method} ${request.path}`;
	if (route === 'GET /search-key') return { status: 200, body: { ok: true, result: { key: 'k' } } };
	const stats = /^POST \/bots\/(\d+)\/stats$/.exec(route);
	if (stats === null) return failure(404, 3);
	if (stats[1] !== BOT) return failure(404, 19);
	const body = jsonBody(request) as Record<string, unknown> | undefined;
	const valid =
		body !== undefined &&
		Object.entries(body).every(
			([key, value]) =>
				['servers', 'shards', 'members'].includes(key) &&
				Number.isInteger(value) &&
				(value as number) >= 0,
		);
	if (!valid) return failure(400, 5);
	return { status: 200, body: { ok: true, result: body } };
}

const headers = { authorization: TOKEN, 'content-type': 'application/json' };

export const boticordApiKit: ApiKit = {
	Node: Boticord,
	Credential: BoticordApi,
	tokenField: 'token',
	token: TOKEN,
	basePath: '/v3',
	routes,
	badTokenStatus: 401,
	errors: {
		400: failure(400, 5),
		401: failure(401, 6),
		403: failure(403, 4),
		404: failure(404, 19),
		429: failure(429, 2),
		500: failure(500, 1),
	},
	cases: [
		{
			name: 'post stats (servers, shards and members, as boticordpy sends them)',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				botId: BOT,
				serverCount: 1200,
				additionalFields: { shardCount: 2, userCount: 50000 },
			},
			requests: [
				{
					method: 'POST',
					path: `/bots/${BOT}/stats`,
					headers,
					body: { servers: 1200, shards: 2, members: 50000 },
				},
			],
			items: [
				{
					platform: 'boticord',
					targetId: BOT,
					posted: true,
					stats: { serverCount: 1200, shardCount: 2, userCount: 50000 },
				},
			],
		},
		{
			name: 'post the server count alone',
			parameters: { resource: 'bot', operation: 'postStats', botId: BOT, serverCount: 7 },
			requests: [{ method: 'POST', path: `/bots/${BOT}/stats`, headers, body: { servers: 7 } }],
			items: [
				{
					platform: 'boticord',
					targetId: BOT,
					posted: true,
					stats: { serverCount: 7 },
				},
			],
		},
	],
};
