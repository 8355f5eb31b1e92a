import { TopggApi } from '../../credentials/TopggApi.credentials';
import { Topgg } from '../../nodes/Topgg/Topgg.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import { jsonBody } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Top.gg's v1 API as top-gg/developer-docs (api/v1/projects.mdx, votes.mdx, introduction.mdx; aa504b3) documents
 * it: Bearer tokens, problem+json errors, 204 for metrics, 404 for "no active vote", cursor pages that end with an
 * empty `data`. The docs give no page size; the stand-in sends 2 votes a page so that paging is exercised.
 */

const TOKEN = 'topgg-api-token-for-tests';
const PAGE_SIZE = 2;
const HOUR = 3_600_000;
/** Vote times relative to this run, so "the last 24 hours" and "an active vote" hold whenever the tests run. */
const NOW = Math.floor(Date.now() / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const VOTES = [
	{ topggUser: '900000000000000001', discordUser: '140862798832861184', hoursAgo: 20, weight: 1 },
	{ topggUser: '900000000000000002', discordUser: '205680187394752512', hoursAgo: 9, weight: 2 },
	{ topggUser: '900000000000000003', discordUser: '302050872383242240', hoursAgo: 3, weight: 1 },
];

const voteOf = (vote: (typeof VOTES)[number]) => ({
	user_id: vote.topggUser,
	platform_id: vote.discordUser,
	weight: vote.weight,
	created_at: iso(NOW - vote.hoursAgo * HOUR),
	expires_at: iso(NOW - vote.hoursAgo * HOUR + 12 * HOUR),
});

const problem = (status: number, title: string, detail: string): Answer => ({
	status,
	headers: { 'content-type': 'application/problem+json' },
	body: { type: 'about:blank', title, status, detail },
});

const PROJECT = {
	id: '218109768489992192',
	name: 'Miki',
	type: 'bot',
	platform: 'discord',
	headline: 'A great bot with tons of features!',
	tags: ['anime', 'economy', 'fun', 'leveling'],
	votes: 1120,
	votes_total: 313389,
	review_score: 4.38,
	review_count: 62245,
};

function routes(request: SeenRequest): Answer {
	if (request.headers.authorization !== `Bearer ${TOKEN}`)
		return problem(401, 'Unauthorized', 'The provided token is missing or invalid.');
	const route = `${request.method} ${request.path}`;
	if (route === 'GET /projects/@me') return { status: 200, body: PROJECT };
	if (route === 'PATCH /projects/@me/metrics') return metrics(request);
	if (route === 'GET /projects/@me/votes') return votesPage(request);
	const single = /^GET \/projects\/@me\/votes\/([^/]+)$/.exec(route);
	if (single !== null) return latestVote(single[1], request.query.source ?? 'topgg');
	return problem(404, 'Not Found', 'No such endpoint.');
}

function metrics(request: SeenRequest): Answer {
	const body = jsonBody(request) as Record<string, unknown> | undefined;
	const fields = ['server_count', 'shard_count'];
	const valid =
		body !== undefined &&
		Object.keys(body).length > 0 &&
		Object.entries(body).every(
			([key, value]) => fields.includes(key) && Number.isInteger(value) && (value as number) >= 0,
		);
	return valid
		? { status: 204 }
		: problem(422, 'Unprocessable Entity', 'The metrics are malformed.');
}

function latestVote(user: string, source: string): Answer {
	const vote = VOTES.find((entry) =>
		source === 'discord' ? entry.discordUser === user : entry.topggUser === user,
	);
	if (vote === undefined || NOW - vote.hoursAgo * HOUR + 12 * HOUR <= Date.now())
		return problem(404, 'Not Found', 'The user has not voted or their vote has expired.');
	const { created_at, expires_at, weight } = voteOf(vote);
	return { status: 200, body: { created_at, expires_at, weight } };
}

function votesPage(request: SeenRequest): Answer {
	const { cursor, startDate } = request.query;
	const start = cursor !== undefined ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
	const since = startDate === undefined ? NaN : Date.parse(startDate);
	if (cursor === undefined && !Number.isFinite(since))
		return problem(422, 'Unprocessable Entity', 'Either cursor or startDate is required.');
	const matching = VOTES.filter(
		(vote) => cursor !== undefined || NOW - vote.hoursAgo * HOUR >= since,
	).sort((a, b) => b.hoursAgo - a.hoursAgo);
	const page = matching.slice(start, start + PAGE_SIZE).map(voteOf);
	const next = Buffer.from(String(start + PAGE_SIZE)).toString('base64url');
	return { status: 200, body: { cursor: page.length === 0 ? '' : next, data: page } };
}

const authorization = { authorization: `Bearer ${TOKEN}` };
const item = (vote: (typeof VOTES)[number]) => ({
	platform: 'topgg',
	targetId: null,
	userId: vote.discordUser,
	username: null,
	votedAt: iso(NOW - vote.hoursAgo * HOUR),
	voteWeight: vote.weight,
});

export const topggApiKit: ApiKit = {
	Node: Topgg,
	Credential: TopggApi,
	tokenField: 'token',
	token: TOKEN,
	basePath: '/api/v1',
	routes,
	badTokenStatus: 401,
	errors: {
		401: problem(401, 'Unauthorized', 'The provided token is missing or invalid.'),
		404: problem(404, 'Project not found', 'The project was not found.'),
		422: problem(422, 'Unprocessable Entity', 'The metrics are malformed.'),
		429: { status: 429, headers: { 'retry-after': '3600' }, body: { 'retry-after': 3600 } },
		500: problem(500, 'Internal Server Error', 'Something went wrong.'),
	},
	cases: [
		{
			name: 'post stats (the docs example)',
			parameters: {
				resource: 'bot',
				operation: 'postStats',
				serverCount: 420,
				additionalFields: { shardCount: 67 },
			},
			requests: [
				{
					method: 'PATCH',
					path: '/projects/@me/metrics',
					headers: { ...authorization, 'content-type': 'application/json' },
					body: { server_count: 420, shard_count: 67 },
				},
			],
			items: [
				{
					platform: 'topgg',
					targetId: null,
					posted: true,
					stats: { serverCount: 420, shardCount: 67 },
				},
			],
		},
		{
			name: 'a user with an active vote',
			notFoundIsAnAnswer: true,
			parameters: { resource: 'vote', operation: 'get', userId: VOTES[2].discordUser },
			requests: [
				{
					method: 'GET',
					path: `/projects/@me/votes/${VOTES[2].discordUser}`,
					query: { source: 'discord' },
					headers: authorization,
				},
			],
			items: [
				{
					platform: 'topgg',
					targetId: null,
					userId: VOTES[2].discordUser,
					voted: true,
					votedAt: voteOf(VOTES[2]).created_at,
					nextVoteAt: voteOf(VOTES[2]).expires_at,
					voteWeight: 1,
				},
			],
		},
		{
			name: 'a user with no active vote (404)',
			notFoundIsAnAnswer: true,
			parameters: { resource: 'vote', operation: 'get', userId: '111111111111111111' },
			requests: [
				{
					method: 'GET',
					path: '/projects/@me/votes/111111111111111111',
					query: { source: 'discord' },
					headers: authorization,
				},
			],
			items: [
				{
					platform: 'topgg',
					targetId: null,
					userId: '111111111111111111',
					voted: false,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
		{
			name: 'every vote since a date, over two pages',
			parameters: {
				resource: 'vote',
				operation: 'getMany',
				returnAll: true,
				since: iso(NOW - 22 * HOUR),
			},
			requests: [
				{
					method: 'GET',
					path: '/projects/@me/votes',
					query: { startDate: iso(NOW - 22 * HOUR) },
					headers: authorization,
				},
				{
					method: 'GET',
					path: '/projects/@me/votes',
					query: { startDate: iso(NOW - 22 * HOUR), cursor: 'Mg' },
					headers: authorization,
				},
				{
					method: 'GET',
					path: '/projects/@me/votes',
					query: { startDate: iso(NOW - 22 * HOUR), cursor: 'NA' },
					headers: authorization,
				},
			],
			items: VOTES.map(item),
		},
		{
			name: 'the oldest vote since a date (Limit 1)',
			parameters: {
				resource: 'vote',
				operation: 'getMany',
				returnAll: false,
				limit: 1,
				since: iso(NOW - 22 * HOUR),
			},
			requests: [
				{
					method: 'GET',
					path: '/projects/@me/votes',
					query: { startDate: iso(NOW - 22 * HOUR) },
					headers: authorization,
				},
			],
			items: [item(VOTES[0])],
		},
	],
};
