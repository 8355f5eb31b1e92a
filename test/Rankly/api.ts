import { RanklyApi } from '../../credentials/RanklyApi.credentials';
import { Rankly } from '../../nodes/Rankly/Rankly.node';
import type { Answer, SeenRequest } from '../helpers/standIn';
import type { ApiKit } from '../shared/apiKit';

/*
 * Rankly's public API as docs.rankly.live (bots/api-integration, servers/api-reference) documents it: one read,
 * GET /api/v1/votes/{userId} with X-API-Key, answering {success, data: {canVote}}; errors as {success: false, error}
 * (401 bad key, 404, 429 past 120 requests a minute per key, with no rate-limit headers yet).
 */

const KEY = 'rankly-api-key-for-tests';
/** A user still in the vote cooldown (cannot vote again yet). */
const VOTER = '140862798832861184';
const NON_VOTER = '111111111111111111';

const failure = (status: number, error: string): Answer => ({
	status,
	body: { success: false, error },
});

function routes(request: SeenRequest): Answer {
	if (request.headers['x-api-key'] !== KEY) return failure(401, 'Invalid API key');
	const single = /^GET \/votes\/(\d+)$/.exec(`${request.method} ${request.path}`);
	if (single === null) return failure(404, 'Not found');
	return { status: 200, body: { success: true, data: { canVote: single[1] !== VOTER } } };
}

const headers = { 'x-api-key': KEY };

export const ranklyApiKit: ApiKit = {
	Node: Rankly,
	Credential: RanklyApi,
	tokenField: 'apiKey',
	token: KEY,
	basePath: '/api/v1',
	routes,
	badTokenStatus: 401,
	errors: {
		401: failure(401, 'Invalid API key'),
		404: failure(404, 'Not found'),
		429: failure(429, 'Too many requests'),
		500: failure(500, 'Internal server error'),
	},
	cases: [
		{
			name: 'a user who cannot vote again yet (voted)',
			parameters: { resource: 'vote', operation: 'get', userId: VOTER },
			requests: [{ method: 'GET', path: `/votes/${VOTER}`, headers }],
			items: [
				{
					platform: 'rankly',
					targetId: null,
					userId: VOTER,
					voted: true,
					votedAt: null,
					nextVoteAt: null,
					voteWeight: null,
				},
			],
		},
		{
			name: 'a user who can vote (not voted)',
			parameters: { resource: 'vote', operation: 'get', userId: NON_VOTER },
			requests: [{ method: 'GET', path: `/votes/${NON_VOTER}`, headers }],
			items: [
				{
					platform: 'rankly',
					targetId: null,
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
