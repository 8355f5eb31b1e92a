import { z } from 'zod/v4';
import type { Platform } from '../shared/platform';
import {
	boundedString,
	eventDigest,
	discordId,
	essential,
	integer,
	isoTimestamp,
	mapWith,
	once,
	seconds,
} from '../shared/payload';
import {
	MAX_INSTANT_MS,
	isInstant,
	isoFromEpochMs,
	isoOrNull,
	isoFromString,
	parseIsoDateTime,
	voteWindow,
} from '../shared/time';
import {
	checkHeaderSecret,
	headerValue,
	missingSecret,
	secretOf,
	tokenMatches,
	withoutBearer,
} from '../shared/tokenAuth';

/**
 * `voted_on`: a number or a string, each with its own limits. Not `z.union`: zod 4's union answers a number
 * out of range with a bare "Invalid input" and stops the checks below, where zod 3 named the limit.
 * Any other type is refused as before.
 */
function votedOn() {
	const votedOnNumber = z.number().nonnegative().max(MAX_INSTANT_MS);
	const votedOnText = boundedString(64);
	return z
		.custom<number | string>((value) => typeof value === 'number' || typeof value === 'string', {
			message: 'Invalid input',
			abort: true,
		})
		.superRefine((value, context) => {
			const result = (typeof value === 'number' ? votedOnNumber : votedOnText).safeParse(value);
			if (!result.success)
				for (const issue of result.error.issues)
					context.addIssue({ code: 'custom', message: issue.message });
		});
}

/**
 * Server votes carry `guild_id`, bot votes `client_id`. Older payloads lack `voted_on_iso`, `vote_again`
 * and `is_test`; the oldest named the voter `id` instead of `user_id`.
 */
const vote = once(() =>
	z
		.object({
			guild_id: essential(discordId().optional()),
			client_id: essential(discordId().optional()),
			user_id: essential(discordId().optional()),
			id: essential(discordId().optional()),
			username: boundedString(256).nullable().optional(),
			voted_on: votedOn().nullable().optional(),
			voted_on_iso: isoTimestamp().nullable().optional(),
			vote_again: seconds().nullable().optional(),
			times_voted: integer().nonnegative().nullable().optional(),
			is_test: essential(z.boolean().nullable().optional()),
		})
		.superRefine((payload, context) => {
			// zod 4 leaves a field that failed a check (a malformed id) out of `payload`: it was sent all the same.
			const sent = (key: 'guild_id' | 'client_id' | 'user_id' | 'id') =>
				payload[key] !== undefined || context.issues.some((issue) => issue.path?.[0] === key);
			if (!sent('guild_id') && !sent('client_id')) {
				context.addIssue({
					code: 'custom',
					path: ['guild_id'],
					message: 'Required (or client_id for a bot vote)',
				});
			}
			if (!sent('user_id') && !sent('id')) {
				context.addIssue({ code: 'custom', path: ['user_id'], message: 'Required' });
			}
		}),
);

type Vote = z.output<ReturnType<typeof vote>>;

export const discollab: Platform<'vote'> = {
	name: 'discollab',
	displayName: 'Discollab',
	credentialType: 'discollabWebhookApi',
	events: ['vote'],
	families: ['vote'],

	provesWithHeadersOnly: () => true,

	verify(request, credentials) {
		const token = secretOf(credentials, 'token');
		if (token === '') return missingSecret('Discollab', 'token');
		// Newer Discollab docs send "Bearer <token>" (the scheme is case-insensitive), older ones the bare token.
		if (
			!tokenMatches(
				[withoutBearer(headerValue(request, 'authorization'))],
				withoutBearer(token) as string,
			)
		) {
			return { ok: false, status: 401, error: 'Authorization header does not match the token' };
		}
		return { ok: true, family: 'vote' };
	},

	map(body, { receivedAt }) {
		return mapWith(vote(), body, (payload) => {
			const isServer = payload.guild_id !== undefined;
			const targetId = (payload.guild_id ?? payload.client_id) as string;
			const userId = (payload.user_id ?? payload.id) as string;
			const votedAtIso = votedAt(payload);
			return {
				event: 'vote',
				isTest: payload.is_test === true,
				targetType: isServer ? 'server' : 'bot',
				targetId,
				userId,
				username: payload.username ?? null,
				occurredAt: votedAtIso ?? isoFromEpochMs(receivedAt.getTime()),
				eventId: voteIdentity(targetId, userId, votedAtIso, payload.times_voted, receivedAt),
				totalVotes: payload.times_voted ?? null,
				nextVoteAt:
					typeof payload.vote_again === 'number'
						? isoOrNull(receivedAt.getTime() + Math.round(payload.vote_again * 1000))
						: null,
			};
		});
	},

	checkCredential(credentials) {
		const problem = checkHeaderSecret(credentials, 'token', 'Token');
		return problem ? { ok: false, message: problem } : { ok: true, message: 'Token is set' };
	},
};

/**
 * Prefer the ISO field. The deprecated `voted_on` has no documented format: epoch ms above 1e12, epoch
 * seconds below (as a number or a string of digits), or an ISO date with offset. Anything else is ignored
 * (the receive time stands in) rather than guessed in the server's time zone.
 */
function votedAt(payload: Vote): string | undefined {
	if (typeof payload.voted_on_iso === 'string') return isoFromString(payload.voted_on_iso);
	const votedOn = payload.voted_on;
	if (votedOn === null || votedOn === undefined) return undefined;
	const epoch =
		typeof votedOn === 'number'
			? votedOn
			: /^\d+(\.\d+)?$/.test(votedOn)
				? Number(votedOn)
				: undefined;
	const ms =
		epoch === undefined ? parseIsoDateTime(String(votedOn)) : epoch > 1e12 ? epoch : epoch * 1000;
	return ms !== undefined && isInstant(ms) ? isoFromEpochMs(ms) : undefined;
}

/** Discollab's cooldown: a user votes for a target at most once per 12 hours (`vote_again` counts from 43200 s). */
export const COOLDOWN_MS = 12 * 3_600_000;

/**
 * `vote_again` counts down between attempts and the receive time differs, so neither is identity: the vote
 * time and the user's vote count are. The oldest payloads may carry neither; then the 11-hour window of the
 * receive time (`voteWindow`) stands in for the vote time: two votes of one user arriving at least 11 hours apart
 * never share a window, while a retry that crosses a window's end gets a new id.
 */
function voteIdentity(
	targetId: string,
	userId: string,
	votedAtIso: string | undefined,
	timesVoted: number | null | undefined,
	receivedAt: Date,
): string {
	if (votedAtIso !== undefined || typeof timesVoted === 'number')
		return eventDigest(targetId, userId, votedAtIso, timesVoted);
	return eventDigest(targetId, userId, 'window', voteWindow(receivedAt.getTime(), COOLDOWN_MS));
}
