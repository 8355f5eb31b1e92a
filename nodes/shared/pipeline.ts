import { NodeOperationError, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import type { BotListEvent, EventFields, Platform } from './platform';
import { withOtherListsMarkers } from './foreignDeliveries';
import { isAllowed, parseAllowList, type AllowList } from './ipAllowList';
import { discordIdOrNull, isObject, isoFromEpochMs, plainIsoOrNull, printable, shortened } from './payload';
import { recentEventsOf } from './recentEvents';

/** Votes are a few hundred bytes; anything near this is not a delivery from a bot list. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Deliveries nest a few levels (a vote's `voter.userId`, a comment's `data.comment.vote`). A body nested far
 * deeper makes an item that JSON.stringify, n8n's deepCopy and structuredClone cannot copy (arrays fail from
 * about 3,300 levels), so it is refused before it is parsed.
 */
export const MAX_NESTING_DEPTH = 32;

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const HOUR_MS = 3_600_000;

/** The shortest Redelivery Window the editor accepts, in hours (36 seconds): a window of 0 or less remembers nothing. */
export const MIN_REDELIVERY_WINDOW_HOURS = 0.01;

/** A refused request: `error` is the answer the sender sees; `detail`, for the node's owner, goes to n8n's log only. */
interface Rejection {
	status: number;
	error: string;
	detail?: string;
}

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
	const request = this.getRequestObject();

	// Each parameter is read where it is used, not the Options collection at once: a parameter whose expression
	// fails then refuses the delivery naming it, and nothing but Allowed IPs (checked first) is read before the proof.
	const allowedIps = readParameter(this, ALLOWED_IPS);
	if (!allowedIps.ok) return reject(this, allowedIps);
	const blocked = senderRefusal(request, allowedIps.value);
	if (blocked) return reject(this, blocked);

	let credentials: IDataObject;
	try {
		credentials = await this.getCredentials(platform.credentialType);
	} catch {
		return reject(this, { status: 500, error: `No ${platform.displayName} credential is selected in the node` });
	}

	// A secret in a header is checked before anything about the body, which is then never read for a forger;
	// a signature over the body is checked once the body is known to be of the list's type and size.
	const provenByHeaders = platform.provesWithHeadersOnly(request.headers);
	let verification = provenByHeaders ? platform.verify({ headers: request.headers, rawBody: NO_BODY, receivedAt }, credentials) : undefined;
	if (verification?.ok === false) return reject(this, verification);

	const contentType = request.headers['content-type'];
	if (contentType !== undefined && !sendsContentType(platform, contentType)) return reject(this, unsupportedType(platform, contentType));

	const read: BodyRead = Buffer.isBuffer(request.rawBody) ? { ok: true, bytes: request.rawBody } : await readUnreadBody(request);
	if (!read.ok) return reject(this, read);
	const rawBody = read.bytes;
	if (rawBody.length > MAX_BODY_BYTES) {
		return reject(this, { status: 413, error: `Body too large: ${rawBody.length} bytes, at most ${MAX_BODY_BYTES} accepted` });
	}

	verification ??= platform.verify({ headers: request.headers, rawBody, receivedAt }, credentials);
	if (!verification.ok) return reject(this, verification);

	// After the proof: only the list itself learns that the node is misconfigured, and it retries a 500.
	const target = configuredTarget(this, platform);
	if (!target.ok) return reject(this, target);

	const document = verification.document ?? rawBody;
	if (nestsDeeperThan(document, MAX_NESTING_DEPTH)) {
		return reject(this, { status: 400, error: `Body nests deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays` });
	}
	let body: unknown;
	try {
		body = JSON.parse(document.toString('utf8'));
	} catch {
		return reject(this, { status: 400, error: document.length === 0 ? 'Empty body: expected a JSON object' : 'Body is not valid JSON' });
	}
	if (!isObject(body)) return reject(this, { status: 400, error: 'Body must be a JSON object' });

	const mapped = platform.map(body, { family: verification.family, receivedAt, configuredTargetId: target.value });
	const mapping = withOtherListsMarkers(platform, body, mapped, receivedAt);
	if (mapping.ok === 'ignored') return { webhookResponse: { received: true, ignored: true, reason: shown(mapping.reason) } };
	if (!mapping.ok) return reject(this, { status: mapping.status ?? 400, error: mapping.error });
	if (mapping.dropped !== undefined && mapping.dropped.length > 0) {
		// A genuine delivery is never refused for an optional field: its owner learns here what the item lacks.
		this.logger.warn(`${this.getNode().name} left out fields that did not match ${platform.displayName}'s documented form: ${shown(mapping.dropped.join('; '))}`);
	}

	const item: BotListEvent = toItem(platform, mapping.fields, receivedAt, body as IDataObject);

	const ignoredBecause = filterReason(this, platform, item);
	if (!ignoredBecause.ok) return reject(this, ignoredBecause);
	if (ignoredBecause.value !== undefined) {
		return { webhookResponse: { received: true, ignored: true, reason: ignoredBecause.value } };
	}

	const ignoreRedeliveries = readParameter(this, IGNORE_REDELIVERIES);
	if (!ignoreRedeliveries.ok) return reject(this, ignoreRedeliveries);
	if (ignoreRedeliveries.value) {
		// Read only while Ignore Redeliveries is on: the editor shows it only then, so a hidden value is stale.
		const windowHours = readParameter(this, REDELIVERY_WINDOW);
		if (!windowHours.ok) return reject(this, windowHours);
		// One memory per workflow and node: two workflows listening to the same list both run, and one node's
		// traffic cannot push another's entries out.
		const recent = recentEventsOf(`${this.getWorkflow().id}:${this.getNode().id}`);
		if (recent.seenBefore(item.eventId, receivedAt.getTime(), windowHours.value * HOUR_MS)) {
			return { webhookResponse: { received: true, duplicate: true, eventId: item.eventId } };
		}
	}

	// Returned, not written: n8n answers with this body only once it has recorded the execution.
	return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
}

const NO_BODY = Buffer.alloc(0);

/** Whether `contentType` (a header value, parameters and all) is one the list sends. */
function sendsContentType(platform: Platform<string>, contentType: string): boolean {
	if (platform.contentTypes === undefined) return JSON_CONTENT_TYPE.test(contentType);
	const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
	return platform.contentTypes.includes(mediaType);
}

function unsupportedType(platform: Platform<string>, contentType: string): Rejection {
	const sent = platform.contentTypes === undefined ? 'application/json' : platform.contentTypes.join(' or ');
	return { status: 415, error: `Unsupported content type "${contentType.slice(0, 64)}": ${platform.displayName} sends ${sent}` };
}

/**
 * True when `bytes`, read as JSON, opens more than `limit` objects and arrays inside one another. Brackets
 * inside strings do not count; the bytes need not be valid JSON (the parser judges that next).
 */
export function nestsDeeperThan(bytes: Buffer, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (inString) {
			if (byte === BACKSLASH) index++;
			else if (byte === QUOTE) inString = false;
		} else if (byte === QUOTE) {
			inString = true;
		} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
			if (++depth > limit) return true;
		} else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) {
			// Never below zero: stray closers cannot buy room for deeper nesting further on.
			depth--;
		}
	}
	return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;
type BodyRead = { ok: true; bytes: Buffer } | ({ ok: false } & Rejection);

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
			// n8n's reader stops at its own payload limit (N8N_PAYLOAD_SIZE_MAX) with raw-body's error type. A reader
			// may reject with anything, null included.
			if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large') {
				return { ok: false, status: 413, error: `Body too large: at most ${MAX_BODY_BYTES} bytes accepted` };
			}
			// Otherwise the stream is gone (n8n parsed a multipart form, or the sender aborted): judge the request
			// without a body, as n8n's version 1 path does.
		}
	}
	return { ok: true, bytes: Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0) };
}

/** The node parameter a list that omits its target offers (see description.ts): public API of saved workflows. */
export const BOT_ID_PARAMETER = 'botId';

/** A parameter's value as the pipeline uses it, or the refusal naming the parameter. */
type Setting<T> = { ok: true; value: T } | ({ ok: false } & Rejection);

/**
 * A node parameter as the pipeline reads it. An expression may give any value, or fail to evaluate (n8n's
 * getNodeParameter then throws): both are refused by name, never thrown on.
 */
interface Parameter<T> {
	/** Where n8n holds it: a name, or a dotted path into the Options collection. */
	path: string;
	/** As the editor shows it. */
	displayName: string;
	kind: 'parameter' | 'option';
	/** What n8n gives when the workflow holds no value: the editor's default. */
	fallback: unknown;
	/** The value as the pipeline uses it, or undefined when the parameter holds something it cannot use. */
	accept(value: unknown): { value: T } | undefined;
	/** What the refusal says of a value `accept` does not take. */
	problem: string;
}

/** An expression's error may be long (it can quote the expression): the log gets this much of it. */
const MAX_EXPRESSION_ERROR_CHARS = 200;

/**
 * Reads one parameter. A refusal names it as the editor does; the expression's error and the kind of value held
 * go to n8n's log only, never the value itself, which may hold anything an expression reached.
 */
function readParameter<T>(context: IWebhookFunctions, parameter: Parameter<T>): Setting<T> {
	const name = `The node's ${parameter.displayName} ${parameter.kind}`;
	let value: unknown;
	try {
		value = context.getNodeParameter(parameter.path, parameter.fallback);
	} catch (error) {
		return { ok: false, status: 500, error: `${name} could not be read: see the n8n log`, detail: messageOf(error).slice(0, MAX_EXPRESSION_ERROR_CHARS) };
	}
	const accepted = parameter.accept(value);
	if (accepted !== undefined) return { ok: true, value: accepted.value };
	return { ok: false, status: 500, error: `${name} ${parameter.problem}`, detail: `${parameter.displayName} holds ${kindOf(value)}` };
}

/** What was thrown, as text: n8n throws Errors, but an expression may throw anything, even what String() cannot convert. */
function messageOf(thrown: unknown): string {
	if (thrown instanceof Error && typeof thrown.message === 'string') return thrown.message;
	try {
		return String(thrown);
	} catch {
		return 'a value that is not an error';
	}
}

/** The kind of a value, without the value. */
function kindOf(value: unknown): string {
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'string') return `a string of ${value.length} characters`;
	if (Array.isArray(value)) return `a list of ${value.length} entries`;
	return `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}

/** The Bot ID: a Discord id, or nothing when left empty. */
const BOT_ID: Parameter<string | undefined> = {
	path: BOT_ID_PARAMETER,
	displayName: 'Bot ID',
	kind: 'parameter',
	fallback: '',
	accept(value) {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return { value: undefined };
		const id = typeof value === 'string' ? discordIdOrNull(value.trim()) : null;
		return id === null ? undefined : { value: id };
	},
	problem: "is not a Discord id: expected your bot's id as text, digits only, or nothing",
};

const ALLOWED_IPS: Parameter<string> = {
	path: 'options.allowedIps',
	displayName: 'Allowed IPs',
	kind: 'option',
	fallback: '',
	// Anything but text fails closed: an expression that gives null must not allow every sender.
	accept: (value) => (typeof value === 'string' ? { value } : undefined),
	problem: 'is not text: expected addresses or ranges separated by commas, or nothing',
};

/** True or false, or that as text: an environment variable, which an expression may read, holds text. */
function booleanOf(value: unknown): { value: boolean } | undefined {
	if (typeof value === 'boolean') return { value };
	if (value === 'true' || value === 'false') return { value: value === 'true' };
	return undefined;
}

const IGNORE_TESTS: Parameter<boolean> = {
	path: 'options.ignoreTests',
	displayName: 'Ignore Test Deliveries',
	kind: 'option',
	fallback: false,
	accept: booleanOf,
	problem: 'is not true or false',
};

const IGNORE_REDELIVERIES: Parameter<boolean> = {
	path: 'options.ignoreRedeliveries',
	displayName: 'Ignore Redeliveries',
	kind: 'option',
	fallback: false,
	accept: booleanOf,
	problem: 'is not true or false',
};

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A window that remembers: 0, a negative number or NaN would silently let every redelivery run. */
const REDELIVERY_WINDOW: Parameter<number> = {
	path: 'options.redeliveryWindowHours',
	displayName: 'Redelivery Window (Hours)',
	kind: 'option',
	fallback: 24,
	accept(value) {
		const hours = typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : value;
		return typeof hours === 'number' && Number.isFinite(hours) && hours >= MIN_REDELIVERY_WINDOW_HOURS ? { value: hours } : undefined;
	},
	problem: `is not a number of hours of at least ${MIN_REDELIVERY_WINDOW_HOURS}: a shorter window would let every redelivery run`,
};

/** The node's Bot ID, for a list whose deliveries do not name their bot; nothing for the others, which have none. */
function configuredTarget(context: IWebhookFunctions, platform: Platform<string>): Setting<string | undefined> {
	if (platform.omitsTarget !== true) return { ok: true, value: undefined };
	return readParameter(context, BOT_ID);
}

let lastAllowList: { text: string; list: AllowList } | undefined;

/** The option's text rarely changes: parse it once, not per request. */
function allowListOf(text: string): AllowList {
	if (lastAllowList?.text !== text) lastAllowList = { text, list: parseAllowList(text) };
	return lastAllowList.list;
}

/** Why the Allowed IPs option refuses this sender, if it does. An option of only separators allows any sender. */
function senderRefusal(request: WebhookRequest, allowedIps: string): Rejection | undefined {
	if (!allowedIps) return undefined;
	const allowList = allowListOf(allowedIps);
	if (allowList.invalid.length > 0) {
		return {
			status: 500,
			error: 'The node\'s Allowed IPs option holds entries that are not addresses or ranges: see the n8n log',
			detail: `entries not understood: ${allowList.invalid.join(', ')}`,
		};
	}
	if (allowList.entries.length === 0) return undefined;
	const client = request.ip ?? request.socket?.remoteAddress;
	if (isAllowed(allowList, client)) return undefined;
	return { status: 403, error: "This sender's address is not in the node's Allowed IPs option", detail: `sender address ${client ?? 'unknown'}` };
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
function reject(context: IWebhookFunctions, refusal: Rejection): IWebhookResponseData {
	const error = shown(refusal.error);
	const detail = refusal.detail === undefined ? '' : ` (${shown(refusal.detail)})`;
	context.logger.debug(`${context.getNode().name} refused a delivery (${refusal.status}): ${error}${detail}`);
	if (context.getMode() === 'manual') {
		throw new NodeOperationError(context.getNode(), `Refused a test delivery: ${error}`, {
			description: `Sent to the Production URL, this request gets HTTP ${refusal.status} {"error": ${JSON.stringify(error)}}${detail}. Sent to the Test URL, n8n answers it HTTP 500.`,
		});
	}
	context.getResponseObject().status(refusal.status).json({ error });
	return { noWebhookResponse: true };
}

/** The value of Trigger On's "All Events" choice: every event kind, including kinds a later version of the list adds. */
export const ALL_EVENTS = '*';

/** From version 2 the event filter is the top-level Trigger On parameter (`events`); before, the Options collection's Events. */
export const TRIGGER_ON_VERSION = 2;

/** The event kinds that may start the workflow, or undefined for all of them, with where the choice was made. */
interface EventSelection {
	events?: readonly string[];
	where: string;
}

/**
 * Version 2 on: the Trigger On parameter, whose All Events choice (or nothing chosen) means every kind. Versions
 * 1 and 1.1: the Options collection's Events, empty meaning every kind, exactly as saved workflows expect. An
 * expression may give one event kind rather than a list; anything else it gives (a number, an event kind the
 * list does not send) is refused by name rather than quietly filtering every delivery out.
 */
function selectedEvents(context: IWebhookFunctions, platform: Platform<string>): Setting<EventSelection> {
	if (platform.events.length < 2) return { ok: true, value: { where: 'Trigger On' } };
	const triggerOn = context.getNode().typeVersion >= TRIGGER_ON_VERSION;
	const choices: readonly string[] = triggerOn ? [ALL_EVENTS, ...platform.events] : platform.events;
	const selection = readParameter<readonly string[] | undefined>(context, {
		path: triggerOn ? 'events' : 'options.events',
		displayName: triggerOn ? 'Trigger On' : 'Events',
		kind: triggerOn ? 'parameter' : 'option',
		fallback: triggerOn ? [ALL_EVENTS] : [],
		accept(value) {
			const chosen: unknown[] = Array.isArray(value) ? value : [value];
			if (!chosen.every((entry) => typeof entry === 'string' && choices.includes(entry))) return undefined;
			return { value: chosen.length === 0 || chosen.includes(ALL_EVENTS) ? undefined : (chosen as string[]) };
		},
		problem: `does not hold ${platform.displayName}'s events: expected some of ${choices.join(', ')}`,
	});
	if (!selection.ok) return selection;
	return { ok: true, value: { events: selection.value, where: triggerOn ? 'Trigger On' : 'the node options' } };
}

/** Why the node's filters answer this item without a run, if they do. */
function filterReason(context: IWebhookFunctions, platform: Platform<string>, item: BotListEvent): Setting<string | undefined> {
	const ignoreTests = readParameter(context, IGNORE_TESTS);
	if (!ignoreTests.ok) return ignoreTests;
	const selection = selectedEvents(context, platform);
	if (!selection.ok) return selection;
	if (ignoreTests.value && item.isTest) return { ok: true, value: 'Test delivery ignored by the node options' };
	const events = selection.value.events ?? [];
	if (events.length > 0 && !events.includes(item.event)) {
		return { ok: true, value: `Event "${item.event}" is not selected in ${selection.value.where}` };
	}
	return { ok: true, value: undefined };
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
