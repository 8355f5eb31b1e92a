import { z } from 'zod/v4';
import type { EventFields, Platform } from '../shared/platform';
import {
	boundedString,
	discordId,
	essential,
	eventDigest,
	integer,
	mapWith,
	once,
} from '../shared/payload';
import { isoFromEpochMs, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';

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
 * DiscordForge's docs say a user votes once per 8 hours; its API example shows 12. The shorter cooldown gives the
 * windows in which two votes of one user can never fall together, whichever is right.
 */
export const COOLDOWN_MS = 8 * 3_600_000;

export const discordForge: Platform<'vote'> = {
	name: 'discordforge',
	displayName: 'DiscordForge',
	credentialType: 'discordForgeWebhookApi',
	events: ['vote'],
	families: ['vote'],
	omitsTarget: true,

	...authorizationSecret({
		list: 'DiscordForge',
		field: 'webhookSecret',
		label: 'Webhook Secret',
		secretName: 'webhook secret',
		family: 'vote',
	}),

	/**
	 * No vote id and no vote time: the 7-hour window of the receive time (`voteWindow`) stands in for the vote, with
	 * the configured bot (votes of one user for two bots stay apart). Two votes of one user arriving at least 7 hours
	 * apart never share a window; a retry that crosses a window's end gets a new id. A test is its own event each time.
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
				eventId: isTest
					? eventDigest(targetId, payload.id, received)
					: eventDigest(targetId, payload.id, 'window', voteWindow(received, COOLDOWN_MS)),
				totalVotes: payload.totalVotes ?? null,
			};
		});
	},
};
