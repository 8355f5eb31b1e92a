import { InfinityBotListApi } from '../../credentials/InfinityBotListApi.credentials';
import { InfinityBotList } from '../../nodes/InfinityBotList/InfinityBotList.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiCase, ApiKit } from '../shared/apiKit';

/*
 * Omniplex's API (formerly Infinity Bot List) as InfinityBotList/Popplio serves it, commit
 * 1709b0c5489a35487ee9f7a6635481d3279c3c52 (2026-08-05): api/uapi.go Authorize (`Authorization: [Bot ]<token>`, 401 `{message: "Invalid session token"}`, the prefix checked
 * against the token's kind); types/common.go ApiError `{message, context?}`; constants/constants.go for the default
 * bodies; routes/bots/endpoints/post_bot_stats (types/bot.go BotStats, 204); routes/votes/endpoints/
 * get_user_entity_votes with votes/common.go EntityVoteCheck/EntityGiveVotes (types/vote.go UserVote, no auth, 400
 * with the database's words for an unknown bot); get_votes_user_list (no auth, string ids, 100 a page from page 1);
 * routes/webhooks get_webhooks (the credential test: the bot's own token may read its webhooks, secrets left out).
 * None of these routes applies a rate limit in the source: the stand-in documents no 429.
 */

const TOKEN = 'omniplex-bot-token-for-tests';
const BOT = '815553000470478850';
const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / 1000) * 1000;
/** Popplio's times are Go's RFC 3339 with the database's microseconds. */
const goTime = (ms: number) => new Date(ms).toISOString().replace('Z', '456Z');
const iso = (ms: number) => new Date(ms).toISOString();

const VOTE_TIME_HOURS = 12;

/** Each voter's votes, newest first, as entity_votes rows: a double vote is two rows of one transaction. */
const VOTES: Record<string, Array<{ hoursAgo: number; rows: number }>> = {
	'140862798832861184': [
		{ hoursAgo: 2, rows: 2 },
		{ hoursAgo: 30, rows: 1 },
	],
	'205680187394752512': [{ hoursAgo: 20, rows: 1 }],
};

/** Everyone who ever voted, once each, as the user-list sends them: enough for two pages. */
const VOTERS = Array.from({ length: 130 }, (_, index) =>
	String(300000000000000000n + BigInt(index)),
);

const failure = (status: number, message: string): Answer => ({ status, body: { message } });
const INVALID_TOKEN = failure(401, 'Invalid session token');
const NOT_FOUND = failure(404, 'The requested resource could not be found.');

/** Popplio's Authorize: the header split at its first space into a kind and a token. */
function authorized(request: SeenRequest): Answer | null {
	const header = request.headers.authorization;
	if (header === undefined || header === '')
		return failure(401, 'Authentication is required. Check that a valid API token was provided.');
	const space = header.indexOf(' ');
	const prefix = space === -1 ? '' : header.slice(0, space).toLowerCase();
	const token = space === -1 ? header : header.slice(space + 1);
	if (token !== TOKEN) return { ...INVALID_TOKEN, headers: { 'x-session-invalid': 'true' } };
	if (prefix !== '' && prefix !== 'bot')
		return failure(401, `Invalid authorization prefix, expected ${prefix} but got bot`);
	return null;
}

function routes(request: SeenRequest): Answer {
	const route = `${request.method} ${request.path}`;
	if (route === 'POST /bots/stats') return authorized(request) ?? stats(request);
	if (route === `GET /bots/${BOT}/webhooks`)
		return authorized(request) ?? { status: 200, body: [] };
	const check = /^GET \/users\/([^/]+)\/bots\/([^/]+)\/votes$/.exec(route);
	if (check !== null) return voteCheck(check[1], check[2]);
	const list = /^GET \/bots\/([^/]+)\/votes\/user-list$/.exec(route);
	if (list !== null) return userList(list[1], request.query.page);
	return NOT_FOUND;
}

function stats(request: SeenRequest): Answer {
	const body = jsonBody(request) as Record<string, unknown> | undefined;
	const valid =
		body !== undefined &&
		Object.entries(body).every(
			([key, value]) =>
				['servers', 'shards', 'users'].includes(key) &&
				Number.isInteger(value) &&
				(value as number) >= 0,
		);
	return valid ? { status: 204 } : failure(400, 'The request was malformed or invalid.');
}

const voteInfo = {
	per_user: 1,
	vote_time: VOTE_TIME_HOURS,
	vote_credits: true,
	multiple_votes: true,
	supports_upvotes: true,
	supports_downvotes: true,
	supports_partial_vote_credits_redeem: false,
};

function voteCheck(user: string, bot: string): Answer {
	if (bot !== BOT) return failure(400, 'no rows in result set');
	const rows = (VOTES[user] ?? []).flatMap(({ hoursAgo, rows: count }) =>
		Array.from({ length: count }, (_, voteNum) => ({
			itag: `00000000-0000-0000-0000-${String(hoursAgo * 10 + voteNum).padStart(12, '0')}`,
			target_type: 'bot',
			target_id: BOT,
			author: user,
			upvote: true,
			void: false,
			void_reason: null,
			voided_at: null,
			created_at: goTime(NOW - hoursAgo * HOUR),
			vote_num: voteNum,
			credit_redeem: null,
			immutable: false,
		})),
	);
	const newest = VOTES[user]?.[0];
	const left = newest === undefined ? 0 : (VOTE_TIME_HOURS - newest.hoursAgo) * HOUR;
	const hasVoted = left > 0;
	return {
		status: 200,
		body: {
			has_voted: hasVoted,
			valid_votes: rows,
			vote_info: voteInfo,
			wait: hasVoted
				? {
						hours: Math.floor(left / HOUR),
						minutes: Math.floor((left % HOUR) / 60_000),
						seconds: Math.floor((left % 60_000) / 1000),
					}
				: null,
		},
	};
}

function userList(bot: string, page: string | undefined): Answer {
	const voters = bot === BOT ? VOTERS : [];
	if (page === undefined) return { status: 200, body: voters };
	if (!/^\d+$/.test(page))
		return { status: 400, body: { message: 'The request was malformed or invalid.' } };
	const start = (Number(page) - 1) * 100;
	return { status: 200, body: voters.slice(start, start + 100) };
}

const authorization = { authorization: `Bot ${TOKEN}` };
const voter = (userId: string) => ({
	platform: 'infinitybotlist',
	targetId: BOT,
	userId,
	username: null,
	votedAt: null,
	voteWeight: null,
});
const checkRequest = (user: string) => ({
	method: 'GET',
	path: `/users/${user}/bots/${BOT}/votes`,
	headers: authorization,
});
const listRequest = (page: number) => ({
	method: 'GET',
	path: `/bots/${BOT}/votes/user-list`,
	query: { page: String(page) },
	headers: authorization,
});

const cases: ApiCase[] = [
	{
		name: 'post stats',
		parameters: {
			resource: 'bot',
			operation: 'postStats',
			serverCount: 1500,
			additionalFields: { shardCount: 2, userCount: 90000 },
		},
		requests: [
			{
				method: 'POST',
				path: '/bots/stats',
				headers: { ...authorization, 'content-type': 'application/json' },
				body: { servers: 1500, shards: 2, users: 90000 },
			},
		],
		items: [
			{
				platform: 'infinitybotlist',
				targetId: null,
				posted: true,
				stats: { serverCount: 1500, shardCount: 2, userCount: 90000 },
			},
		],
	},
	{
		name: 'a user who voted 2 hours ago (a double vote)',
		tokenNotNeeded: true,
		parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '140862798832861184' },
		requests: [checkRequest('140862798832861184')],
		items: [
			{
				platform: 'infinitybotlist',
				targetId: BOT,
				userId: '140862798832861184',
				voted: true,
				votedAt: iso(NOW - 2 * HOUR),
				nextVoteAt: iso(NOW - 2 * HOUR + VOTE_TIME_HOURS * HOUR),
				voteWeight: 2,
			},
		],
	},
	{
		name: 'a user whose last vote is past the vote time',
		tokenNotNeeded: true,
		parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '205680187394752512' },
		requests: [checkRequest('205680187394752512')],
		items: [
			{
				platform: 'infinitybotlist',
				targetId: BOT,
				userId: '205680187394752512',
				voted: false,
				votedAt: iso(NOW - 20 * HOUR),
				nextVoteAt: null,
				voteWeight: 1,
			},
		],
	},
	{
		name: 'a user who never voted',
		tokenNotNeeded: true,
		parameters: { resource: 'vote', operation: 'get', botId: BOT, userId: '302050872383242240' },
		requests: [checkRequest('302050872383242240')],
		items: [
			{
				platform: 'infinitybotlist',
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
		name: 'every voter, over two pages of 100',
		tokenNotNeeded: true,
		parameters: { resource: 'vote', operation: 'getMany', botId: BOT, returnAll: true },
		requests: [listRequest(1), listRequest(2)],
		items: VOTERS.map(voter),
	},
	{
		name: 'the first two voters listed (Limit 2)',
		tokenNotNeeded: true,
		parameters: {
			resource: 'vote',
			operation: 'getMany',
			botId: BOT,
			returnAll: false,
			limit: 2,
		},
		requests: [listRequest(1)],
		items: VOTERS.slice(0, 2).map(voter),
	},
];

export const infinityBotListApiKit: ApiKit = {
	Node: InfinityBotList,
	Credential: InfinityBotListApi,
	tokenField: 'token',
	token: TOKEN,
	basePath: '',
	routes,
	badTokenStatus: 401,
	errors: {
		400: failure(400, 'no rows in result set'),
		401: INVALID_TOKEN,
		403: failure(
			403,
			'Entity permission checks failed: cross entity actions with this auth type are not supported',
		),
		404: failure(404, 'The bot associated with this session could not be found?'),
		500: failure(
			500,
			'An unexpected error occurred while processing the request. Please try again later.',
		),
	},
	cases,
};
