import { DiscordPlaceApi } from '../../credentials/DiscordPlaceApi.credentials';
import { DiscordPlace } from '../../nodes/DiscordPlace/DiscordPlace.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * discord.place's API as discordplace/discord.place documents and serves it (server/openapi.json 1.1.0;
 * server/src/routes/bots/[id]/stats.js and voters/[user_id]/index.js; utils/middlewares/error.js for
 * `{success: false, error, status}`; utils/useRateLimiter.js for the 429 with `retry_after` in seconds).
 */

const KEY = 'discordplace-api-key-for-tests';
const BOT = '1016363279463637063';
const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Voters as the bot's record keeps them: user id, the user's vote count, the last vote. */
const VOTERS: Record<string, { vote: number; lastVote: number }> = {
	'140862798832861184': { vote: 7, lastVote: NOW - 5 * HOUR },
	'205680187394752512': { vote: 2, lastVote: NOW - 30 * HOUR },
};

const refused = (status: number, error: string): Answer => ({
	status,
	body: { success: false, error, status },
});

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization === undefined)
		return refused(401, 'Authorization header is required.');
	if (!request.path.startsWith(`/bots/${BOT}/`)) return refused(404, 'Bot not found.');
	if (request.headers.authorization !== KEY) return refused(401, 'Invalid API key.');
	if (request.method === 'PATCH' && request.path === `/bots/${BOT}/stats`) return stats(request);
	const voter = new RegExp(`^/bots/${BOT}/voters/(\\d+)$`).exec(request.path);
	if (request.method === 'GET' && voter !== null) {
		const found = VOTERS[voter[1]];
		return {
			status: 200,
			body: {
				voted: found !== undefined && Date.now() - found.lastVote < 24 * HOUR,
				vote: found?.vote ?? 0,
				lastVote: found?.lastVote ?? null,
			},
		};
	}
	return refused(404, 'Not Found');
}

function stats(request: SeenRequest): Answer {
	const body = (jsonBody(request) ?? {}) as Record<string, unknown>;
	const { server_count: servers, command_count: commands } = body;
	if (servers === undefined && commands === undefined)
		return refused(400, 'One of the following fields is required: command_count, server_count.');
	if (commands !== undefined && !(Number.isInteger(commands) && (commands as number) <= 1000))
		return refused(400, 'Commands count must be between 0 and 1,000.');
	if (servers !== undefined && !(Number.isInteger(servers) && (servers as number) <= 10_000_000))
		return refused(400, 'Server count must be between 0 and 10 Million.');
	return { status: 200, body: { success: true } };
}

const authorization = { authorization: KEY };
const voteItem = (userId: string, voted: boolean, lastVote: number | null) => ({
	platform: 'discordplace',
	targetId: BOT,
	userId,
	voted,
	votedAt: lastVote === null ? null : iso(lastVote),
	nextVoteAt: voted && lastVote !== null ? iso(lastVote + 24 * HOUR) : null,
	voteWeight: null,
});

export const discordPlaceApiKit: ApiKit = {
	Node: DiscordPlace,
	Credential: DiscordPlaceApi,
	tokenField: 'apiKey',
	token: KEY,
	basePath: '',
	routes,
	badTokenStatus: 401,
	errors: {
		400: refused(400, 'One of the following fields is required: command_count, server_count.'),
		401: refused(401, 'Invalid API key.'),
		404: refused(404, 'Bot not found.'),
		429: {
			status: 429,
			body: {
				success: false,
				error: 'Too many requests, please try again later.',
				status: 429,
				retry_after: 1740,
			},
		},
		500: refused(500, 'Could not fetch server count.'),
	},
	otherErrors: [
		// The stats route's own 6-hour cooldown: no wait in the answer, unlike the rate limiter's 429.
		refused(429, 'You can only update stats once every 6 hours.'),
		// The fifth refused post within 6 hours revokes the key; a revoked key is refused with 410 from then on.
		refused(
			410,
			'Your API key has been revoked due to spamming the stats API. Please generate a new key from your dashboard.',
		),
		refused(410, 'This API key has been revoked.'),
		refused(400, 'Server count must be between 0 and 10 Million.'),
	],
	cases: [
		{
			name: 'post stats (the openapi example)',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				botId: BOT,
				serverCount: 1500,
				additionalFields: { commandCount: 100 },
			},
			requests: [
				{
					method: 'PATCH',
					path: `/bots/${BOT}/stats`,
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { server_count: 1500, command_count: 100 },
				},
			],
			items: [
				{
					platform: 'discordplace',
					targetId: BOT,
					posted: true,
					stats: { serverCount: 1500, commandCount: 100 },
				},
			],
		},
		{
			name: 'a user who voted in the last 24 hours',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '140862798832861184' },
			requests: [
				{ method: 'GET', path: `/bots/${BOT}/voters/140862798832861184`, headers: authorization },
			],
			items: [voteItem('140862798832861184', true, NOW - 5 * HOUR)],
		},
		{
			name: 'a user whose last vote is older than 24 hours',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '205680187394752512' },
			requests: [
				{ method: 'GET', path: `/bots/${BOT}/voters/205680187394752512`, headers: authorization },
			],
			items: [voteItem('205680187394752512', false, NOW - 30 * HOUR)],
		},
		{
			name: 'a user who never voted',
			parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '111111111111111111' },
			requests: [
				{ method: 'GET', path: `/bots/${BOT}/voters/111111111111111111`, headers: authorization },
			],
			items: [voteItem('111111111111111111', false, null)],
		},
	],
};
