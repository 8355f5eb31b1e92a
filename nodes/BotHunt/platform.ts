import { z } from 'zod/v4';
import type { EventFields, Platform } from '../shared/platform';
import {
	discordId,
	eventDigest,
	integer,
	isObject,
	isoTimestamp,
	mapWith,
	once,
	unknownEvent,
} from '../shared/payload';
import { isoFromEpochMs, isoOrNull, parseIsoDateTime, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';

/**
 * Bothunt-Official/Bothunt-Guide `upvotes.md` (a field table): the voter, the bot, the voter's streak and the time
 * of this vote (`last_vote_time`).
 */
const upvote = once(() =>
	z.object({
		user_id: discordId(),
		bot_id: discordId(),
		streak_count: integer().nonnegative().nullable().optional(),
		last_vote_time: isoTimestamp().nullable().optional(),
	}),
);

/** "One vote per user per 12 h" (BotHunt's guide): when the voter may vote again. */
export const COOLDOWN_MS = 12 * 3_600_000;

const ACTIONS = ['upvote'];

export const botHunt: Platform<'vote'> = {
	name: 'bothunt',
	displayName: 'BotHunt',
	credentialType: 'botHuntWebhookApi',
	events: ['vote'],
	families: ['vote'],

	...authorizationSecret({
		list: 'BotHunt',
		field: 'token',
		label: 'Token',
		secretName: 'token',
		family: 'vote',
	}),

	/**
	 * The vote time identifies the vote: BotHunt's retries (up to 10, 2^N s apart) resend it unchanged, and the
	 * user's next vote is 12 hours later. A body without it falls back to the 11-hour window of the receive time
	 * (`voteWindow`), which two votes of one user arriving at least 11 hours apart never share, and where a retry
	 * that crosses a window's end gets a new id.
	 */
	map(body, { receivedAt }) {
		const action = isObject(body) ? body.action : undefined;
		if (action !== 'upvote') return unknownEvent('action', action, ACTIONS);
		return mapWith(upvote(), body, (payload): EventFields => {
			const received = receivedAt.getTime();
			const votedAt =
				typeof payload.last_vote_time === 'string'
					? parseIsoDateTime(payload.last_vote_time)
					: undefined;
			return {
				event: 'vote',
				isTest: false,
				targetType: 'bot',
				targetId: payload.bot_id,
				userId: payload.user_id,
				occurredAt: isoFromEpochMs(votedAt ?? received),
				eventId:
					votedAt === undefined
						? eventDigest(
								payload.bot_id,
								payload.user_id,
								'window',
								voteWindow(received, COOLDOWN_MS),
							)
						: eventDigest(payload.bot_id, payload.user_id, votedAt),
				nextVoteAt: isoOrNull((votedAt ?? received) + COOLDOWN_MS),
				voteStreak: payload.streak_count ?? null,
			};
		});
	},
};
