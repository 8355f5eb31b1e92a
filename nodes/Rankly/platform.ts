import { z } from 'zod/v4';
import type {
	DeliveryRequest,
	EventFields,
	EventKind,
	Mapping,
	Platform,
	Verification,
} from '../shared/platform';
import {
	boundedString,
	eventDigest,
	discordId,
	essential,
	isObject,
	isoTimestamp,
	mapWith,
	once,
	unknownEvent,
} from '../shared/payload';
import { isoFromString } from '../shared/time';
import {
	checkHeaderSecret,
	headerValue,
	missingSecret,
	schemeOnlyProblem,
	secretOf,
	tokenMatches,
	withoutBearer,
} from '../shared/tokenAuth';
import { verifyHmacSha256 } from '../shared/verification';

/**
 * Rankly has three webhook families: server votes (a static Authorization value), bot votes (HMAC under
 * the vote secret) and premium purchases and subscriptions (HMAC under a separate premium secret).
 * A signature proves which secret made it, and each secret admits only its own events.
 */
type Family = 'serverVote' | 'botVote' | 'premium' | 'signed';

const FAMILIES: readonly Family[] = ['serverVote', 'botVote', 'premium', 'signed'];

const FAMILY_EVENTS: Record<Exclude<Family, 'serverVote'>, readonly string[]> = {
	botVote: ['bot_vote'],
	premium: [
		'premium_purchase',
		'subscription.renewed',
		'subscription.expired',
		'subscription.revoked',
	],
	// Both secrets matched: the user saved the same value twice, so either family is proven.
	signed: [
		'bot_vote',
		'premium_purchase',
		'subscription.renewed',
		'subscription.expired',
		'subscription.revoked',
	],
};

const voteContext = once(() => ({
	timestamp: isoTimestamp(),
	creditsAwarded: z.boolean().nullable().optional(),
	adBlocker: z.boolean().nullable().optional(),
	creditDenialReason: boundedString(1024).nullable().optional(),
	test: essential(z.boolean().optional()),
}));

const serverVote = once(() =>
	z.object({ userId: discordId(), serverId: discordId(), ...voteContext() }),
);

const botVote = once(() =>
	z.object({
		voter: z.object({ userId: discordId(), username: boundedString(256).nullable().optional() }),
		bot: z.object({ id: discordId(), name: boundedString(256).nullable().optional() }),
		...voteContext(),
	}),
);

const person = once(() =>
	z.object({ userId: discordId(), username: boundedString(256).nullable().optional() }),
);
const tier = once(() =>
	z.object({
		id: boundedString(256),
		name: boundedString(256).nullable().optional(),
		duration: boundedString(64).nullable().optional(),
		planType: boundedString(64).nullable().optional(),
	}),
);
const orderKey = once(() => boundedString(128, 1));
const commerce = once(() => ({
	timestamp: isoTimestamp(),
	buyer: person(),
	recipient: person().nullable().optional(),
	isGift: z.boolean().nullable().optional(),
	tier: tier().nullable().optional(),
	test: essential(z.boolean().optional()),
}));

const premiumPurchase = once(() =>
	z.object({
		purchaseId: orderKey(),
		orderId: orderKey().optional(),
		serverId: discordId().nullable().optional(),
		botId: discordId().nullable().optional(),
		targetType: boundedString(64).nullable().optional(),
		targetName: boundedString(256).nullable().optional(),
		...commerce(),
	}),
);

const subscription = once(() =>
	z.object({
		orderId: orderKey(),
		purchaseId: orderKey().optional(),
		vendor: z
			.object({ type: boundedString(64), id: discordId() })
			.nullable()
			.optional(),
		autoRenew: z.boolean().nullable().optional(),
		status: boundedString(64).nullable().optional(),
		currentPeriodEnd: isoTimestamp().nullable().optional(),
		...commerce(),
	}),
);

export const rankly: Platform<Family> = {
	name: 'rankly',
	displayName: 'Rankly',
	credentialType: 'ranklyWebhookApi',
	events: [
		'vote',
		'premium_purchase',
		'subscription_renewed',
		'subscription_expired',
		'subscription_revoked',
	],
	families: FAMILIES,

	// Server votes carry a shared secret; bot votes and premium events a signature over the body.
	provesWithHeadersOnly: (headers) => headers['x-webhook-signature'] === undefined,

	verify(request, credentials) {
		const signature = headerValue(request, 'x-webhook-signature');
		if (request.headers['x-webhook-signature'] !== undefined)
			return verifySigned(request, signature, credentials);

		const authorization = secretOf(credentials, 'authorization');
		const signs =
			secretOf(credentials, 'voteSecret') !== '' || secretOf(credentials, 'premiumSecret') !== '';
		if (authorization === '' && !signs)
			return missingSecret(
				'Rankly',
				'server vote authorization, bot vote secret or premium secret',
			);
		// Rankly's own receiver compares against "Bearer <secret>"; users may save either form on either side.
		const received = withoutBearer(headerValue(request, 'authorization'));
		// Unsigned, it can only be a server vote: the answer names both proofs a genuine sender would have sent, the
		// same whichever secrets are set.
		if (authorization === '' || !tokenMatches([received], withoutBearer(authorization) as string)) {
			return {
				ok: false,
				status: 401,
				error:
					'No X-Webhook-Signature header (Rankly signs bot votes and premium events), and the Authorization header does not match the server vote authorization',
				detail:
					authorization === ''
						? 'the credential holds no server vote authorization: only signed deliveries can pass'
						: undefined,
			};
		}
		return { ok: true, family: 'serverVote' };
	},

	map(body, { family }) {
		if (family === 'serverVote') return mapServerVote(body);
		const eventName = isObject(body) ? (body.event ?? body.type) : undefined;
		const admitted = FAMILY_EVENTS[family];
		if (typeof eventName !== 'string' || !FAMILY_EVENTS.signed.includes(eventName)) {
			return unknownEvent('event', eventName, FAMILY_EVENTS.signed);
		}
		if (!admitted.includes(eventName)) return wrongSecret(eventName, family);
		if (eventName === 'bot_vote') return mapBotVote(body);
		if (eventName === 'premium_purchase') return mapPurchase(body);
		return mapSubscription(body, eventName);
	},

	checkCredential(credentials) {
		const fields = [
			['authorization', 'Server Vote Authorization'],
			['voteSecret', 'Bot Vote Secret'],
			['premiumSecret', 'Premium Secret'],
		] as const;
		const set = fields.filter(([field]) => secretOf(credentials, field) !== '');
		const schemeOnly = schemeOnlyProblem(credentials, fields);
		if (schemeOnly) return { ok: false, message: schemeOnly };
		if (set.length === 0)
			return {
				ok: false,
				message: 'Set at least one of: ' + fields.map(([, label]) => label).join(', '),
			};
		// The HMAC secrets never travel in a header; only the server vote authorization does.
		const problem = checkHeaderSecret(credentials, 'authorization', 'Server Vote Authorization');
		if (secretOf(credentials, 'authorization') !== '' && problem)
			return { ok: false, message: problem };
		const unset = fields.filter((entry) => !set.includes(entry)).map(([, label]) => label);
		const rejected =
			unset.length > 0 ? `; deliveries needing ${unset.join(', ')} will be rejected` : '';
		return { ok: true, message: `${set.map(([, label]) => label).join(', ')} set${rejected}` };
	},
};

const BOT_VOTE = Buffer.from('bot_vote');

function verifySigned(
	request: DeliveryRequest,
	signature: string | undefined,
	credentials: Readonly<Record<string, unknown>>,
): Verification<Family> {
	const voteSecret = secretOf(credentials, 'voteSecret');
	const premiumSecret = secretOf(credentials, 'premiumSecret');
	if (voteSecret === '' && premiumSecret === '' && secretOf(credentials, 'authorization') === '') {
		return missingSecret('Rankly', 'server vote authorization, bot vote secret or premium secret');
	}
	if (signature === undefined)
		return { ok: false, status: 401, error: 'X-Webhook-Signature header is repeated' };
	// verifyHmacSha256 refuses an empty secret, so an unset secret proves nothing. Which secret matched is
	// not a secret itself, so the second HMAC runs only when the first did not match. The secret likelier to
	// match goes first: only bot votes name "bot_vote". That guess on unverified bytes orders the two HMACs
	// and nothing else: the verdict is the same either way, a wrong guess costs the second HMAC.
	const candidates: Array<[string, Family]> = request.rawBody.includes(BOT_VOTE)
		? [
				[voteSecret, 'botVote'],
				[premiumSecret, 'premium'],
			]
		: [
				[premiumSecret, 'premium'],
				[voteSecret, 'botVote'],
			];
	for (const [secret, family] of candidates) {
		// Equal secrets both match: either family is proven.
		if (verifyHmacSha256(secret, request.rawBody, signature))
			return { ok: true, family: premiumSecret === voteSecret ? 'signed' : family };
	}
	const tried = [voteSecret && 'bot vote secret', premiumSecret && 'premium secret']
		.filter(Boolean)
		.join(' and the ');
	// Without a signing secret the answer is the one a wrong signature gets: it does not tell which secrets are set.
	return {
		ok: false,
		status: 401,
		error:
			'X-Webhook-Signature is not the HMAC-SHA256 of this body under the bot vote secret or the premium secret',
		detail:
			tried === ''
				? 'the credential holds no bot vote secret or premium secret: only server votes can pass'
				: `compared under the ${tried}`,
	};
}

function wrongSecret(eventName: string, family: Exclude<Family, 'serverVote'>): Mapping {
	const [used, needed] =
		family === 'botVote'
			? ['bot vote secret', 'premium secret']
			: ['premium secret', 'bot vote secret'];
	return {
		ok: false,
		status: 401,
		error: `X-Webhook-Signature matches the ${used}, but "${eventName}" events are signed with the ${needed}: are the two secrets swapped in the credential?`,
	};
}

type VoteContext = {
	creditsAwarded?: boolean | null;
	adBlocker?: boolean | null;
	creditDenialReason?: string | null;
	test?: boolean;
};

/**
 * `fields` plus what every vote carries. Written into `fields` rather than spread into a new literal: in
 * Node.js 20 each key written after an object spread costs microseconds (the premium mapping spent
 * longer on its seven keys after a spread than on validating the whole payload).
 */
function withVoteContext(payload: VoteContext, fields: Omit<EventFields, 'isTest'>): EventFields {
	return Object.assign(fields, {
		isTest: payload.test === true,
		creditsAwarded: payload.creditsAwarded ?? null,
		adBlocker: payload.adBlocker ?? null,
		creditDenialReason: payload.creditDenialReason ?? null,
	});
}

function mapServerVote(body: unknown): Mapping {
	return mapWith(serverVote(), body, (payload) => {
		const occurredAt = isoFromString(payload.timestamp);
		return withVoteContext(payload, {
			event: 'vote',
			targetType: 'server',
			targetId: payload.serverId,
			userId: payload.userId,
			occurredAt,
			// Rankly: "dedupe on userId + serverId + timestamp".
			eventId: eventDigest('server', payload.serverId, payload.userId, occurredAt),
		});
	});
}

function mapBotVote(body: unknown): Mapping {
	return mapWith(botVote(), body, (payload) => {
		const occurredAt = isoFromString(payload.timestamp);
		return withVoteContext(payload, {
			event: 'vote',
			targetType: 'bot',
			targetId: payload.bot.id,
			targetName: payload.bot.name ?? null,
			userId: payload.voter.userId,
			username: payload.voter.username ?? null,
			occurredAt,
			eventId: eventDigest('bot', payload.bot.id, payload.voter.userId, occurredAt),
		});
	});
}

type Commerce = {
	buyer: { userId: string; username?: string | null };
	recipient?: { userId: string } | null;
	isGift?: boolean | null;
	tier?: z.output<ReturnType<typeof tier>> | null;
	test?: boolean;
};

/** `fields` plus the buyer, recipient and tier; written into `fields`, not spread (see `withVoteContext`). */
function withCommerce(payload: Commerce, fields: Omit<EventFields, 'isTest'>): EventFields {
	return Object.assign(fields, {
		isTest: payload.test === true,
		userId: payload.buyer.userId,
		username: payload.buyer.username ?? null,
		recipientUserId: payload.recipient?.userId ?? null,
		isGift: payload.isGift ?? null,
		tierId: payload.tier?.id ?? null,
		tierName: payload.tier?.name ?? null,
		planType: payload.tier?.planType ?? null,
		billingPeriod: payload.tier?.duration ?? null,
	});
}

function targetTypeOf(value: string | null | undefined): 'bot' | 'server' | null {
	return value === 'bot' || value === 'server' ? value : null;
}

function mapPurchase(body: unknown): Mapping {
	return mapWith(premiumPurchase(), body, (payload) => {
		const targetType =
			targetTypeOf(payload.targetType) ??
			(payload.serverId ? 'server' : payload.botId ? 'bot' : null);
		// The id of what `targetType` names: a purchase for a bot may carry the server it was bought from too.
		const targetId =
			(targetType === 'bot'
				? (payload.botId ?? payload.serverId)
				: (payload.serverId ?? payload.botId)) ?? null;
		return withCommerce(payload, {
			event: 'premium_purchase',
			targetType,
			targetId,
			targetName: payload.targetName ?? null,
			occurredAt: isoFromString(payload.timestamp),
			eventId: payload.purchaseId,
			orderId: payload.orderId ?? payload.purchaseId,
		});
	});
}

function mapSubscription(body: unknown, eventName: string): Mapping {
	const event = eventName.replace('.', '_') as EventKind;
	return mapWith(subscription(), body, (payload) => {
		const occurredAt = isoFromString(payload.timestamp);
		const periodEnd = payload.currentPeriodEnd ? isoFromString(payload.currentPeriodEnd) : null;
		return withCommerce(payload, {
			event,
			targetType: targetTypeOf(payload.vendor?.type),
			targetId: payload.vendor?.id ?? null,
			occurredAt,
			// One order renews every period: the period end (or the event time) tells renewals apart.
			eventId: `${payload.orderId}:${periodEnd ?? occurredAt}`,
			orderId: payload.orderId,
			subscriptionStatus: payload.status ?? null,
			autoRenew: payload.autoRenew ?? null,
			currentPeriodEnd: periodEnd,
		});
	});
}
