import {
	NodeOperationError,
	type IDataObject,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	MAX_BODY_BYTES,
	MAX_NESTING_DEPTH,
	nestsDeeperThan,
	readUnreadBody,
	sendsContentType,
	unsupportedType,
	type BodyRead,
	type WebhookRequest,
} from './body';
import { withOtherListsMarkers } from './foreignDeliveries';
import { isAllowed, parseAllowList, type AllowList } from './ipAllowList';
import {
	ALLOWED_IPS,
	configuredTarget,
	filterReason,
	IGNORE_REDELIVERIES,
	readParameter,
	REDELIVERY_WINDOW,
} from './parameters';
import { isObject, printable, shortened } from './payload';
import { isoFromEpochMs, plainIsoOrNull } from './time';
import type { BotListEvent, EventFields, Platform, Refusal } from './platform';
import { recentEventsOf } from './recentEvents';

const HOUR_MS = 3_600_000;

/**
 * One delivery, top to bottom: check the sender's address, verify a secret sent in a header, check the content
 * type, read the raw body, verify a signature over it (and open the document it seals, for a list that encrypts),
 * parse and validate, normalize, tell another list's tests and non-votes from votes, filter, answer. Never throws
 * on anything a sender controls at the Production URL: n8n turns a throw into a 500 and a failed execution. At the
 * Test URL a refusal throws (see `reject`).
 */
export async function handleDelivery<Family extends string>(
	this: IWebhookFunctions,
	platform: Platform<Family>,
): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const proven = await provenDocument(this, platform, receivedAt);
	if (!proven.ok) return reject(this, proven);
	return answer(this, platform, proven, receivedAt);
}

/** A delivery the list is proven to have sent: the document it carries, and what the proof and the node say of it. */
interface Proven<Family extends string> {
	ok: true;
	document: Buffer;
	family: Family;
	configuredTargetId?: string;
}

/**
 * Everything up to the proof. Each parameter is read where it is used: one whose expression fails refuses the
 * delivery naming it, and nothing but Allowed IPs (checked first) is read before the proof.
 */
async function provenDocument<Family extends string>(
	context: IWebhookFunctions,
	platform: Platform<Family>,
	receivedAt: Date,
): Promise<Proven<Family> | ({ ok: false } & Refusal)> {
	const request = context.getRequestObject();
	const allowedIps = readParameter(context, ALLOWED_IPS);
	if (!allowedIps.ok) return allowedIps;
	const blocked = senderRefusal(request, allowedIps.value);
	if (blocked) return { ok: false, ...blocked };

	let credentials: IDataObject;
	try {
		credentials = await context.getCredentials(platform.credentialType);
	} catch {
		return {
			ok: false,
			status: 500,
			error: `No ${platform.displayName} credential is selected in the node`,
		};
	}

	// A secret in a header is checked before anything about the body, which is then never read for a forger;
	// a signature over the body is checked once the body is known to be of the list's type and size.
	const provenByHeaders = platform.provesWithHeadersOnly(request.headers);
	let verification = provenByHeaders
		? platform.verify({ headers: request.headers, rawBody: NO_BODY, receivedAt }, credentials)
		: undefined;
	if (verification?.ok === false) return verification;

	const contentType = request.headers['content-type'];
	if (contentType !== undefined && !sendsContentType(platform, contentType))
		return { ok: false, ...unsupportedType(platform, contentType) };

	const read: BodyRead = Buffer.isBuffer(request.rawBody)
		? { ok: true, bytes: request.rawBody }
		: await readUnreadBody(request);
	if (!read.ok) return read;
	const rawBody = read.bytes;
	if (rawBody.length > MAX_BODY_BYTES)
		return {
			ok: false,
			status: 413,
			error: `Body too large: ${rawBody.length} bytes, at most ${MAX_BODY_BYTES} accepted`,
		};

	verification ??= platform.verify({ headers: request.headers, rawBody, receivedAt }, credentials);
	if (!verification.ok) return verification;

	// After the proof: only the list itself learns that the node is misconfigured, and it retries a 500.
	const target = configuredTarget(context, platform);
	if (!target.ok) return target;
	return {
		ok: true,
		document: verification.document ?? rawBody,
		family: verification.family,
		configuredTargetId: target.value,
	};
}

/** The proven document as a JSON object, or the 400 that says why it is none. */
function parseDocument(
	document: Buffer,
): { ok: true; body: Record<string, unknown> } | ({ ok: false } & Refusal) {
	if (nestsDeeperThan(document, MAX_NESTING_DEPTH)) {
		return {
			ok: false,
			status: 400,
			error: `Body nests deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays`,
		};
	}
	let body: unknown;
	try {
		body = JSON.parse(document.toString('utf8'));
	} catch {
		const error =
			document.length === 0 ? 'Empty body: expected a JSON object' : 'Body is not valid JSON';
		return { ok: false, status: 400, error };
	}
	return isObject(body)
		? { ok: true, body }
		: { ok: false, status: 400, error: 'Body must be a JSON object' };
}

/** From the proven document to the answer: parse, validate and normalize, then the node's filters and memory. */
function answer<Family extends string>(
	context: IWebhookFunctions,
	platform: Platform<Family>,
	proven: Proven<Family>,
	receivedAt: Date,
): IWebhookResponseData {
	const parsed = parseDocument(proven.document);
	if (!parsed.ok) return reject(context, parsed);
	const { body } = parsed;

	const mapped = platform.map(body, {
		family: proven.family,
		receivedAt,
		configuredTargetId: proven.configuredTargetId,
	});
	const mapping = withOtherListsMarkers(platform, body, mapped, receivedAt);
	if (mapping.ok === 'ignored')
		return { webhookResponse: { received: true, ignored: true, reason: shown(mapping.reason) } };
	if (!mapping.ok) return reject(context, { status: mapping.status ?? 400, error: mapping.error });
	if (mapping.dropped !== undefined && mapping.dropped.length > 0) {
		// A genuine delivery is never refused for an optional field: its owner learns here what the item lacks.
		context.logger.warn(
			`${context.getNode().name} left out fields that did not match ${platform.displayName}'s documented form: ${shown(mapping.dropped.join('; '))}`,
		);
	}

	const item: BotListEvent = toItem(platform, mapping.fields, receivedAt, body as IDataObject);
	const ignoredBecause = filterReason(context, platform, item);
	if (!ignoredBecause.ok) return reject(context, ignoredBecause);
	if (ignoredBecause.value !== undefined)
		return { webhookResponse: { received: true, ignored: true, reason: ignoredBecause.value } };

	const ignoreRedeliveries = readParameter(context, IGNORE_REDELIVERIES);
	if (!ignoreRedeliveries.ok) return reject(context, ignoreRedeliveries);
	if (ignoreRedeliveries.value) {
		// Read only while Ignore Redeliveries is on: the editor shows it only then, so a hidden value is stale.
		const windowHours = readParameter(context, REDELIVERY_WINDOW);
		if (!windowHours.ok) return reject(context, windowHours);
		// One memory per workflow and node: two workflows listening to the same list both run, and one node's
		// traffic cannot push another's entries out.
		const recent = recentEventsOf(`${context.getWorkflow().id}:${context.getNode().id}`);
		if (recent.seenBefore(item.eventId, receivedAt.getTime(), windowHours.value * HOUR_MS)) {
			return { webhookResponse: { received: true, duplicate: true, eventId: item.eventId } };
		}
	}

	// Returned, not written: n8n answers with this body only once it has recorded the execution.
	return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
}

const NO_BODY = Buffer.alloc(0);

let lastAllowList: { text: string; list: AllowList } | undefined;

/** The option's text rarely changes: parse it once, not per request. */
function allowListOf(text: string): AllowList {
	if (lastAllowList?.text !== text) lastAllowList = { text, list: parseAllowList(text) };
	return lastAllowList.list;
}

/** Why the Allowed IPs option refuses this sender, if it does. An option of only separators allows any sender. */
function senderRefusal(request: WebhookRequest, allowedIps: string): Refusal | undefined {
	if (!allowedIps) return undefined;
	const allowList = allowListOf(allowedIps);
	if (allowList.invalid.length > 0) {
		return {
			status: 500,
			error:
				"The node's Allowed IPs option holds entries that are not addresses or ranges: see the n8n log",
			detail: `entries not understood: ${allowList.invalid.join(', ')}`,
		};
	}
	if (allowList.entries.length === 0) return undefined;
	const client = request.ip ?? request.socket?.remoteAddress;
	if (isAllowed(allowList, client)) return undefined;
	return {
		status: 403,
		error: "This sender's address is not in the node's Allowed IPs option",
		detail: `sender address ${client ?? 'unknown'}`,
	};
}

/** The most of one text an answer or a log line holds: whatever a sender wrote into it stays short and printable. */
const MAX_TEXT_SHOWN = 400;

function shown(text: string): string {
	return printable(shortened(text, MAX_TEXT_SHOWN));
}

/**
 * Answers a refusal and logs it at debug level. Anything a sender wrote that reaches the answer or the log is
 * made printable first, so no one can forge a log line.
 *
 * A request to the Test URL (n8n's `manual` mode, while the editor listens for a test event) is refused by
 * throwing instead: n8n then ends the listening and shows the error on the trigger in the editor, where the
 * user is looking, and answers the sender its own 500. A refusal returned without an execution would leave the
 * editor listening with no sign of why, and an execution with an item would run the nodes after the trigger.
 */
function reject(context: IWebhookFunctions, refusal: Refusal): IWebhookResponseData {
	const error = shown(refusal.error);
	const detail = refusal.detail === undefined ? '' : ` (${shown(refusal.detail)})`;
	context.logger.debug(
		`${context.getNode().name} refused a delivery (${refusal.status}): ${error}${detail}`,
	);
	if (context.getMode() === 'manual') {
		throw new NodeOperationError(context.getNode(), `Refused a test delivery: ${error}`, {
			description: `Sent to the Production URL, this request gets HTTP ${refusal.status} {"error": ${JSON.stringify(error)}}${detail}. Sent to the Test URL, n8n answers it HTTP 500.`,
		});
	}
	context.getResponseObject().status(refusal.status).json({ error });
	return { noWebhookResponse: true };
}

/** Builds the item key by key so that nothing from the payload can add keys or touch a prototype. */
function toItem(
	platform: Pick<Platform, 'name'>,
	fields: EventFields,
	receivedAt: Date,
	raw: IDataObject,
): BotListEvent {
	const received = isoFromEpochMs(receivedAt.getTime());
	return {
		platform: platform.name,
		event: fields.event,
		isTest: fields.isTest,
		targetType: fields.targetType ?? null,
		targetId: fields.targetId ?? null,
		targetName: fields.targetName ?? null,
		userId: fields.userId ?? null,
		username: fields.username ?? null,
		// Every time is a plain YYYY-MM-DDTHH:mm:ss.sssZ that spreadsheets parse, or null; never a year like +010000.
		occurredAt: plainIsoOrNull(fields.occurredAt) ?? received,
		receivedAt: received,
		// Namespaced by list and event kind: no id of one list or kind can stand for another's.
		eventId: `${platform.name}:${fields.event}:${fields.eventId}`,
		totalVotes: fields.totalVotes ?? null,
		creditsAwarded: fields.creditsAwarded ?? null,
		adBlocker: fields.adBlocker ?? null,
		creditDenialReason: fields.creditDenialReason ?? null,
		monthlyVotes: fields.monthlyVotes ?? null,
		nextVoteAt: plainIsoOrNull(fields.nextVoteAt),
		commentText: fields.commentText ?? null,
		previousCommentText: fields.previousCommentText ?? null,
		commentRating: fields.commentRating ?? null,
		previousCommentRating: fields.previousCommentRating ?? null,
		commentDeletionReason: fields.commentDeletionReason ?? null,
		orderId: fields.orderId ?? null,
		tierId: fields.tierId ?? null,
		tierName: fields.tierName ?? null,
		planType: fields.planType ?? null,
		billingPeriod: fields.billingPeriod ?? null,
		isGift: fields.isGift ?? null,
		recipientUserId: fields.recipientUserId ?? null,
		subscriptionStatus: fields.subscriptionStatus ?? null,
		autoRenew: fields.autoRenew ?? null,
		currentPeriodEnd: plainIsoOrNull(fields.currentPeriodEnd),
		voteWeight: fields.voteWeight ?? null,
		query: fields.query ?? null,
		listUserId: fields.listUserId ?? null,
		isPremiumVote: fields.isPremiumVote ?? null,
		voteStreak: fields.voteStreak ?? null,
		raw,
	};
}
