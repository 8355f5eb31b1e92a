import { z } from 'zod/v4';
import type { EventFields, Platform } from '../shared/platform';
import { discordId, essential, eventDigest, mapWith, once } from '../shared/payload';
import { isoFromEpochMs, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';

/**
 * discord.place's sender (discordplace/discord.place `server/src/utils/{bots,servers}/sendVoteWebhook.js`): `bot`
 * for a bot vote, `guild` for a server vote, and `test: true` from the dashboard's test button.
 */
const vote = once(() =>
	z
		.object({
			bot: essential(discordId().optional()),
			guild: essential(discordId().optional()),
			user: discordId(),
			test: essential(z.boolean().nullable().optional()),
		})
		.superRefine((payload, context) => {
			// zod 4 leaves a field that failed a check (a malformed id) out of `payload`: it was sent all the same.
			const sent = (key: 'bot' | 'guild') =>
				payload[key] !== undefined || context.issues.some((issue) => issue.path?.[0] === key);
			if (sent('bot') === sent('guild')) {
				context.addIssue({
					code: 'custom',
					path: ['bot'],
					message: 'Expected exactly one of bot (a bot vote) or guild (a server vote)',
				});
			}
		}),
);

/** A user votes for a bot or server once per 24 hours (inferred from the vote-timeout expiry in discord.place's code). */
export const COOLDOWN_MS = 24 * 3_600_000;

export const discordPlace: Platform<'vote'> = {
	name: 'discordplace',
	displayName: 'discord.place',
	credentialType: 'discordPlaceWebhookApi',
	events: ['vote'],
	families: ['vote'],

	...authorizationSecret({
		list: 'discord.place',
		field: 'token',
		label: 'Token',
		secretName: 'token',
		family: 'vote',
	}),

	/**
	 * No vote id and no vote time. A vote stands for the 23-hour window (`voteWindow`) of its receive time: two votes
	 * of one user arriving at least 23 hours apart never share one, and discord.place retries for 30 seconds at most
	 * (after 5, 10 and 15 s), so only a retry around a window's end gets a new id. A test is its own event each time.
	 */
	map(body, { receivedAt }) {
		return mapWith(vote(), body, (payload): EventFields => {
			const targetType = payload.bot !== undefined ? 'bot' : 'server';
			const targetId = (payload.bot ?? payload.guild) as string;
			const received = receivedAt.getTime();
			const isTest = payload.test === true;
			return {
				event: 'vote',
				isTest,
				targetType,
				targetId,
				userId: payload.user,
				occurredAt: isoFromEpochMs(received),
				eventId: isTest
					? eventDigest(targetType, targetId, payload.user, received)
					: eventDigest(
							targetType,
							targetId,
							payload.user,
							'window',
							voteWindow(received, COOLDOWN_MS),
						),
			};
		});
	},
};
