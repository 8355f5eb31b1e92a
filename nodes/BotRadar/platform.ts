import { z } from 'zod/v4';
import type { EventFields, Mapping, Platform } from '../shared/platform';
import {
	discordId,
	eventDigest,
	isObject,
	isoTimestamp,
	mapWith,
	once,
	unknownEvent,
} from '../shared/payload';
import { isoFromEpochMs, isoOrNull, parseIsoDateTime, voteWindow } from '../shared/time';
import { authorizationSecret } from '../shared/tokenAuth';
import { mapDashboardTest } from '../shared/dashboardTest';

/**
 * BotRadar (botradar.gg/docs): a vote is `{bot, user, type: "upvote", isWeekend, votedAt}`, `votedAt` an ISO 8601
 * date-time with an offset (`+00:00`); the dashboard's "Send test event" sends `type: "test"`, of which nothing
 * else is documented.
 */
const upvote = once(() =>
	z.object({
		bot: discordId(),
		user: discordId(),
		isWeekend: z.boolean().nullable().optional(),
		votedAt: isoTimestamp().nullable().optional(),
	}),
);

/** BotRadar's API asks whether a user "voted in the last 12h": when the voter may vote again. */
export const COOLDOWN_MS = 12 * 3_600_000;

const TYPES = ['upvote', 'test'];

export const botRadar: Platform<'webhook'> = {
	name: 'botradar',
	displayName: 'BotRadar',
	credentialType: 'botRadarWebhookApi',
	events: ['vote', 'test'],
	families: ['webhook'],

	...authorizationSecret({
		list: 'BotRadar',
		field: 'webhookSecret',
		label: 'Webhook Secret',
		secretName: 'webhook secret',
		family: 'webhook',
	}),

	map(body, { receivedAt }) {
		const type = isObject(body) ? body.type : undefined;
		if (type === 'upvote') return mapVote(body, receivedAt.getTime());
		if (type === 'test') return mapDashboardTest(body, receivedAt.getTime());
		return unknownEvent('type', type, TYPES);
	},
};

/**
 * The vote time identifies the vote: a retry ("retried a few times", no schedule given) resends it unchanged, and
 * the user's next vote is 12 hours later. A body without it falls back to the 11-hour window of the receive time
 * (`voteWindow`), which two votes of one user arriving at least 11 hours apart never share, and where a retry that
 * crosses a window's end gets a new id.
 */
function mapVote(body: unknown, received: number): Mapping {
	return mapWith(upvote(), body, (payload): EventFields => {
		const votedAt =
			typeof payload.votedAt === 'string' ? parseIsoDateTime(payload.votedAt) : undefined;
		return {
			event: 'vote',
			isTest: false,
			targetType: 'bot',
			targetId: payload.bot,
			userId: payload.user,
			occurredAt: isoFromEpochMs(votedAt ?? received),
			eventId:
				votedAt === undefined
					? eventDigest(payload.bot, payload.user, 'window', voteWindow(received, COOLDOWN_MS))
					: eventDigest(payload.bot, payload.user, votedAt),
			nextVoteAt: isoOrNull((votedAt ?? received) + COOLDOWN_MS),
			// A weekend vote counts twice, as on top.gg; without isWeekend the weight is unknown.
			voteWeight: payload.isWeekend === true ? 2 : payload.isWeekend === false ? 1 : null,
		};
	});
}
