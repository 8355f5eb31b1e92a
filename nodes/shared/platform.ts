import type { IDataObject } from 'n8n-workflow';

/** The list's `platform` value in every item (the contract README.md "Output" documents); each list's tests pin its own. */
export type PlatformName = string;

export type EventKind =
	| 'vote'
	| 'test'
	| 'comment_created'
	| 'comment_edited'
	| 'comment_deleted'
	| 'premium_purchase'
	| 'subscription_renewed'
	| 'subscription_expired'
	| 'subscription_revoked';

/**
 * The one item a delivery becomes. Every key is present on every platform (null where the platform
 * sends nothing) so that one workflow serves every list and spreadsheet columns map the same way.
 */
// A type literal, not an interface, so it stays assignable to n8n's IDataObject without an index signature.
export type BotListEvent = {
	platform: PlatformName;
	event: EventKind;
	isTest: boolean;
	targetType: 'bot' | 'server' | null;
	targetId: string | null;
	targetName: string | null;
	userId: string | null;
	username: string | null;
	occurredAt: string;
	receivedAt: string;
	eventId: string;
	totalVotes: number | null;
	creditsAwarded: boolean | null;
	adBlocker: boolean | null;
	creditDenialReason: string | null;
	monthlyVotes: number | null;
	nextVoteAt: string | null;
	commentText: string | null;
	previousCommentText: string | null;
	commentRating: number | null;
	previousCommentRating: number | null;
	commentDeletionReason: string | null;
	orderId: string | null;
	tierId: string | null;
	tierName: string | null;
	planType: string | null;
	billingPeriod: string | null;
	isGift: boolean | null;
	recipientUserId: string | null;
	subscriptionStatus: string | null;
	autoRenew: boolean | null;
	currentPeriodEnd: string | null;
	/** How many votes this one counts as, where the list says (a weekend vote may count twice). */
	voteWeight: number | null;
	/** The vote page's query parameters, where the list forwards them. */
	query: Record<string, string> | null;
	/** The voter's id on the list itself, where it differs from the Discord id in `userId`. */
	listUserId: string | null;
	/** Whether the list calls this vote a premium one, where it tells premium votes apart; null where it does not. */
	isPremiumVote: boolean | null;
	/** How many times in a row the voter has voted without missing a cooldown, where the list counts it. */
	voteStreak: number | null;
	raw: IDataObject;
};

/** What a platform's mapping fills in; the pipeline adds `platform`, `receivedAt` and `raw`. */
export type EventFields = Pick<BotListEvent, 'event' | 'isTest' | 'occurredAt' | 'eventId'> &
	Partial<
		Omit<
			BotListEvent,
			'platform' | 'receivedAt' | 'raw' | 'event' | 'isTest' | 'occurredAt' | 'eventId'
		>
	>;

/** The request as a verifier sees it: lowercase header names, the exact bytes received, when they arrived. */
export interface DeliveryRequest {
	headers: Readonly<Record<string, string | string[] | undefined>>;
	rawBody: Buffer;
	/** The clock a signed timestamp is checked against. */
	receivedAt: Date;
}

/** A refused request: `error` is answered to the sender; `detail`, what the node's owner needs, goes to n8n's log only. */
export interface Refusal {
	status: number;
	error: string;
	detail?: string;
}

/**
 * A proof that does not hold. 401: the request did not prove it came from the platform. 500: the credential cannot
 * verify anything. `detail` says, for n8n's log only, such as which secrets are set (SECURITY.md, "What a sender can
 * learn").
 */
export type FailedProof = { ok: false; status: 401 | 500 } & Refusal;

export type Verification<Family extends string = string> =
	| {
			ok: true;
			/** Which payload shapes this proof admits (e.g. Rankly's vote secret admits bot votes only). */
			family: Family;
			/** The JSON document, when the body carries it sealed (Infinity's splashtail encrypts it): opened by the proof. */
			document?: Buffer;
	  }
	| FailedProof;

export type Mapping =
	/** `dropped`: optional fields that failed validation and were left out of the item, for n8n's log. */
	| { ok: true; fields: EventFields; dropped?: readonly string[] }
	/** 400 by default; 401 when the body names an event that the verified proof does not cover. */
	| { ok: false; error: string; status?: 400 | 401 }
	/** A genuine delivery that is not for a workflow (an event about the list's own integrations, say): 200, no run. */
	| { ok: 'ignored'; reason: string };

export interface MappingContext<Family extends string = string> {
	family: Family;
	receivedAt: Date;
	/**
	 * For a list whose deliveries do not name what was voted for (`omitsTarget`): the Discord id the node's
	 * Bot ID parameter holds, already checked; undefined when it is empty.
	 */
	configuredTargetId?: string;
}

/**
 * A bot list: data plus pure functions. The shared pipeline does everything else, so adding a list
 * means one new platform module, its node file and its credential.
 */
export interface Platform<Family extends string = string> {
	readonly name: PlatformName;
	readonly displayName: string;
	readonly credentialType: string;
	/** Event kinds this platform can emit, offered in the node's event filter. */
	readonly events: readonly EventKind[];
	/** Every family `verify` may prove; `map` handles each of them. */
	readonly families: readonly Family[];
	/**
	 * True when the list's deliveries never say which bot they are about: the node then offers a Bot ID parameter,
	 * and `map` gets its value as `configuredTargetId` to put in `targetId`.
	 */
	readonly omitsTarget?: boolean;
	/** The media types the list sends (lowercase, no parameters); JSON (`application/json`, `application/*+json`) when not set. */
	readonly contentTypes?: readonly string[];
	/**
	 * True when `verify` decides this request from its headers alone (a shared secret in a header, not a signature
	 * over the body): the pipeline then refuses a wrong secret before reading a body n8n left unread.
	 */
	provesWithHeadersOnly(headers: DeliveryRequest['headers']): boolean;
	verify(
		request: DeliveryRequest,
		credentials: Readonly<Record<string, unknown>>,
	): Verification<Family>;
	/** Validates the parsed JSON body against the schemas the verified family admits, then maps it. */
	map(body: unknown, context: MappingContext<Family>): Mapping;
	/** Checks a credential the way the node will use it; the message names fields, never values. */
	checkCredential(credentials: Readonly<Record<string, unknown>>): { ok: boolean; message: string };
}
