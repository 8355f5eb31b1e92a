import { z } from 'zod/v4';
import { type ApiList, answerTo } from '../shared/api/description';
import { botIdOrNull, isoFromMs, voteStatusItem } from '../shared/api/items';

/**
 * discord.place's API (discordplace/discord.place server/openapi.json 1.1.0 and the route handlers under
 * server/src/routes/bots/[id]): a vote lasts 24 hours, and the voter answer carries the last vote in epoch ms.
 */

const LIST = 'discord.place';
const PLATFORM = 'discordplace';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

/** A vote counts for this long (the voters handler's 86400000). */
const VOTE_LIFETIME_MS = 24 * 3_600_000;

const voterAnswer = z.object({
	voted: z.boolean(),
	vote: z.number(),
	lastVote: z.number().nullable(),
});

/**
 * `voted` as discord.place says (a vote in the last 24 hours); `vote` is the user's count of votes for the bot, not
 * a weight, so the weight stays null. The next vote opens 24 hours after the last one while it is active.
 */
export const voteStatus = answerTo(LIST, voterAnswer, function (body, response) {
	const votedAt = isoFromMs(body.lastVote);
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId: (this.getNodeParameter('userId') as string).trim(),
			voted: body.voted,
			votedAt,
			nextVoteAt:
				body.voted && body.lastVote !== null ? isoFromMs(body.lastVote + VOTE_LIFETIME_MS) : null,
			voteWeight: null,
			raw: response.body,
		}),
	];
});
