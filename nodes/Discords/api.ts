import { z } from 'zod/v4';
import { answerTo } from '../shared/api/description';
import {
	botIdOrNull,
	listedVoteItems,
	postedItem,
	sentStats,
	voteStatusItem,
} from '../shared/api/items';

/**
 * Discords' bot API (formerly Bots for Discord): the votes answer (`GET /bot/{id}/votes`) names the voters of the
 * last 24 hours and of all time, with no vote times, so Vote > Get reads `hasVoted24` and Get Many lists its ids.
 */

const LIST = 'Discords';
const PLATFORM = 'discords';

const snowflakes = z.array(z.union([z.string().max(32), z.number()]));

const votesAnswer = z.object({
	hasVoted: snowflakes.optional(),
	hasVoted24: snowflakes,
	votes: z.number().optional(),
	votes24: z.number().optional(),
	votesMonth: z.number().optional(),
});

/** Any 2xx: the stats were taken (bfdapi.js shows `{message, success: true}`); the answer is kept in `raw`. */
export const posted = answerTo(LIST, z.unknown(), function (body) {
	return [postedItem(PLATFORM, botIdOrNull(this), sentStats(this), body ?? null)];
});

/** Voted: the user is among the last 24 hours' voters; Discords gives no vote time, so both times stay null. */
export const voteStatus = answerTo(LIST, votesAnswer, function (body, response) {
	const userId = (this.getNodeParameter('userId') as string).trim();
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId,
			voted: body.hasVoted24.map(String).includes(userId),
			votedAt: null,
			nextVoteAt: null,
			voteWeight: null,
			raw: response.body,
		}),
	];
});

/** One item per voter of the last 24 hours, as Discords lists them; Limit cuts the list. */
export const recentVoters = answerTo(LIST, votesAnswer, function (body) {
	const targetId = botIdOrNull(this);
	return listedVoteItems(
		PLATFORM,
		body.hasVoted24.map((id) => ({
			targetId,
			userId: String(id),
			username: null,
			votedAt: null,
			voteWeight: null,
			raw: { id: String(id) },
		})),
	);
});
