import { z } from 'zod/v4';
import { type ApiList, answerTo } from '../shared/api/description';
import { botIdOrNull, listedVoteItems, voteStatusItem } from '../shared/api/items';

/**
 * Discords' bot API (formerly Bots for Discord) as its official wrapper bfd-api-redux 1.2.4-beta sends it: the votes
 * come from `GET /bot/{id}/getvotes` as `{votes: [{user_id, …}]}`, and no source names a time field of a vote, so
 * both times stay null and each vote is kept whole in `raw`.
 */

const LIST = 'Discords';
const PLATFORM = 'discords';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

const votesAnswer = z.object({
	votes: z.array(z.looseObject({ user_id: z.union([z.string().max(32), z.number()]) })),
});

/** Voted: the user is among the votes Discords lists, as the wrapper's checkVote reads them. */
export const voteStatus = answerTo(LIST, votesAnswer, function (body, response) {
	const userId = (this.getNodeParameter('userId') as string).trim();
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId,
			voted: body.votes.some((vote) => String(vote.user_id) === userId),
			votedAt: null,
			nextVoteAt: null,
			voteWeight: null,
			raw: response.body,
		}),
	];
});

/** One item per vote Discords lists, in its order; Limit cuts the list. */
export const listedVotes = answerTo(LIST, votesAnswer, function (body) {
	const targetId = botIdOrNull(this);
	return listedVoteItems(
		PLATFORM,
		body.votes.map((vote) => ({
			targetId,
			userId: String(vote.user_id),
			username: null,
			votedAt: null,
			voteWeight: null,
			raw: vote,
		})),
	);
});
