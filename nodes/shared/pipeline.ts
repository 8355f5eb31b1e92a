import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { BotListEvent, EventFields, EventKind, Platform } from './platform';
import { isAllowed, parseAllowList, type AllowList } from './ipAllowList';
import { isObject, isoFromEpochMs } from './payload';
import { recentEvents } from './recentEvents';

/** Votes are a few hundred bytes; anything near this is not a delivery from a bot list. */
export const MAX_BODY_BYTES = 64 * 1024;

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export interface TriggerOptions {
	events?: EventKind[];
	ignoreTests?: boolean;
	allowedIps?: string;
	ignoreRedeliveries?: boolean;
	redeliveryWindowHours?: number;
}

const HOUR_MS = 3_600_000;

/**
 * One delivery, top to bottom: read the raw body, verify, parse and validate, normalize, filter, answer.
 * Never throws on anything a sender controls: n8n turns a throw into a 500 and a failed execution.
 */
export async function handleDelivery<Family extends string>(
	this: IWebhookFunctions,
	platform: Platform<Family>,
): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const request = this.getRequestObject();
	const options = this.getNodeParameter('options', {}) as TriggerOptions;

	if (options.allowedIps) {
		const allowList = allowListOf(options.allowedIps);
		if (allowList.invalid.length > 0) {
			return reject(this, 500, `The Allowed IPs option holds entries that are not addresses or ranges: ${allowList.invalid.join(', ')}`);
		}
		const client = request.ip ?? request.socket?.remoteAddress;
		if (!isAllowed(allowList, client)) return reject(this, 403, `Requests from ${client ?? 'an unknown address'} are not in the Allowed IPs option`);
	}

	const read: BodyRead = Buffer.isBuffer(request.rawBody) ? { ok: true, bytes: request.rawBody } : await readUnreadBody(request);
	if (!read.ok) return reject(this, read.status, read.error);
	const rawBody = read.bytes;
	if (rawBody.length > MAX_BODY_BYTES) {
		return reject(this, 413, `Body too large: ${rawBody.length} bytes, at most ${MAX_BODY_BYTES} accepted`);
	}

	let credentials: IDataObject;
	try {
		credentials = await this.getCredentials(platform.credentialType);
	} catch {
		return reject(this, 500, `No ${platform.displayName} credential is selected in the node`);
	}

	const verification = platform.verify({ headers: request.headers, rawBody }, credentials);
	if (!verification.ok) return reject(this, verification.status, verification.error);

	const contentType = request.headers['content-type'];
	if (contentType !== undefined && !JSON_CONTENT_TYPE.test(contentType)) {
		return reject(this, 415, 'Unsupported content type: send application/json');
	}

	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return reject(this, 400, rawBody.length === 0 ? 'Empty body: expected a JSON object' : 'Body is not valid JSON');
	}
	if (!isObject(body)) return reject(this, 400, 'Body must be a JSON object');

	const mapping = platform.map(body, { family: verification.family, receivedAt });
	if (!mapping.ok) return reject(this, mapping.status ?? 400, mapping.error);

	const item: BotListEvent = toItem(platform, mapping.fields, receivedAt, body as IDataObject);

	const ignoredBecause = filterReason(item, options);
	if (ignoredBecause !== undefined) {
		return { webhookResponse: { received: true, ignored: true, reason: ignoredBecause } };
	}

	if (options.ignoreRedeliveries === true) {
		// Per workflow and node, so that two workflows listening to the same list both run.
		const key = `${this.getWorkflow().id}:${this.getNode().id}:${item.eventId}`;
		const windowMs = (options.redeliveryWindowHours ?? 24) * HOUR_MS;
		if (recentEvents.seenBefore(key, receivedAt.getTime(), windowMs)) {
			return { webhookResponse: { received: true, duplicate: true, eventId: item.eventId } };
		}
	}

	// Returned, not written: n8n answers with this body only once it has recorded the execution.
	return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
}

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;
type BodyRead = { ok: true; bytes: Buffer } | { ok: false; status: number; error: string };

/**
 * The bytes exactly as received, when n8n has not read them: it reads the body before calling the node for the
 * content types it parses (JSON among them) and, for node versions above 1, leaves any other body unread, with
 * its reader attached to the request.
 */
async function readUnreadBody(request: WebhookRequest): Promise<BodyRead> {
	if (typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			// n8n's reader stops at its own payload limit (N8N_PAYLOAD_SIZE_MAX) with raw-body's error type.
			if ((error as { type?: unknown }).type === 'entity.too.large') {
				return { ok: false, status: 413, error: `Body too large: at most ${MAX_BODY_BYTES} bytes accepted` };
			}
			// Otherwise the stream is gone (n8n parsed a multipart form, or the sender aborted): judge the request
			// without a body, as n8n's version 1 path does.
		}
	}
	return { ok: true, bytes: Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0) };
}

let lastAllowList: { text: string; list: AllowList } | undefined;

/** The option's text rarely changes: parse it once, not per request. */
function allowListOf(text: string): AllowList {
	if (lastAllowList?.text !== text) lastAllowList = { text, list: parseAllowList(text) };
	return lastAllowList.list;
}

function reject(context: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	context.logger.debug(`${context.getNode().name} refused a delivery (${status}): ${error}`);
	context.getResponseObject().status(status).json({ error });
	return { noWebhookResponse: true };
}

function filterReason(item: BotListEvent, options: TriggerOptions): string | undefined {
	if (options.ignoreTests === true && item.isTest) return 'Test delivery ignored by the node options';
	const events = options.events ?? [];
	if (events.length > 0 && !events.includes(item.event)) {
		return `Event "${item.event}" is not selected in the node options`;
	}
	return undefined;
}

/** Builds the item key by key so that nothing from the payload can add keys or touch a prototype. */
function toItem(
	platform: Pick<Platform, 'name'>,
	fields: EventFields,
	receivedAt: Date,
	raw: IDataObject,
): BotListEvent {
	return {
		platform: platform.name,
		event: fields.event,
		isTest: fields.isTest,
		targetType: fields.targetType ?? null,
		targetId: fields.targetId ?? null,
		targetName: fields.targetName ?? null,
		userId: fields.userId ?? null,
		username: fields.username ?? null,
		occurredAt: fields.occurredAt,
		receivedAt: isoFromEpochMs(receivedAt.getTime()),
		eventId: fields.eventId,
		totalVotes: fields.totalVotes ?? null,
		creditsAwarded: fields.creditsAwarded ?? null,
		adBlocker: fields.adBlocker ?? null,
		creditDenialReason: fields.creditDenialReason ?? null,
		monthlyVotes: fields.monthlyVotes ?? null,
		nextVoteAt: fields.nextVoteAt ?? null,
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
		currentPeriodEnd: fields.currentPeriodEnd ?? null,
		raw,
	};
}
