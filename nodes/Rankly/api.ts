import { z } from 'zod/v4';
import { type ApiList, answerTo } from '../shared/api/description';
import { voteStatusItem } from '../shared/api/items';

/**
 * Rankly's public API (docs.rankly.live, bots/api-integration and servers/api-reference): read-only, one endpoint,
 * GET /votes/{userId} with the X-API-Key header, answering {success, data: {canVote}}; 120 requests a minute.
 */

const LIST = 'Rankly';
const PLATFORM = 'rankly';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

const voteAnswer = z.object({
	success: z.boolean().optional(),
	data: z.object({ canVote: z.boolean() }),
});

/**
 * Rankly tells only whether the user may vote now; a user who may not has a vote still in its cooldown, so
 * `voted` is `!canVote` (an inference: Rankly sends no vote time, weight or target).
 */
export const voteStatus = answerTo(LIST, voteAnswer, function (body) {
	const userId = (this.getNodeParameter('userId') as string).trim();
	return [
		voteStatusItem(PLATFORM, {
			targetId: null,
			userId,
			voted: !body.data.canVote,
			votedAt: null,
			nextVoteAt: null,
			voteWeight: null,
			raw: body,
		}),
	];
});
