import { z } from 'zod/v4';
import type { DeliveryRequest, EventFields, Platform, Verification } from '../shared/platform';
import {
	boundedString,
	discordId,
	essential,
	eventDigest,
	integer,
	isObject,
	mapWith,
	once,
	printable,
	unknownEvent,
} from '../shared/payload';
import { isoFromEpochMs, MAX_INSTANT_MS } from '../shared/time';
import {
	checkHeaderSecret,
	headerValue,
	missingSecret,
	secretOf,
	tokenMatches,
} from '../shared/tokenAuth';
import { verifyHmacSha256 } from '../shared/verification';
import { openSplashtail, verifySplashtailSignature } from './splashtail';

/**
 * Infinity Bot List names each delivery's protocol in `X-Webhook-Protocol` (Popplio `webhooks/sender`): the
 * node dispatches on that header, never on the body. All three carry the same JSON document, and all three are
 * proven by the one webhook secret, so they admit the same events.
 */
type Protocol = 'hmac-sha256' | 'simple-auth' | 'splashtail';

const PROTOCOL_HEADER = 'x-webhook-protocol';
const SIGNATURE_HEADER = 'x-webhook-signature';
const NONCE_HEADER = 'x-webhook-nonce';
const PROTOCOLS: readonly Protocol[] = ['hmac-sha256', 'simple-auth', 'splashtail'];
const HMAC_PREFIX = 'sha256=';
/** The sender draws 16 letters; anything of that alphabet up to 128 characters is read as a nonce. */
const NONCE = /^[A-Za-z0-9]{1,128}$/;

const protocolOf = (headers: DeliveryRequest['headers']): string | undefined => {
	const value = headers[PROTOCOL_HEADER];
	return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
};

/** A dovewing user as Popplio serializes it (`creator`, `targets.bot`): the fields the item takes; `raw` keeps the rest. */
const platformUser = once(() =>
	z.object({
		id: discordId(),
		username: boundedString(256).nullable().optional(),
		display_name: boundedString(256).nullable().optional(),
	}),
);

/** Exactly one target: `targets` may hold several in Popplio's types, but the sender fills one. */
const targets = once(() =>
	z
		.object({
			bot: essential(platformUser().nullable().optional()),
			server: essential(
				z
					.object({ server_id: discordId(), name: boundedString(256).nullable().optional() })
					.nullable()
					.optional(),
			),
			team: essential(
				z
					.object({ id: boundedString(64, 1), name: boundedString(256).nullable().optional() })
					.nullable()
					.optional(),
			),
		})
		.superRefine((value, context) => {
			const present = [value.bot, value.server, value.team].filter(
				(target) => target !== undefined && target !== null,
			).length;
			if (present !== 1)
				context.addIssue({
					code: 'custom',
					message: 'Expected exactly one of bot, server or team',
				});
		}),
);

/** `created_at` in Unix SECONDS (Popplio's WebhookMetadata); `test` marks the dashboard's Test Webhook. */
const metadata = once(() =>
	z.object({
		created_at: integer()
			.nonnegative()
			.max(Math.floor(MAX_INSTANT_MS / 1000)),
		test: essential(z.boolean().nullable().optional()),
	}),
);

function envelope<D extends z.ZodType>(data: D) {
	return z.object({ creator: platformUser(), targets: targets(), metadata: metadata(), data });
}

/** `votes` is the entity's new total: upvotes minus downvotes, so it may fall below zero. */
const newVote = once(() =>
	envelope(
		z.object({
			votes: integer(),
			per_user: integer().nonnegative().max(1000),
			downvote: essential(z.boolean().nullable().optional()),
		}),
	),
);

const STARS = () => integer().nonnegative().max(100);
const REVIEW_TEXT = () => boundedString(16_384);

const review = once(() =>
	envelope(
		z.object({
			review_id: boundedString(128),
			content: REVIEW_TEXT(),
			stars: STARS(),
			owner_review: z.boolean().nullable().optional(),
		}),
	),
);

const editedReview = once(() =>
	envelope(
		z.object({
			review_id: boundedString(128),
			content: z.object({ old: REVIEW_TEXT(), new: REVIEW_TEXT() }),
			stars: z.object({ old: STARS(), new: STARS() }),
			owner_review: z.boolean().nullable().optional(),
		}),
	),
);

type Envelope = z.output<ReturnType<typeof newVote>>;

const EVENT_TYPES = ['NEW_VOTE', 'NEW_REVIEW', 'EDIT_REVIEW', 'DELETE_REVIEW'];
/** Popplio names event types in upper snake case; one added after this node was written is answered, not refused. */
const EVENT_TYPE_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

export const infinityBotList: Platform<Protocol> = {
	name: 'infinitybotlist',
	displayName: 'Omniplex (Infinity Bot List)',
	credentialType: 'infinityBotListWebhookApi',
	events: ['vote', 'comment_created', 'comment_edited', 'comment_deleted'],
	families: PROTOCOLS,
	// hmac-sha256 sends application/json; simple-auth and splashtail send text/plain (the splashtail body is hex).
	contentTypes: ['application/json', 'text/plain'],

	// Only the two signing protocols need the body; a missing or unknown protocol is refused from the headers too.
	provesWithHeadersOnly: (headers) => {
		const protocol = protocolOf(headers);
		return protocol !== 'hmac-sha256' && protocol !== 'splashtail';
	},

	verify(request, credentials) {
		const value = request.headers[PROTOCOL_HEADER];
		if (value === undefined) {
			return {
				ok: false,
				status: 401,
				error:
					'X-Webhook-Protocol header is missing: Omniplex (Infinity Bot List) names hmac-sha256 (X-Webhook-Signature), simple-auth (Authorization) or splashtail',
			};
		}
		if (typeof value !== 'string')
			return { ok: false, status: 401, error: 'X-Webhook-Protocol header is repeated' };
		const secret = secretOf(credentials, 'webhookSecret');
		const protocol = protocolOf(request.headers);
		if (protocol === 'hmac-sha256') return secret === '' ? noSecret() : verifyHmac(request, secret);
		if (protocol === 'simple-auth')
			return secret === '' ? noSecret() : verifySimpleAuth(request, secret);
		if (protocol === 'splashtail')
			return secret === '' ? noSecret() : verifySplashtail(request, secret);
		return {
			ok: false,
			status: 401,
			error: `X-Webhook-Protocol "${printable(value.slice(0, 32))}" is not one of ${PROTOCOLS.join(', ')}`,
		};
	},

	map(body, { receivedAt }) {
		const type = isObject(body) ? body.type : undefined;
		if (type === 'NEW_VOTE')
			return mapWith(newVote(), body, (payload) => voteFields(payload, receivedAt));
		if (type === 'NEW_REVIEW')
			return mapWith(review(), body, (payload) =>
				reviewFields(payload, 'comment_created', receivedAt),
			);
		if (type === 'DELETE_REVIEW')
			return mapWith(review(), body, (payload) =>
				reviewFields(payload, 'comment_deleted', receivedAt),
			);
		if (type === 'EDIT_REVIEW')
			return mapWith(editedReview(), body, (payload) => editFields(payload, receivedAt));
		if (type === 'TEAM_EDIT')
			return {
				ok: 'ignored',
				reason: '"TEAM_EDIT" reports a team\'s settings, not a vote or a review',
			};
		if (typeof type === 'string' && EVENT_TYPE_NAME.test(type))
			return { ok: 'ignored', reason: `"${type}" is not an event this node handles` };
		return unknownEvent('type', type, EVENT_TYPES);
	},

	checkCredential(credentials) {
		// simple-auth sends the secret itself in a header: it must be sendable there.
		const problem = checkHeaderSecret(credentials, 'webhookSecret', 'Webhook Secret');
		return problem
			? { ok: false, message: problem }
			: { ok: true, message: 'Webhook Secret is set' };
	},
};

const noSecret = () => missingSecret('Omniplex (Infinity Bot List)', 'webhook secret');

function verifyHmac(request: DeliveryRequest, secret: string): Verification<Protocol> {
	const header = headerValue(request, SIGNATURE_HEADER);
	if (header === undefined)
		return { ok: false, status: 401, error: 'X-Webhook-Signature header is missing or repeated' };
	if (
		!header.startsWith(HMAC_PREFIX) ||
		!verifyHmacSha256(secret, request.rawBody, header.slice(HMAC_PREFIX.length))
	) {
		return {
			ok: false,
			status: 401,
			error:
				'X-Webhook-Signature is not sha256=<hex HMAC-SHA256 of this body under the webhook secret>',
		};
	}
	return { ok: true, family: 'hmac-sha256' };
}

function verifySimpleAuth(request: DeliveryRequest, secret: string): Verification<Protocol> {
	if (!tokenMatches([headerValue(request, 'authorization')], secret)) {
		return {
			ok: false,
			status: 401,
			error: 'Authorization header does not match the webhook secret (simple-auth)',
		};
	}
	return { ok: true, family: 'simple-auth' };
}

/** The signature first, over the body exactly as received; only a proven body is decrypted. */
function verifySplashtail(request: DeliveryRequest, secret: string): Verification<Protocol> {
	const nonce = headerValue(request, NONCE_HEADER);
	if (nonce === undefined || !NONCE.test(nonce))
		return {
			ok: false,
			status: 401,
			error: 'X-Webhook-Nonce header is missing, repeated or malformed (splashtail)',
		};
	const signature = headerValue(request, SIGNATURE_HEADER) ?? '';
	if (!verifySplashtailSignature(secret, nonce, request.rawBody, signature)) {
		return {
			ok: false,
			status: 401,
			error:
				'X-Webhook-Signature does not match this body and nonce under the webhook secret (splashtail)',
		};
	}
	const document = openSplashtail(secret, nonce, request.rawBody);
	if (document === 'not ciphertext')
		return {
			ok: false,
			status: 401,
			error:
				'Body is not splashtail ciphertext: hex of a 12-byte IV, the ciphertext and a 16-byte tag',
		};
	if (document === 'tag')
		return {
			ok: false,
			status: 401,
			error: 'Body does not decrypt under the webhook secret and nonce (splashtail)',
		};
	return { ok: true, family: 'splashtail', document };
}

/** What every event says about the voted or reviewed entity and the user who acted. */
interface Common {
	/** The target as one string, for event ids: a team has no Discord id but must still tell votes apart. */
	key: string;
	fields: Pick<
		EventFields,
		'isTest' | 'occurredAt' | 'targetType' | 'targetId' | 'targetName' | 'userId' | 'username'
	>;
}

/** The fields each event adds are assigned onto this object: copying it with a spread costs more than the schema check (measured, Node 20). */
function common(payload: Pick<Envelope, 'creator' | 'targets' | 'metadata'>): Common {
	const { bot, server, team } = payload.targets;
	const fields: Common['fields'] = {
		isTest: payload.metadata.test === true,
		occurredAt: isoFromEpochMs(payload.metadata.created_at * 1000),
		// A team is no Discord entity: it has a name, and its Infinity id stays in `raw`.
		targetType: bot ? 'bot' : server ? 'server' : null,
		targetId: bot ? bot.id : server ? server.server_id : null,
		targetName:
			(bot ? bot.display_name || bot.username : server ? server.name : team?.name) || null,
		userId: payload.creator.id,
		username: payload.creator.username || null,
	};
	const key = bot ? `bot:${bot.id}` : server ? `server:${server.server_id}` : `team:${team?.id}`;
	return { key, fields };
}

/**
 * Infinity sends no vote id. A resent delivery carries the same document, `created_at` included, so the target,
 * the voter, that second and the direction name the vote. A dashboard test names the second it was pressed,
 * which two presses can share: each test is its own event by the receive time.
 */
function voteFields(payload: Envelope, receivedAt: Date): EventFields {
	const { key, fields } = common(payload);
	const downvote = payload.data.downvote === true;
	const perUser = payload.data.per_user;
	const eventId = fields.isTest
		? eventDigest(key, payload.creator.id, 'test', receivedAt.getTime())
		: eventDigest(key, payload.creator.id, payload.metadata.created_at, downvote ? 'down' : 'up');
	// A downvote counts against the total: negative, so that `voteWeight > 0` selects the votes to reward.
	const voteWeight = downvote && perUser > 0 ? -perUser : perUser;
	return Object.assign(fields, {
		event: 'vote' as const,
		eventId,
		totalVotes: payload.data.votes,
		voteWeight,
	});
}

type Review = z.output<ReturnType<typeof review>>;
type EditedReview = z.output<ReturnType<typeof editedReview>>;

/** A review's own id names it; a test (whose id is whatever the dashboard form held) is its own event. */
function reviewId(
	payload: Review | EditedReview,
	key: string,
	receivedAt: Date,
	...edit: Array<string | number>
): string {
	if (payload.metadata.test === true)
		return eventDigest(key, payload.creator.id, 'test', receivedAt.getTime());
	if (payload.data.review_id === '')
		return eventDigest(key, payload.creator.id, payload.metadata.created_at, ...edit);
	return edit.length === 0 ? payload.data.review_id : eventDigest(payload.data.review_id, ...edit);
}

function reviewFields(
	payload: Review,
	event: 'comment_created' | 'comment_deleted',
	receivedAt: Date,
): EventFields {
	const { key, fields } = common(payload);
	return Object.assign(fields, {
		event,
		eventId: reviewId(payload, key, receivedAt),
		commentText: payload.data.content,
		commentRating: payload.data.stars,
	});
}

/** Each edit of one review is its own event: the second it was made tells them apart. */
function editFields(payload: EditedReview, receivedAt: Date): EventFields {
	const { key, fields } = common(payload);
	return Object.assign(fields, {
		event: 'comment_edited' as const,
		eventId: reviewId(payload, key, receivedAt, 'edit', payload.metadata.created_at),
		commentText: payload.data.content.new,
		previousCommentText: payload.data.content.old,
		commentRating: payload.data.stars.new,
		previousCommentRating: payload.data.stars.old,
	});
}
