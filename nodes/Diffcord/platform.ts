import { z } from 'zod/v4';
import type { Platform } from '../shared/platform';
import {
	boundedString,
	discordId,
	essential,
	integer,
	isoTimestamp,
	mapWith,
	once,
	seconds,
} from '../shared/payload';
import { isoFromEpochMs, isoFromString } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';

/** docs.diffcord.com "user vote" resource; before 2023-03 `voted_at` stood where `since_vote` is now. */
const vote = once(() =>
	z.object({
		vote_id: boundedString(128, 1),
		user_id: discordId(),
		bot_id: discordId(),
		since_vote: seconds().nullable().optional(),
		voted_at: isoTimestamp().nullable().optional(),
		rewarded: z.boolean().optional(),
		test: essential(z.boolean().optional()),
		monthly_votes: integer().nonnegative().optional(),
	}),
);

type Vote = z.output<ReturnType<typeof vote>>;

export const diffcord: Platform<'vote'> = {
	name: 'diffcord',
	displayName: 'Diffcord',
	credentialType: 'diffcordWebhookApi',
	events: ['vote'],
	families: ['vote'],

	...authorizationSecret({
		list: 'Diffcord',
		field: 'verificationCode',
		label: 'Verification Code',
		secretName: 'verification code',
		family: 'vote',
	}),

	map(body, { receivedAt }) {
		return mapWith(vote(), body, (payload) => ({
			event: 'vote',
			isTest: payload.test === true,
			targetType: 'bot',
			targetId: payload.bot_id,
			userId: payload.user_id,
			occurredAt: occurredAt(payload, receivedAt),
			eventId: payload.vote_id,
			monthlyVotes: payload.monthly_votes ?? null,
		}));
	},
};

/** Diffcord sends how long ago the vote happened, not when: a redelivery has a larger `since_vote`. */
function occurredAt(payload: Vote, receivedAt: Date): string {
	if (typeof payload.since_vote === 'number') {
		return isoFromEpochMs(receivedAt.getTime() - Math.round(payload.since_vote * 1000));
	}
	if (typeof payload.voted_at === 'string') return isoFromString(payload.voted_at);
	return isoFromEpochMs(receivedAt.getTime());
}
