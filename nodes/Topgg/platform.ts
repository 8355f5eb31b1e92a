import { z } from 'zod/v4';
import type {
	DeliveryRequest,
	EventFields,
	Mapping,
	Platform,
	Verification,
} from '../shared/platform';
import {
	boundedString,
	discordId,
	essential,
	eventDigest,
	forwardedQuery,
	integer,
	isObject,
	isoTimestamp,
	mapWith,
	once,
	queryParameters,
	queryStringParameters,
	unknownEvent,
} from '../shared/payload';
import { isoFromEpochMs, isoOrNull, isoFromString, voteWindow } from '../shared/time';
import {
	checkHeaderSecret,
	headerValue,
	missingSecret,
	schemeOnlyProblem,
	secretOf,
	tokenMatches,
} from '../shared/tokenAuth';
import { verifyHmacSha256 } from '../shared/verification';

/**
 * Top.gg has two webhook systems, both in use: v1 signs each delivery (`x-topgg-signature: t=<unix>,v1=<hex>`,
 * HMAC-SHA256 of `<t>.<raw body>` under the `whs_` webhook secret); the legacy v0 sends a shared secret in
 * `Authorization`. A credential may hold either secret or both, while a project moves from one to the other.
 */
type Family = 'v1' | 'v0';

const SIGNATURE_HEADER = 'x-topgg-signature';
/** How far a signature's timestamp may be from this server's clock (top.gg's developer docs: 5 minutes). */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;
/** A user may vote for a project once per 12 hours (v0 API docs). */
export const COOLDOWN_MS = 12 * 3_600_000;

const project = once(() =>
	z.object({
		id: boundedString(64),
		type: z.enum(['bot', 'server']),
		platform: boundedString(32).nullable().optional(),
		platform_id: discordId(),
	}),
);

const user = once(() =>
	z.object({
		id: boundedString(64),
		platform_id: discordId(),
		name: boundedString(256).nullable().optional(),
		avatar_url: boundedString(2048).nullable().optional(),
	}),
);

const voteCreate = once(() =>
	z.object({
		data: z.object({
			id: boundedString(128, 1),
			weight: integer().positive().max(1000).optional(),
			created_at: isoTimestamp(),
			expires_at: isoTimestamp().nullable().optional(),
			project: project(),
			user: user(),
			query: forwardedQuery().nullable().optional(),
		}),
	}),
);

const webhookTest = once(() => z.object({ data: z.object({ user: user(), project: project() }) }));

/** v0: `bot` for a bot vote, `guild` for a server vote; `isWeekend` on bot votes only. */
const legacyVote = once(() =>
	z
		.object({
			bot: essential(discordId().optional()),
			guild: essential(discordId().optional()),
			user: discordId(),
			type: z.enum(['upvote', 'test']),
			isWeekend: z.boolean().nullable().optional(),
			query: z.string().nullable().optional(),
		})
		.superRefine((payload, context) => {
			if ((payload.bot === undefined) === (payload.guild === undefined)) {
				context.addIssue({
					code: 'custom',
					path: ['bot'],
					message: 'Expected exactly one of bot (a bot vote) or guild (a server vote)',
				});
			}
		}),
);

const V1_EVENTS = ['vote.create', 'webhook.test'];
const V1_EVENT_NAME = /^[a-z_]{1,32}(?:\.[a-z_]{1,32}){1,3}$/;
/** Sent to top.gg integrations (apps connected to many projects), never to a project's own webhook. */
const INTEGRATION_EVENTS = ['integration.create', 'integration.delete'];

export const topgg: Platform<Family> = {
	name: 'topgg',
	displayName: 'Top.gg',
	credentialType: 'topggWebhookApi',
	events: ['vote', 'test'],
	families: ['v1', 'v0'],

	// v1 signs the body; v0 sends its secret in a header.
	provesWithHeadersOnly: (headers) => headers[SIGNATURE_HEADER] === undefined,

	verify(request, credentials) {
		if (request.headers[SIGNATURE_HEADER] !== undefined) return verifySigned(request, credentials);
		const authorization = secretOf(credentials, 'authorization');
		const hasSecret = secretOf(credentials, 'webhookSecret') !== '';
		if (authorization === '' && !hasSecret)
			return missingSecret('Top.gg', 'webhook secret or legacy authorization');
		// A v1-only credential refuses an unsigned request the same way: the answer does not tell which secrets are set.
		if (
			authorization === '' ||
			!tokenMatches([headerValue(request, 'authorization')], authorization)
		) {
			return {
				ok: false,
				status: 401,
				error:
					'No x-topgg-signature header, and the Authorization header does not match the legacy webhook authorization',
				detail:
					authorization === ''
						? 'the credential holds no legacy authorization: only signed deliveries can pass'
						: undefined,
			};
		}
		return { ok: true, family: 'v0' };
	},

	map(body, { family, receivedAt }) {
		if (family === 'v0') return mapLegacy(body, receivedAt);
		const type = isObject(body) ? body.type : undefined;
		if (type === 'vote.create') return mapVote(body);
		if (type === 'webhook.test') return mapTest(body, receivedAt);
		if (typeof type === 'string' && INTEGRATION_EVENTS.includes(type)) {
			// These carry an integration's own webhook secret: nothing of them may reach a workflow.
			return {
				ok: 'ignored',
				reason: `"${type}" events are for top.gg integrations, not a project's webhook`,
			};
		}
		// v1 names events `<resource>.<action>`: one added after this node was written is answered, not refused.
		if (typeof type === 'string' && V1_EVENT_NAME.test(type))
			return { ok: 'ignored', reason: `"${type}" is not an event this node handles` };
		return unknownEvent('type', type, V1_EVENTS);
	},

	checkCredential(credentials) {
		const fields = [
			['webhookSecret', 'Webhook Secret'],
			['authorization', 'Legacy Authorization'],
		] as const;
		const schemeOnly = schemeOnlyProblem(credentials, fields);
		if (schemeOnly) return { ok: false, message: schemeOnly };
		const secret = secretOf(credentials, 'webhookSecret');
		const authorization = secretOf(credentials, 'authorization');
		if (secret === '' && authorization === '')
			return {
				ok: false,
				message: 'Set the Webhook Secret (v1), the Legacy Authorization (v0), or both',
			};
		// Only the legacy authorization travels in a header; the webhook secret keys an HMAC.
		const problem =
			authorization === ''
				? undefined
				: checkHeaderSecret(credentials, 'authorization', 'Legacy Authorization');
		if (problem) return { ok: false, message: problem };
		const parts = [
			secret !== '' && 'Webhook Secret (v1)',
			authorization !== '' && 'Legacy Authorization (v0)',
		].filter(Boolean);
		const unusual =
			secret !== '' && !secret.startsWith('whs_')
				? "; the Webhook Secret does not start with whs_: is it the one from top.gg's Webhooks page?"
				: '';
		return { ok: true, message: `${parts.join(' and ')} set${unusual}` };
	},
};

/** A key of the signature header: `t`, `v1`, or a scheme top.gg may add. */
const SCHEME_KEY = /^[a-z0-9]{1,16}$/i;

interface SignatureHeader {
	timestamp: string;
	signature: string;
}

/**
 * `t=<unix seconds>,v1=<hex>` as top.gg writes it: comma-separated `key=value` parts, `t` and `v1` exactly once
 * each. Parts with other keys are ignored, so that a scheme top.gg adds later does not break deliveries (they
 * cannot help a forger: v1 must still verify). Undefined for anything else, a part without `=` included.
 */
export function parseSignatureHeader(value: string): SignatureHeader | undefined {
	let timestamp: string | undefined;
	let signature: string | undefined;
	for (const part of value.split(',')) {
		const separator = part.indexOf('=');
		// Exactly as top.gg writes it, no whitespace: a value that differs in any character is another value.
		const key = part.slice(0, separator);
		const text = part.slice(separator + 1);
		if (separator < 0 || !SCHEME_KEY.test(key)) return undefined;
		if (key === 't') {
			if (timestamp !== undefined) return undefined;
			timestamp = text;
		} else if (key === 'v1') {
			if (signature !== undefined) return undefined;
			signature = text;
		}
	}
	if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp))
		return undefined;
	return { timestamp, signature };
}

/** The bytes v1 signs: the timestamp, a dot, then the body exactly as received. */
export function signedPayload(timestamp: string, rawBody: Buffer): Buffer {
	return Buffer.concat([Buffer.from(`${timestamp}.`, 'ascii'), rawBody]);
}

function verifySigned(
	request: DeliveryRequest,
	credentials: Readonly<Record<string, unknown>>,
): Verification<Family> {
	const secret = secretOf(credentials, 'webhookSecret');
	if (secret === '' && secretOf(credentials, 'authorization') === '')
		return missingSecret('Top.gg', 'webhook secret or legacy authorization');
	const value = headerValue(request, SIGNATURE_HEADER);
	if (value === undefined)
		return { ok: false, status: 401, error: 'x-topgg-signature header is repeated' };
	const header = parseSignatureHeader(value);
	if (header === undefined)
		return {
			ok: false,
			status: 401,
			error: 'x-topgg-signature is malformed: expected t=<unix seconds>,v1=<hex>, each once',
		};
	// verifyHmacSha256 refuses an empty secret: a credential without the v1 secret answers a signed request exactly
	// as a wrong signature is answered, so the answer does not tell which secrets are set.
	if (
		!verifyHmacSha256(secret, signedPayload(header.timestamp, request.rawBody), header.signature)
	) {
		return {
			ok: false,
			status: 401,
			error: 'x-topgg-signature does not match this body under the webhook secret',
			detail:
				secret === ''
					? 'the credential holds no webhook secret (v1): only legacy deliveries can pass'
					: undefined,
		};
	}
	// Checked once the signature holds, so that the answer tells a drifting clock from a forgery.
	const skew = Math.round(request.receivedAt.getTime() / 1000 - Number(header.timestamp));
	if (Math.abs(skew) > TIMESTAMP_TOLERANCE_SECONDS) {
		const side = skew > 0 ? `${skew} s old` : `${-skew} s in the future`;
		return {
			ok: false,
			status: 401,
			error: `x-topgg-signature timestamp is out of range: ${side}, at most ${TIMESTAMP_TOLERANCE_SECONDS} s accepted (is this server's clock right?)`,
		};
	}
	return { ok: true, family: 'v1' };
}

function mapVote(body: unknown): Mapping {
	return mapWith(voteCreate(), body, ({ data }) => {
		const occurredAt = isoFromString(data.created_at);
		return {
			event: 'vote',
			isTest: false,
			targetType: data.project.type,
			targetId: data.project.platform_id,
			userId: data.user.platform_id,
			username: data.user.name ?? null,
			listUserId: data.user.id,
			occurredAt,
			eventId: data.id,
			nextVoteAt:
				typeof data.expires_at === 'string'
					? isoFromString(data.expires_at)
					: isoOrNull(Date.parse(occurredAt) + COOLDOWN_MS),
			voteWeight: data.weight ?? 1,
			query: data.query ? queryParameters(data.query) : null,
		};
	});
}

/** The dashboard's test button sends no id and no time: each press is its own event. */
function mapTest(body: unknown, receivedAt: Date): Mapping {
	return mapWith(webhookTest(), body, ({ data }) => ({
		event: 'test',
		isTest: true,
		targetType: data.project.type,
		targetId: data.project.platform_id,
		userId: data.user.platform_id,
		username: data.user.name ?? null,
		listUserId: data.user.id,
		occurredAt: isoFromEpochMs(receivedAt.getTime()),
		eventId: eventDigest(data.project.platform_id, data.user.platform_id, receivedAt.getTime()),
	}));
}

/**
 * A v0 server vote counts once: top.gg's weekend multiplier, and the `isWeekend` that reports it, are for bot
 * votes only. A bot vote without `isWeekend` says nothing of its weight.
 */
function legacyWeight(payload: { guild?: string; isWeekend?: boolean | null }): number | null {
	if (payload.guild !== undefined || payload.isWeekend === false) return 1;
	return payload.isWeekend === true ? 2 : null;
}

/**
 * v0 sends no vote id and no vote time: the 11-hour window of the receive time (`voteWindow`, from the 12-hour
 * cooldown) stands in for the vote. Two votes of one user arriving at least 11 hours apart never share a window,
 * while a retry (top.gg retries for up to about 35 minutes) that crosses a window's end gets a new id.
 */
function mapLegacy(body: unknown, receivedAt: Date): Mapping {
	return mapWith(legacyVote(), body, (payload): EventFields => {
		const targetId = (payload.bot ?? payload.guild) as string;
		const isTest = payload.type === 'test';
		const received = receivedAt.getTime();
		return {
			event: isTest ? 'test' : 'vote',
			isTest,
			targetType: payload.bot !== undefined ? 'bot' : 'server',
			targetId,
			userId: payload.user,
			occurredAt: isoFromEpochMs(received),
			eventId: isTest
				? eventDigest(targetId, payload.user, received)
				: eventDigest(targetId, payload.user, 'window', voteWindow(received, COOLDOWN_MS)),
			nextVoteAt: isTest ? null : isoOrNull(received + COOLDOWN_MS),
			voteWeight: legacyWeight(payload),
			query: typeof payload.query === 'string' ? queryStringParameters(payload.query) : null,
		};
	});
}
