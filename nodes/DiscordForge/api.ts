import { z } from 'zod/v4';
import { type ApiList, answerTo } from '../shared/api/description';
import { botIdOrNull, isoFromText, voteStatusItem } from '../shared/api/items';

/**
 * DiscordForge's API as its docs (discordforge.js.org docs/post-stats, docs/check-votes, docs/rate-limits;
 * discordforge.org/support/developers) and its official SDKs (discordforge/sdk src/client.ts, discordforge/discordforge-py
 * discordforge/http.py) send it: the key raw in Authorization; `POST /bots/stats` with `{server_count, shard_count,
 * user_count, voice_connections}` (the key names the bot), once per 5 minutes; `GET /bots/{id}/votes/check?userId=`
 * answering `{hasVoted, votedAt, nextVoteAt}`, the times ISO 8601 or null, 60 a minute. No list of votes.
 */

const LIST = 'DiscordForge';
const PLATFORM = 'discordforge';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

const voteAnswer = z.object({
	hasVoted: z.boolean(),
	votedAt: z.string().max(64).nullable().optional(),
	nextVoteAt: z.string().max(64).nullable().optional(),
});

/** `voted` and both times as DiscordForge gives them; it sends no weight. */
export const voteStatus = answerTo(LIST, voteAnswer, function (body, response) {
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId: (this.getNodeParameter('userId') as string).trim(),
			voted: body.hasVoted,
			votedAt: isoFromText(body.votedAt),
			nextVoteAt: isoFromText(body.nextVoteAt),
			voteWeight: null,
			raw: response.body,
		}),
	];
});
