import { z } from 'zod/v4';
import { type ApiList, answerTo } from '../shared/api/description';
import { botIdOrNull, isoFromText, voteStatusItem } from '../shared/api/items';

/**
 * Void Bots' API (base `https://api.voidbots.net`, from its official module Void-Bots/npm). The has-voted path
 * `GET /bot/voted/:botId/:userId` is the official module's ("Returns true if a user has voted for your bot in the
 * last 12 hours"), but the module returns the answer as text, so its shape comes from third-party code only:
 * `{voted: boolean}` (a third-party list library), plus `votedAt` and `nextVote` as ISO strings when voted
 * (ggashish/voidapi reads `botid`, `voter`, `voted`, `votedAt`, `nextVote`). Only `voted` is required; the times are
 * read where they are ISO and are null otherwise, never an error.
 */

const LIST = 'Void Bots';
const PLATFORM = 'voidbots';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

/** A time the third-party readers name: a string, or null when it is anything else (never an error). */
const optionalTime = () => z.string().max(64).nullable().optional().catch(null);

const votedAnswer = z.looseObject({
	voted: z.boolean(),
	votedAt: optionalTime(),
	nextVote: optionalTime(),
});

/** Voted: Void Bots' own `voted`; the times as the third-party readers name them, or null. */
export const voteStatus = answerTo(LIST, votedAnswer, function (body, response) {
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId: (this.getNodeParameter('userId') as string).trim(),
			voted: body.voted,
			votedAt: isoFromText(body.votedAt),
			nextVoteAt: isoFromText(body.nextVote),
			voteWeight: null,
			raw: response.body,
		}),
	];
});
