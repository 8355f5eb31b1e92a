import { z } from 'zod/v4';
import type { EventFields, Mapping, Platform } from '../shared/platform';
import { discordId, eventDigest, isObject, mapWith, once } from '../shared/payload';
import { isoFromEpochMs, isoOrNull, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';
import { mapDashboardTest } from '../shared/dashboardTest';

/**
 * Void Bots' docs (docs.voidbots.net) could not be read. Its official module (Void-Bots/npm `index.js`) checks
 * `Authorization` against the saved webhook auth and hands the body on untyped; its README reads `user` and `bot`.
 * Third-party libraries add `type`: `"vote"`, or `"test"` from the dashboard's test button. Every body but a
 * test is a vote. Neither an id nor a time is sent.
 */
const vote = once(() => z.object({ user: discordId(), bot: discordId() }));

/**
 * "Returns true if a user has voted for your bot in the last 12 hours" (the official module's has-voted call): a
 * user votes once per 12 hours.
 */
export const COOLDOWN_MS = 12 * 3_600_000;

export const voidBots: Platform<'webhook'> = {
	name: 'voidbots',
	displayName: 'Void Bots',
	credentialType: 'voidBotsWebhookApi',
	events: ['vote', 'test'],
	families: ['webhook'],

	...authorizationSecret({
		list: 'Void Bots',
		field: 'webhookSecret',
		label: 'Webhook Secret',
		secretName: 'webhook secret',
		family: 'webhook',
	}),

	map(body, { receivedAt }) {
		const type = isObject(body) ? body.type : undefined;
		const received = receivedAt.getTime();
		// `type` is known from third-party libraries only, so only "test" is read: any other value (or none) is a
		// vote, never a refusal, since a refused genuine vote is lost. The value stays in `raw`.
		return type === 'test' ? mapDashboardTest(body, received) : mapVote(body, received);
	},
};

/**
 * No vote id and no vote time: the 11-hour window of the receive time (`voteWindow`) stands in for the vote. Two
 * votes of one user arriving at least 11 hours apart never share a window; a retry that crosses a window's end gets
 * a new id. `type` is not part of it: a vote is the same with or without it.
 */
function mapVote(body: unknown, received: number): Mapping {
	return mapWith(
		vote(),
		body,
		(payload): EventFields => ({
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: payload.bot,
			userId: payload.user,
			occurredAt: isoFromEpochMs(received),
			eventId: eventDigest(payload.bot, payload.user, 'window', voteWindow(received, COOLDOWN_MS)),
			nextVoteAt: isoOrNull(received + COOLDOWN_MS),
		}),
	);
}
