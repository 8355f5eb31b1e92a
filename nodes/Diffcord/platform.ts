import { z } from 'zod/v4';
import type { Platform } from '../shared/platform';
import { boundedString, discordId, essential, integer, isoFromEpochMs, isoFromString, isoTimestamp, mapWith, once, seconds } from '../shared/payload';
import { checkHeaderSecret, headerValue, missingSecret, secretOf, tokenMatches } from '../shared/tokenAuth';

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

	provesWithHeadersOnly: () => true,

	verify(request, credentials) {
		const code = secretOf(credentials, 'verificationCode');
		if (code === '') return missingSecret('Diffcord', 'verification code');
		if (!tokenMatches([headerValue(request, 'authorization')], code)) {
			return { ok: false, status: 401, error: 'Authorization header does not match the verification code' };
		}
		return { ok: true, family: 'vote' };
	},

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

	checkCredential(credentials) {
		const problem = checkHeaderSecret(credentials, 'verificationCode', 'Verification Code');
		return problem ? { ok: false, message: problem } : { ok: true, message: 'Verification Code is set' };
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
