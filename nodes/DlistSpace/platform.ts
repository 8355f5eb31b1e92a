import { z } from 'zod/v4';
import type { EventFields, Platform } from '../shared/platform';
import { boundedString, discordId, eventDigest, mapWith, once } from '../shared/payload';
import { isoFromEpochMs, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';

/**
 * dlist.space/docs, "Webhooks" (a literal example): the voter's id, username and avatar (a full URL). The body names
 * neither the bot nor the time of the vote, and the docs name no test flag. `test` (the dashboard's Test Webhook
 * button) and `weekend` come from a third-party fixture only: read when present and well formed, never required,
 * and left out when malformed (not `essential`) so that an undocumented field can never refuse a genuine vote.
 */
const vote = once(() =>
	z.object({
		user_id: discordId(),
		username: boundedString(256).nullable().optional(),
		avatar: boundedString(2048).nullable().optional(),
		weekend: z.boolean().nullable().optional(),
		test: z.boolean().nullable().optional(),
	}),
);

/** "Voting 1 vote / 12 hrs" (dlist.space/docs, rate limits): a user votes once per 12 hours. */
export const COOLDOWN_MS = 12 * 3_600_000;

/** The unconfirmed `weekend`: 2 when true, 1 when false, unknown (null) when absent, as top.gg's `isWeekend`. */
function weekendWeight(weekend: boolean | null | undefined): number | null {
	if (weekend === true) return 2;
	return weekend === false ? 1 : null;
}

export const dlistSpace: Platform<'vote'> = {
	name: 'dlistspace',
	displayName: 'dlist.space',
	credentialType: 'dlistSpaceWebhookApi',
	events: ['vote'],
	families: ['vote'],
	omitsTarget: true,

	...authorizationSecret({
		list: 'dlist.space',
		field: 'webhookSecret',
		label: 'Webhook Secret',
		secretName: 'webhook secret',
		family: 'vote',
	}),

	/**
	 * No vote id and no vote time: the 11-hour window of the receive time (`voteWindow`) stands in for the vote, with
	 * the configured bot (votes of one user for two bots stay apart). Two votes of one user arriving at least 11 hours
	 * apart never share a window; a retry that crosses a window's end gets a new id. A test is its own event each time.
	 */
	map(body, { receivedAt, configuredTargetId }) {
		return mapWith(vote(), body, (payload): EventFields => {
			const received = receivedAt.getTime();
			const isTest = payload.test === true;
			const targetId = configuredTargetId ?? null;
			return {
				event: 'vote',
				isTest,
				targetType: 'bot',
				targetId,
				userId: payload.user_id,
				username: payload.username ?? null,
				occurredAt: isoFromEpochMs(received),
				eventId: isTest
					? eventDigest(targetId, payload.user_id, received)
					: eventDigest(targetId, payload.user_id, 'window', voteWindow(received, COOLDOWN_MS)),
				voteWeight: weekendWeight(payload.weekend),
			};
		});
	},
};
