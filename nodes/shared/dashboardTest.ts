import { z } from 'zod/v4';
import type { EventFields, Mapping } from './platform';
import { boundedString, discordIdOrNull, eventDigest, mapWith, once } from './payload';
import { isoFromEpochMs } from './time';

/** A dashboard's test body, which may fill `user` and `bot` with anything: only Discord ids are kept. */
const testBody = once(() =>
	z.object({
		user: boundedString(64).nullable().optional(),
		bot: boundedString(64).nullable().optional(),
	}),
);

/**
 * The test event of a list whose test button sends `{user, bot}` or less, with no id and no time (Discords,
 * BotRadar, Void Bots): each press is its own event, at the receive time.
 */
export function mapDashboardTest(body: unknown, received: number): Mapping {
	return mapWith(testBody(), body, (payload): EventFields => {
		const bot = discordIdOrNull(payload.bot);
		const user = discordIdOrNull(payload.user);
		return {
			event: 'test',
			isTest: true,
			targetType: 'bot',
			targetId: bot,
			userId: user,
			occurredAt: isoFromEpochMs(received),
			eventId: eventDigest(bot, user, received),
		};
	});
}
