import { z } from 'zod/v4';
import type { EventFields, Mapping, Platform } from '../shared/platform';
import {
	boundedString,
	discordId,
	eventDigest,
	forwardedQuery,
	integer,
	isObject,
	mapWith,
	once,
	queryParameters,
	unknownEvent,
} from '../shared/payload';
import { isoFromEpochMs, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';
import { mapDashboardTest } from '../shared/dashboardTest';

/**
 * Discords (formerly Bots for Discord) has two doc generations, both accepted. The newer (docs.discords.com)
 * sends `vote`, `premium_vote` (with the vote page's `query` and the sender's `engine`) and `review` (`stars`,
 * `content`); the older sends `vote` and `test` with the bot's vote counts in `votes`. Neither sends an id or a time.
 */

const count = once(() => integer().nonnegative().nullable().optional());

const vote = once(() =>
	z.object({
		user: discordId(),
		bot: discordId(),
		query: forwardedQuery().nullable().optional(),
		engine: boundedString(256).nullable().optional(),
		votes: z
			.object({ totalVotes: count(), votesMonth: count(), votes24: count() })
			.nullable()
			.optional(),
	}),
);

const review = once(() =>
	z.object({
		user: discordId(),
		bot: discordId(),
		stars: z.number().min(0).max(5),
		content: boundedString(10_000),
	}),
);

const TYPES = ['vote', 'premium_vote', 'review', 'test'];

/**
 * No cooldown is documented and no retry either ("no response is required"), so the cooldown assumed is two hours,
 * half the shortest any list is known to use (Infinity's premium 4 hours): the hour of the receive time
 * (`voteWindow`) stands in for the vote's time, and two votes of one user arriving an hour or more apart never
 * share it, whatever the real cooldown is from two hours up. A repeated delivery that crosses the hour's end gets a
 * new id.
 */
export const COOLDOWN_MS = 2 * 3_600_000;

export const discords: Platform<'webhook'> = {
	name: 'discords',
	displayName: 'Discords',
	credentialType: 'discordsWebhookApi',
	events: ['vote', 'comment_created', 'test'],
	families: ['webhook'],

	...authorizationSecret({
		list: 'Discords',
		field: 'authorization',
		label: 'Authorization',
		secretName: 'authorization',
		family: 'webhook',
	}),

	map(body, { receivedAt }) {
		const type = isObject(body) ? body.type : undefined;
		const received = receivedAt.getTime();
		const window = voteWindow(received, COOLDOWN_MS);
		if (type === 'vote' || type === 'premium_vote') return mapVote(body, type, received, window);
		if (type === 'review') return mapReview(body, received, window);
		if (type === 'test') return mapDashboardTest(body, received);
		return unknownEvent('type', type, TYPES);
	},
};

function mapVote(
	body: unknown,
	type: 'vote' | 'premium_vote',
	received: number,
	window: number,
): Mapping {
	return mapWith(
		vote(),
		body,
		(payload): EventFields => ({
			event: 'vote',
			isTest: false,
			isPremiumVote: type === 'premium_vote',
			targetType: 'bot',
			targetId: payload.bot,
			userId: payload.user,
			occurredAt: isoFromEpochMs(received),
			eventId: eventDigest(payload.bot, payload.user, type, 'window', window),
			totalVotes: payload.votes?.totalVotes ?? null,
			monthlyVotes: payload.votes?.votesMonth ?? null,
			query: payload.query ? queryParameters(payload.query) : null,
		}),
	);
}

function mapReview(body: unknown, received: number, window: number): Mapping {
	return mapWith(
		review(),
		body,
		(payload): EventFields => ({
			event: 'comment_created',
			isTest: false,
			targetType: 'bot',
			targetId: payload.bot,
			userId: payload.user,
			occurredAt: isoFromEpochMs(received),
			eventId: eventDigest(
				payload.bot,
				payload.user,
				payload.stars,
				payload.content,
				'window',
				window,
			),
			commentText: payload.content,
			commentRating: payload.stars,
		}),
	);
}
