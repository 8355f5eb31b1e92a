import { z } from 'zod/v4';
import type { EventFields, Platform } from '../shared/platform';
import { boundedString, discordId, essential, eventDigest, integer, isoFromEpochMs, mapWith, once } from '../shared/payload';
import { checkHeaderSecret, headerValue, missingSecret, secretOf, tokenMatches } from '../shared/tokenAuth';

/**
 * DiscordForge's SDK docs (its only description of webhooks): the voter, their vote counts and `isTest` from the
 * dashboard's Test Webhook button. The body names neither the bot nor the time of the vote.
 */
const vote = once(() =>
	z.object({
		id: discordId(),
		username: boundedString(256).nullable().optional(),
		avatar: boundedString(2048).nullable().optional(),
		admin: z.boolean().nullable().optional(),
		weeklyVotes: integer().nonnegative().nullable().optional(),
		totalVotes: integer().nonnegative().nullable().optional(),
		isTest: essential(z.boolean().nullable().optional()),
	}),
);

/**
 * DiscordForge's docs say a user votes once per 8 hours; its API example shows 12. The smaller window is the
 * one in which two votes of one user can never fall together, whichever is right.
 */
const WINDOW_MS = 8 * 3_600_000;

export const discordForge: Platform<'vote'> = {
	name: 'discordforge',
	displayName: 'DiscordForge',
	credentialType: 'discordForgeWebhookApi',
	events: ['vote'],
	families: ['vote'],
	omitsTarget: true,

	provesWithHeadersOnly: () => true,

	verify(request, credentials) {
		const secret = secretOf(credentials, 'webhookSecret');
		if (secret === '') return missingSecret('DiscordForge', 'webhook secret');
		if (!tokenMatches([headerValue(request, 'authorization')], secret)) {
			return { ok: false, status: 401, error: 'Authorization header does not match the webhook secret' };
		}
		return { ok: true, family: 'vote' };
	},

	/**
	 * No vote id and no vote time: the 8-hour window of the receive time (00:00, 08:00, 16:00 UTC) stands in for
	 * the vote, with the configured bot (votes of one user for two bots stay apart). A retry that crosses a
	 * window's end gets a new id. A test is its own event each time.
	 */
	map(body, { receivedAt, configuredTargetId }) {
		return mapWith(vote(), body, (payload): EventFields => {
			const received = receivedAt.getTime();
			const isTest = payload.isTest === true;
			const targetId = configuredTargetId ?? null;
			return {
				event: 'vote',
				isTest,
				targetType: 'bot',
				targetId,
				userId: payload.id,
				username: payload.username ?? null,
				occurredAt: isoFromEpochMs(received),
				eventId: isTest ? eventDigest(targetId, payload.id, received) : eventDigest(targetId, payload.id, 'window', Math.floor(received / WINDOW_MS)),
				totalVotes: payload.totalVotes ?? null,
			};
		});
	},

	checkCredential(credentials) {
		const problem = checkHeaderSecret(credentials, 'webhookSecret', 'Webhook Secret');
		return problem ? { ok: false, message: problem } : { ok: true, message: 'Webhook Secret is set' };
	},
};
