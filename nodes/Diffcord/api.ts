import { z } from 'zod/v4';
import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { type ApiList, answerTo } from '../shared/api/description';
import { isoFromMs, voteStatusItem } from '../shared/api/items';

/**
 * Diffcord's v1 API as its official SDKs call it: diff-cord/node-sdk (npm `diffcord`, src/diffcord-client.ts and
 * src/diffcord-api.d.ts at 171b238, 2023-05-08) and diff-cord/python-sdk (PyPI `diffcord` 1.0.3, diffcord/api.py,
 * client.py, vote.py at 7637a04, 2023-05-09), with docs.diffcord.com (resources/vote-user, rate-limits). Base
 * `https://www.diffcord.com/api/v1` (both SDKs' newest; earlier `https://api.diffcord.com/v1`), the key in
 * `x-api-key`. `POST /stats?guilds=&shards=` (the numbers in the query, no body; 204 on success);
 * `GET /users/{id}/votes` → `{data: {user_id, bot_id, monthly_votes, since_last_vote, next_vote}, error: null}`,
 * both times in seconds relative to the answer; `GET /votes` → `{data: {month_votes}}` (no vote list). Errors
 * `{data: null, error: {code, message}}`: 401 `ERR_INVALID_API_KEY` for a bad key, 429, 500.
 */

const LIST = 'Diffcord';
const PLATFORM = 'diffcord';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

const seconds = z.number().nonnegative().max(1e10);

const voteUserAnswer = z.object({
	data: z
		.looseObject({
			user_id: z.string().max(32),
			bot_id: z.string().max(32),
			monthly_votes: z.number().int().nonnegative().optional(),
			since_last_vote: seconds.nullable(),
			next_vote: seconds.optional(),
			/** The Python SDK's name for `next_vote` (vote.py); the docs and the Node SDK say `next_vote`. */
			until_next_vote: seconds.optional(),
		})
		.refine((data) => data.next_vote !== undefined || data.until_next_vote !== undefined, {
			message: 'missing (Diffcord sends the seconds until the next vote as next_vote)',
			path: ['next_vote'],
		}),
});

/** The moment the answer's relative seconds count from: its Date header, else the time it arrived. */
function answeredAtMs(response: IN8nHttpFullResponse): number {
	const header = response.headers?.date;
	const at = typeof header === 'string' ? Date.parse(header) : NaN;
	return Number.isFinite(at) ? at : Date.now();
}

/**
 * Diffcord says how long until the user may vote again (`next_vote`, 0 when they may vote now) and how long since
 * their last vote: `voted` is a vote still in its cooldown (`next_vote` > 0), as the SDK's `can_vote` is its
 * opposite. Both times are counted from the answer; `monthly_votes` is a count, not a weight, and stays in `raw`.
 */
export const voteStatus = answerTo(LIST, voteUserAnswer, function (body, response) {
	const at = answeredAtMs(response);
	const untilNext = body.data.next_vote ?? body.data.until_next_vote ?? 0;
	const since = body.data.since_last_vote;
	return [
		voteStatusItem(PLATFORM, {
			targetId: body.data.bot_id,
			userId: (this.getNodeParameter('userId') as string).trim(),
			voted: untilNext > 0,
			votedAt: since === null ? null : isoFromMs(at - Math.round(since * 1000)),
			nextVoteAt: untilNext > 0 ? isoFromMs(at + Math.round(untilNext * 1000)) : null,
			voteWeight: null,
			raw: response.body,
		}),
	];
});
