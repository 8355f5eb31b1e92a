import type { IWebhookFunctions } from 'n8n-workflow';
import type { Platform, Refusal } from './platform';

/*
 * The request's body as the pipeline takes it: of the list's content type, read exactly as received, bounded in
 * size and in nesting before it is parsed.
 */

/** Votes are a few hundred bytes; anything near this is not a delivery from a bot list. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Deliveries nest a few levels (a vote's `voter.userId`, a comment's `data.comment.vote`). A body nested far
 * deeper makes an item that JSON.stringify, n8n's deepCopy and structuredClone cannot copy (arrays fail from
 * about 3,300 levels), so it is refused before it is parsed.
 */
export const MAX_NESTING_DEPTH = 32;

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Whether `contentType` (a header value, parameters and all) is one the list sends. */
export function sendsContentType(platform: Platform<string>, contentType: string): boolean {
	if (platform.contentTypes === undefined) return JSON_CONTENT_TYPE.test(contentType);
	const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
	return platform.contentTypes.includes(mediaType);
}

export function unsupportedType(platform: Platform<string>, contentType: string): Refusal {
	const sent =
		platform.contentTypes === undefined ? 'application/json' : platform.contentTypes.join(' or ');
	return {
		status: 415,
		error: `Unsupported content type "${contentType.slice(0, 64)}": ${platform.displayName} sends ${sent}`,
	};
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

export type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;
export type BodyRead = { ok: true; bytes: Buffer } | ({ ok: false } & Refusal);

/**
 * The bytes exactly as received, when n8n has not read them: it reads the body before calling the node for the
 * content types it parses (JSON among them) and, for node versions above 1, leaves any other body unread, with
 * its reader attached to the request.
 */
export async function readUnreadBody(request: WebhookRequest): Promise<BodyRead> {
	if (typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			// n8n's reader stops at its own payload limit (N8N_PAYLOAD_SIZE_MAX) with raw-body's error type. A reader
			// may reject with anything, null included.
			if (
				typeof error === 'object' &&
				error !== null &&
				(error as { type?: unknown }).type === 'entity.too.large'
			) {
				return {
					ok: false,
					status: 413,
					error: `Body too large: at most ${MAX_BODY_BYTES} bytes accepted`,
				};
			}
			// Otherwise the stream is gone (n8n parsed a multipart form, or the sender aborted): judge the request
			// without a body, as n8n's version 1 path does.
		}
	}
	return { ok: true, bytes: Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0) };
}
