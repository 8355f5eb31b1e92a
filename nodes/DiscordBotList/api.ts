import { z } from 'zod/v4';
import { type ApiList, answerTo } from '../shared/api/description';
import {
	botIdOrNull,
	isoFromMs,
	isoFromText,
	listedVoteItems,
	voteStatusItem,
} from '../shared/api/items';
import { parseIsoDateTime } from '../shared/time';
import { COOLDOWN_MS } from './platform';

/**
 * Discord Bot List's v1 API as docs.discordbotlist.com documents it ("Bot Statistics", "Vote API") and its official
 * client, npm discordbotlist 1.1.1 (github.com/cataclym/discordbotlist src/api/endpoints.ts and types.ts), sends it:
 * the token raw in Authorization; `POST /bots/{id}/stats` with `{guilds, users, voice_connections, shard_id}`,
 * answering `{success: true}`; `GET /bots/{id}/upvotes` answering `{upvotes: [{user_id, timestamp, username,
 * discriminator, avatar}], total}`: the most recent 500 votes of the last 12 hours, each `timestamp` ISO 8601
 * ("2023-01-09T02:26:33.375Z"). There is no vote check: Vote > Get looks for the user among those votes.
 */

const LIST = 'Discord Bot List';
const PLATFORM = 'discordbotlist';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

const upvotesAnswer = z.object({
	upvotes: z.array(
		z.looseObject({
			user_id: z.string().max(32),
			timestamp: z.string().max(64),
			username: z.string().nullable().optional(),
		}),
	),
	total: z.number().optional(),
});

type Upvote = z.infer<typeof upvotesAnswer>['upvotes'][number];

/**
 * Voted: the user is among the upvotes of the last 12 hours Discord Bot List returns (at most the 500 most recent, so
 * a vote older than the 500th is not seen). The vote's time is its `timestamp`; the next vote opens 12 hours later
 * (the 12-hour window the docs give the list, read as the cooldown: an inference, as in ./platform.ts).
 */
export const voteStatus = answerTo(LIST, upvotesAnswer, function (body, response) {
	const userId = (this.getNodeParameter('userId') as string).trim();
	const own = body.upvotes.filter((vote) => vote.user_id === userId);
	const latest = latestTime(own);
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId,
			voted: own.length > 0,
			votedAt: latest === null ? null : isoFromMs(latest),
			nextVoteAt: latest === null ? null : isoFromMs(latest + COOLDOWN_MS),
			voteWeight: null,
			raw: response.body,
		}),
	];
});

/** One item per upvote, in the list's order; Limit cuts the list. */
export const listedVotes = answerTo(LIST, upvotesAnswer, function (body) {
	const targetId = botIdOrNull(this);
	return listedVoteItems(
		PLATFORM,
		body.upvotes.map((vote) => ({
			targetId,
			userId: vote.user_id,
			username: typeof vote.username === 'string' && vote.username !== '' ? vote.username : null,
			votedAt: isoFromText(vote.timestamp),
			voteWeight: null,
			raw: vote,
		})),
	);
});

/** The latest time among the user's upvotes that has a readable timestamp, in epoch ms, or null. */
function latestTime(votes: Upvote[]): number | null {
	let latest: number | null = null;
	for (const vote of votes) {
		const ms = parseIsoDateTime(vote.timestamp);
		if (ms !== undefined && (latest === null || ms > latest)) latest = ms;
	}
	return latest;
}
