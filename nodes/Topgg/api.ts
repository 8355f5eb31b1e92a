import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';
import { successBody, unexpectedAnswer } from '../shared/api/answers';
import { type ApiList, answerTo, parsedAnswer } from '../shared/api/description';
import { isoFromText, listedVoteItems, voteStatusItem } from '../shared/api/items';
import { cursorPagination } from '../shared/api/pages';

/**
 * Top.gg's v1 API (top-gg/developer-docs api/v1/projects.mdx and votes.mdx; the official node-sdk 4.0.0 and
 * python-sdk 2.0.0 send the same requests). The token names the project, so no path holds a bot ID.
 */

const LIST = 'Top.gg';
const PLATFORM = 'topgg';

export const apiList: ApiList = { name: LIST, platform: PLATFORM };

/** Get Many reads votes from this long ago when Since is empty: one vote's lifetime (12 h, 24 h on weekends) and more. */
const DEFAULT_SINCE_MS = 24 * 3_600_000;
/** Top.gg refuses a startDate more than a year back. */
const OLDEST_SINCE_MS = 365 * 24 * 3_600_000;

export const VOTES_MAX_PAGES = 1000;

const isoText = z.string().max(64);

const voteAnswer = z.object({
	created_at: isoText,
	expires_at: isoText,
	weight: z.number().nullable().optional(),
});

/** 200: the user's latest vote, active until `expires_at`; 404: no active vote ("not voted", as both SDKs read it). */
export const voteStatus = answerTo(
	LIST,
	z.unknown(),
	function (body, response) {
		const userId = (this.getNodeParameter('userId') as string).trim();
		if (response.statusCode === 404) return [voteStatusItem(PLATFORM, noVote(userId, body))];
		const parsed = voteAnswer.safeParse(body);
		if (!parsed.success)
			throw unexpectedAnswer(this, LIST, response, parsed.error.issues[0].message);
		const vote = parsed.data;
		const expiresAt = isoFromText(vote.expires_at);
		return [
			voteStatusItem(PLATFORM, {
				targetId: null,
				userId,
				voted: expiresAt !== null && Date.parse(expiresAt) > Date.now(),
				votedAt: isoFromText(vote.created_at),
				nextVoteAt: expiresAt,
				voteWeight: vote.weight ?? null,
				raw: body,
			}),
		];
	},
	[404],
);

function noVote(userId: string, body: unknown) {
	return {
		targetId: null,
		userId,
		voted: false,
		votedAt: null,
		nextVoteAt: null,
		voteWeight: null,
		raw: body ?? null,
	};
}

const votesPage = z.object({
	cursor: z.string().nullable().optional(),
	data: z.array(
		z.object({
			user_id: z.string().max(64).optional(),
			platform_id: z.string().max(64),
			weight: z.number().nullable().optional(),
			created_at: isoText.nullable().optional(),
		}),
	),
});

export const nextVotesPage = cursorPagination({
	credentialType: 'topggApi',
	cursorParameter: 'cursor',
	maxPages: VOTES_MAX_PAGES,
	readPage(response) {
		const body = successBody.call(this, LIST, response);
		const { cursor, data } = parsedAnswer(this, LIST, votesPage, response, body);
		const items = listedVoteItems(
			PLATFORM,
			data.map((vote, index) => ({
				targetId: null,
				userId: vote.platform_id,
				username: null,
				votedAt: isoFromText(vote.created_at),
				voteWeight: vote.weight ?? null,
				raw: (body as { data: unknown[] }).data[index],
			})),
		);
		return { items, cursor: cursor ? cursor : null };
	},
});

/** Since as Top.gg's startDate: the user's date, or a day back when empty; refused past Top.gg's one year. */
export async function startDate(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const since = String(this.getNodeParameter('since', '') ?? '').trim();
	const now = Date.now();
	const at = since === '' ? now - DEFAULT_SINCE_MS : Date.parse(since);
	if (!Number.isFinite(at) || at < now - OLDEST_SINCE_MS)
		throw new NodeOperationError(
			this.getNode(),
			`Since must be a date within the last year (Top.gg reads no further back), got "${since.slice(0, 40)}"`,
			{ description: 'Nothing was sent to Top.gg.' },
		);
	return { ...options, qs: { ...options.qs, startDate: new Date(at).toISOString() } };
}
