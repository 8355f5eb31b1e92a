import { DiffcordApi } from '../../credentials/DiffcordApi.credentials';
import { Diffcord } from '../../nodes/Diffcord/Diffcord.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Diffcord's v1 API as its official SDKs call it (diff-cord/node-sdk 171b238 src/diffcord-client.ts and
 * diffcord-api.d.ts; diff-cord/python-sdk 7637a04, PyPI diffcord 1.0.3, diffcord/api.py, client.py, vote.py) and
 * docs.diffcord.com (resources/vote-user, rate-limits): base https://www.diffcord.com/api/v1, the key in x-api-key;
 * POST /stats?guilds=&shards= with no body answers 204; GET /users/{id}/votes answers {data: {user_id, bot_id,
 * monthly_votes, since_last_vote, next_vote}, error: null}, times in seconds from the answer; GET /votes answers
 * {data: {month_votes}}. Errors {data: null, error: {code, message}}: 401 ERR_INVALID_API_KEY for a bad key, 429
 * with X-Rate-Limit-* headers (no Retry-After), 500. The error codes other than ERR_INVALID_API_KEY and every
 * message's words are the stand-in's own: no source shows them.
 */

const KEY = 'diffcord-api-key-for-tests';
const BOT = '1067846281917300816';
/** A user who voted 10 minutes before the answer and may vote again in 11 h 50 min. */
const VOTER = '140862798832861184';
/** A user who never voted for the bot. */
const NON_VOTER = '111111111111111111';
/** The answer's Date, which Diffcord's relative seconds count from. */
const ANSWERED_AT = 'Sat, 01 Mar 2025 12:00:00 GMT';

const failure = (
	status: number,
	code: string,
	message: string,
	headers?: Record<string, string>,
): Answer => ({
	status,
	...(headers ? { headers } : {}),
	body: { data: null, error: { code, message } },
});

const badKey = failure(401, 'ERR_INVALID_API_KEY', 'Invalid API key provided.');

const ok = (data: unknown): Answer => ({
	status: 200,
	headers: { date: ANSWERED_AT },
	body: { data, error: null },
});

function routes(request: SeenRequest): Answer {
	if (request.headers['x-api-key'] !== KEY) return badKey;
	const route = `${request.method} ${request.path}`;
	if (route === 'GET /votes') return ok({ month_votes: 42 });
	if (route === 'POST /stats') {
		const numbers = Object.entries(request.query);
		const valid =
			request.body === '' &&
			numbers.length > 0 &&
			numbers.every(([name, value]) => ['guilds', 'shards'].includes(name) && /^\d+$/.test(value));
		return valid ? { status: 204 } : failure(400, 'ERR_BAD_REQUEST', 'Invalid stats.');
	}
	const user = /^GET \/users\/(\d+)\/votes$/.exec(route);
	if (user === null) return failure(404, 'ERR_NOT_FOUND', 'Not found.');
	const voted = user[1] === VOTER;
	return ok({
		bot_id: BOT,
		user_id: user[1],
		monthly_votes: voted ? 13 : 0,
		since_last_vote: voted ? 600 : null,
		next_vote: voted ? 42_600 : 0,
	});
}

const headers = { 'x-api-key': KEY };

export const diffcordApiKit: ApiKit = {
	Node: Diffcord,
	Credential: DiffcordApi,
	tokenField: 'apiKey',
	token: KEY,
	basePath: '/api/v1',
	routes,
	badTokenStatus: 401,
	errors: {
		400: failure(400, 'ERR_BAD_REQUEST', 'Invalid stats.'),
		401: badKey,
		404: failure(404, 'ERR_NOT_FOUND', 'Not found.'),
		429: failure(429, 'ERR_RATE_LIMITED', 'You are being rate limited.', {
			'x-rate-limit-limit': '60',
			'x-rate-limit-remaining': '0',
			'x-rate-limit-reset': '1740830460000',
		}),
		500: failure(500, 'ERR_INTERNAL', 'Internal server error.'),
	},
	cases: [
		{
			name: 'post stats (guilds and shards in the query, as the Node SDK sends them)',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				serverCount: 1200,
				additionalFields: { shardCount: 2 },
			},
			requests: [
				{ method: 'POST', path: '/stats', query: { guilds: '1200', shards: '2' }, headers },
			],
			items: [
				{
					platform: 'diffcord',
					targetId: null,
					posted: true,
					stats: { serverCount: 1200, shardCount: 2 },
				},
			],
		},
		{
			name: 'post the server count alone (as the Python SDK sends it)',
			parameters: { resource: 'bot', operation: 'postStats', serverCount: 7 },
			requests: [{ method: 'POST', path: '/stats', query: { guilds: '7' }, headers }],
			items: [
				{
					platform: 'diffcord',
					targetId: null,
					posted: true,
					stats: { serverCount: 7 },
				},
			],
		},
		{
			name: 'a user in the vote cooldown (voted)',
			parameters: { resource: 'vote', operation: 'get', userId: VOTER },
			requests: [{ method: 'GET', path: `/users/${VOTER}/votes`, headers }],
			items: [
				{
					platform: 'diffcord',
					targetId: BOT,
					userId: VOTER,
					voted: true,
					votedAt: '2025-03-01T11:50:00.000Z',
					nextVoteAt: '2025-03-01T23:50:00.000Z',
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user who never voted (not voted)',
			parameters: { resource: 'vote', operation: 'get', userId: NON_VOTER },
			requests: [{ method: 'GET', path: `/users/${NON_VOTER}/votes`, headers }],
			items: [
				{
					platform: 'diffcord',
					targetId: BOT,
					userId: NON_VOTER,
					voted: false,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
	],
};
