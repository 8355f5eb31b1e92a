import { z } from 'zod/v4';
import { successBody } from '../shared/api/answers';
import { type ApiList, answerTo, parsedAnswer } from '../shared/api/description';
import { botIdOrNull, isoFromText, listedVoteItems, voteStatusItem } from '../shared/api/items';
import { pageNumberPagination } from '../shared/api/pages';

/**
 * Omniplex's API (formerly Infinity Bot List), Popplio as InfinityBotList/Popplio serves it at commit
 * 1709b0c5489a35487ee9f7a6635481d3279c3c52 (2026-08-05), read from the source, not from prose:
 * - routes/bots/router.go + routes/bots/endpoints/post_bot_stats/route.go: POST /bots/stats, bot token, 204;
 *   types/bot.go BotStats `{servers, shards, users, shard_list, status}`; a field left out or 0 keeps its value.
 * - routes/votes/router.go + endpoints/get_user_entity_votes/route.go, votes/common.go EntityVoteCheck and
 *   EntityGiveVotes (one vote is `per_user` rows in one transaction, create_user_entity_vote/route.go),
 *   types/vote.go UserVote `{has_voted, valid_votes[EntityVote], vote_info, wait}`: GET
 *   /users/{uid}/bots/{bot_id}/votes, no auth; an unknown bot is a 400.
 * - endpoints/get_votes_user_list/route.go: GET /bots/{bot_id}/votes/user-list?page=N, no auth, a JSON array of
 *   voter ids (every user who ever voted, once each), 100 a page from page 1.
 * - api/uapi.go Authorize + types/common.go ApiError: `Authorization: [Bot ]<token>`, errors `{message, context?}`,
 *   401 `{message: "Invalid session token"}` for a bad token; main.go names the `Bot ` prefix.
 * - README.md, SECURITY.md: production is https://spider.omniplex.gg (config/config.go still defaults to
 *   spider.infinitybots.gg; InfinityBotList/Omniplex src/lib/constants.ts calls spider.omniplex.gg).
 */

const LIST = 'Omniplex (Infinity Bot List)';
const PLATFORM = 'infinitybotlist';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

/** Popplio's user-list page size (`perPage`). */
export const VOTES_PAGE_SIZE = 100;
export const VOTES_MAX_PAGES = 1000;

const HOUR_MS = 3_600_000;

const entityVote = z.looseObject({
	created_at: z.string().max(64),
	upvote: z.boolean(),
});

const userVote = z.object({
	has_voted: z.boolean(),
	valid_votes: z.array(entityVote).nullable(),
	vote_info: z
		.looseObject({ vote_time: z.number(), multiple_votes: z.boolean() })
		.nullable()
		.optional(),
	wait: z.unknown().optional(),
});

/**
 * `has_voted`: a vote within the bot's vote time (12 h, 4 h premium, 6 h on double-vote days). The votes come newest
 * first; one vote is `per_user` rows made in one transaction, so the rows sharing the newest `created_at` are its
 * weight (negative for a downvote, as the trigger gives it). The next vote is the newest one plus the vote time.
 */
export const voteStatus = answerTo(LIST, userVote, function (body, response) {
	const userId = (this.getNodeParameter('userId') as string).trim();
	const votes = body.valid_votes ?? [];
	const latest = votes[0];
	const votedAt = latest === undefined ? null : isoFromText(latest.created_at);
	const weight =
		latest === undefined
			? null
			: votes.filter((vote) => vote.created_at === latest.created_at).length *
				(latest.upvote ? 1 : -1);
	const info = body.vote_info;
	const nextVoteAt =
		body.has_voted && votedAt !== null && info?.multiple_votes === true
			? new Date(Date.parse(votedAt) + info.vote_time * HOUR_MS).toISOString()
			: null;
	return [
		voteStatusItem(PLATFORM, {
			targetId: botIdOrNull(this),
			userId,
			voted: body.has_voted,
			votedAt,
			nextVoteAt,
			voteWeight: weight,
			raw: response.body,
		}),
	];
});

const voterPage = z.array(z.string().max(64));

/** One item per voter: Popplio lists ids only, so the times, names and weights stay empty. */
export const nextVotersPage = pageNumberPagination({
	credentialType: 'infinityBotListApi',
	pageParameter: 'page',
	firstPage: 1,
	pageSize: VOTES_PAGE_SIZE,
	maxPages: VOTES_MAX_PAGES,
	readPage(response) {
		const body = successBody.call(this, LIST, response);
		const voters = parsedAnswer(this, LIST, voterPage, response, body);
		const targetId = botIdOrNull(this);
		return listedVoteItems(
			PLATFORM,
			voters.map((userId) => ({
				targetId,
				userId,
				username: null,
				votedAt: null,
				voteWeight: null,
				raw: userId,
			})),
		);
	},
});
