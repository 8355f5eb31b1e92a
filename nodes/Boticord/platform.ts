import { z } from 'zod/v4';
import type { EventFields, EventKind, Mapping, Platform } from '../shared/platform';
import {
	boundedString,
	eventDigest,
	discordId,
	essential,
	discordIdOrNull,
	epochMs,
	integer,
	isObject,
	mapWith,
	once,
	unknownEvent,
} from '../shared/payload';
import { isoFromEpochMs } from '../shared/time';
import {
	checkHeaderSecret,
	headerValue,
	missingSecret,
	secretOf,
	tokenMatches,
} from '../shared/tokenAuth';

/**
 * Boticord speaks two formats: the legacy webhooks (`type` + `data`, bumps and comments per bot or server)
 * and the API v3 notifications (`up_added`, `comment_*`), sent bare or wrapped in `{event:"notify",data}`.
 * "Up" and "bump" are Boticord's votes.
 */
const rating = once(() => integer().min(-5).max(5).nullable().optional());
const text = once(() => boundedString(10_000).nullable().optional());

const legacyVote = once(() => z.object({ data: z.object({ user: discordId(), at: epochMs() }) }));
const legacyComment = once(() =>
	z.object({
		data: z.object({
			user: discordId(),
			at: epochMs(),
			comment: z
				.object({
					vote: z.object({ old: rating(), new: rating() }).nullable().optional(),
					old: text(),
					new: text(),
				})
				.optional(),
			reason: boundedString(64).nullable().optional(),
		}),
	}),
);
/**
 * Only inferred from an SDK: accept any shape, so the dashboard's test button always shows up. Other keys
 * of `data` are accepted and dropped (they stay in `raw`): zod 4's `.passthrough()` would copy a
 * `__proto__` key onto the parsed object's prototype, where a missing `user` or `at` would be read from.
 */
const legacyTest = once(() =>
	z.object({
		data: z
			.object({ user: boundedString(64).optional(), at: epochMs().optional() })
			.nullable()
			.optional(),
	}),
);

const notification = once(() =>
	z.object({
		affected: essential(discordId().optional()),
		id: essential(discordId().optional()),
		user: discordId(),
		happened: epochMs(),
		payload: z
			.object({ upCount: integer().nonnegative().optional(), content: text(), rating: rating() })
			.nullable()
			.optional(),
	}),
);

type LegacyKind = { event: EventKind; target: 'bot' | 'server' | null };
const LEGACY_TYPES: Record<string, LegacyKind> = {
	test_webhook_message: { event: 'test', target: null },
	new_bot_bump: { event: 'vote', target: 'bot' },
	new_server_bump: { event: 'vote', target: 'server' },
	new_bot_comment: { event: 'comment_created', target: 'bot' },
	edit_bot_comment: { event: 'comment_edited', target: 'bot' },
	delete_bot_comment: { event: 'comment_deleted', target: 'bot' },
	new_server_comment: { event: 'comment_created', target: 'server' },
	edit_server_comment: { event: 'comment_edited', target: 'server' },
	delete_server_comment: { event: 'comment_deleted', target: 'server' },
};

const NOTIFICATION_TYPES: Record<string, EventKind> = {
	up_added: 'vote',
	comment_added: 'comment_created',
	comment_edited: 'comment_edited',
	comment_removed: 'comment_deleted',
};

const KNOWN_TYPES = [...Object.keys(LEGACY_TYPES), ...Object.keys(NOTIFICATION_TYPES)];

export const boticord: Platform<'webhook'> = {
	name: 'boticord',
	displayName: 'Boticord',
	credentialType: 'boticordWebhookApi',
	events: ['vote', 'comment_created', 'comment_edited', 'comment_deleted', 'test'],
	families: ['webhook'],

	provesWithHeadersOnly: () => true,

	verify(request, credentials) {
		const hookKey = secretOf(credentials, 'hookKey');
		if (hookKey === '') return missingSecret('Boticord', 'hook key');
		const received = [headerValue(request, 'x-hook-key'), headerValue(request, 'authorization')];
		if (!tokenMatches(received, hookKey)) {
			return { ok: false, status: 401, error: 'X-Hook-Key header does not match the hook key' };
		}
		return { ok: true, family: 'webhook' };
	},

	map(body, { receivedAt }) {
		const envelope =
			isObject(body) && body.event === 'notify' && isObject(body.data) ? body.data : body;
		const type = isObject(envelope) ? envelope.type : undefined;
		if (typeof type === 'string' && Object.hasOwn(LEGACY_TYPES, type))
			return mapLegacy(envelope, type, LEGACY_TYPES[type], receivedAt);
		if (typeof type === 'string' && Object.hasOwn(NOTIFICATION_TYPES, type)) {
			return mapNotification(envelope, type, NOTIFICATION_TYPES[type]);
		}
		return unknownEvent('type', type, KNOWN_TYPES);
	},

	checkCredential(credentials) {
		const problem = checkHeaderSecret(credentials, 'hookKey', 'Hook Key');
		return problem ? { ok: false, message: problem } : { ok: true, message: 'Hook Key is set' };
	},
};

function mapLegacy(body: unknown, type: string, kind: LegacyKind, receivedAt: Date): Mapping {
	if (kind.event === 'test') {
		return mapWith(legacyTest(), body, (payload) => ({
			event: 'test',
			isTest: true,
			// A test from the dashboard is answered whatever it names as the user; the item keeps only a Discord id.
			userId: discordIdOrNull(payload.data?.user),
			occurredAt:
				payload.data?.at !== undefined
					? isoFromEpochMs(payload.data.at)
					: isoFromEpochMs(receivedAt.getTime()),
			eventId: eventDigest(type, payload.data?.user, payload.data?.at),
		}));
	}
	const common = (data: { user: string; at: number }): EventFields => ({
		event: kind.event,
		isTest: false,
		targetType: kind.target,
		userId: data.user,
		occurredAt: isoFromEpochMs(data.at),
		eventId: eventDigest(type, data.user, data.at),
	});
	if (kind.event === 'vote') return mapWith(legacyVote(), body, (payload) => common(payload.data));
	// Object.assign, not a spread: in Node.js 20 each key written after an object spread costs microseconds.
	return mapWith(legacyComment(), body, ({ data }) =>
		Object.assign(common(data), {
			commentText: data.comment?.new ?? null,
			previousCommentText: data.comment?.old ?? null,
			commentRating: data.comment?.vote?.new ?? null,
			previousCommentRating: data.comment?.vote?.old ?? null,
			commentDeletionReason: data.reason ?? null,
		}),
	);
}

function mapNotification(body: unknown, type: string, event: EventKind): Mapping {
	return mapWith(notification(), body, (payload) => {
		const targetId = payload.affected ?? payload.id ?? null;
		const isComment = event !== 'vote';
		return {
			event,
			isTest: false,
			targetId,
			userId: payload.user,
			occurredAt: isoFromEpochMs(payload.happened),
			eventId: eventDigest(type, targetId, payload.user, payload.happened),
			totalVotes: payload.payload?.upCount ?? null,
			commentText: isComment ? (payload.payload?.content ?? null) : null,
			commentRating: isComment ? (payload.payload?.rating ?? null) : null,
		};
	});
}
