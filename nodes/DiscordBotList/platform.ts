import { z } from 'zod/v4';
import type { Platform } from '../shared/platform';
import { boundedString, discordId, eventDigest, mapWith, once } from '../shared/payload';
import { isoFromEpochMs, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';

/**
 * docs.discordbotlist.com "Vote Webhooks" (a field table, no literal example): the voter only. The body names
 * neither the bot nor the time of the vote; older senders added the voter's `discriminator`.
 */
const vote = once(() =>
	z.object({
		id: discordId(),
		username: boundedString(256).nullable().optional(),
		avatar: boundedString(256).nullable().optional(),
		admin: z.boolean().nullable().optional(),
		discriminator: boundedString(8).nullable().optional(),
	}),
);

/** "Recent votes (within the past 12 hours)" in the official client's docs: a user votes once per 12 hours (inferred). */
export const COOLDOWN_MS = 12 * 3_600_000;

const SUPERSEDED_SIGNATURE_HEADER = 'x-dbl-signature';

export const discordBotList: Platform<'vote'> = {
	name: 'discordbotlist',
	displayName: 'Discord Bot List',
	credentialType: 'discordBotListWebhookApi',
	events: ['vote'],
	families: ['vote'],
	omitsTarget: true,

	...authorizationSecret({
		list: 'Discord Bot List',
		field: 'webhookSecret',
		label: 'Webhook Secret',
		secretName: 'webhook secret',
		family: 'vote',
		detail: (request) =>
			request.headers[SUPERSEDED_SIGNATURE_HEADER] === undefined
				? undefined
				: 'the request carries X-DBL-Signature, the scheme Discord Bot List no longer sends',
	}),

	/**
	 * No vote id and no vote time: the 11-hour window of the receive time (`voteWindow`) stands in for the vote. Two
	 * votes of one user arriving at least 11 hours apart never share a window; a retry that crosses a window's end
	 * gets a new id. The configured bot keeps the votes of one user for two bots apart.
	 */
	map(body, { receivedAt, configuredTargetId }) {
		return mapWith(vote(), body, (payload) => {
			const received = receivedAt.getTime();
			return {
				event: 'vote',
				isTest: false,
				targetType: 'bot',
				targetId: configuredTargetId ?? null,
				userId: payload.id,
				username: payload.username ?? null,
				occurredAt: isoFromEpochMs(received),
				eventId: eventDigest(
					configuredTargetId ?? null,
					payload.id,
					'window',
					voteWindow(received, COOLDOWN_MS),
				),
			};
		});
	},
};
