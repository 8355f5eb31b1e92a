import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * How a list's API answer becomes either the body to map or a NodeApiError. Every action node asks n8n's routing to
 * hand over every status (`ignoreHttpStatusErrors`), so the error carries the list's own words and, on 429, the
 * wait the list asks for: n8n's generic answer would replace both ("Authorization failed", "Try spacing your
 * requests out").
 */

const MESSAGE_LENGTH = 300;

/** The answer's body when the status is a success, otherwise a NodeApiError naming the list, the status and its words. */
export function successBody(
	this: IExecuteSingleFunctions,
	list: string,
	response: IN8nHttpFullResponse,
): unknown {
	if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
	throw apiError(this, list, response);
}

export function apiError(
	context: IExecuteSingleFunctions,
	list: string,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const status = response.statusCode;
	const said = listMessage(response.body);
	const wait = status === 429 ? retryWaitSeconds(response) : null;
	const waitText = wait === null ? '' : `; retry after ${wait} s`;
	return new NodeApiError(context.getNode(), errorResponse(response.body), {
		message: `${list} answered ${status}: ${said ?? STATUS_MEANING[status] ?? 'unexpected answer'}${waitText}`,
		description: describe(list, status, wait),
		httpCode: String(status),
	});
}

/** The item a broken success answer (not the documented shape) gives: an error naming the list and what is off. */
export function unexpectedAnswer(
	context: IExecuteSingleFunctions,
	list: string,
	response: IN8nHttpFullResponse,
	problem: string,
): NodeApiError {
	return new NodeApiError(context.getNode(), errorResponse(response.body), {
		message: `${list} answered ${response.statusCode} with a body this node does not know: ${problem}`,
		description:
			"The list's API may have changed. The answer is in this error's details; please report it to n8n-nodes-botlists.",
		httpCode: String(response.statusCode),
	});
}

const STATUS_MEANING: Record<number, string> = {
	400: 'the request was refused as malformed',
	401: 'the API token was refused',
	403: 'the API token may not do this',
	404: 'not found',
	429: 'too many requests',
	500: 'the list had an internal error',
	502: "the list's server is unreachable",
	503: "the list's API is unavailable",
	504: "the list's API timed out",
};

function describe(list: string, status: number, wait: number | null): string {
	if (status === 401 || status === 403)
		return `Check the ${list} API credential: copy the token again from the list's dashboard (it is not the webhook secret).`;
	if (status === 429)
		return `${list} limits how often its API may be called${wait === null ? '' : `; it asks for ${wait} s`}. Space the executions out, or turn on Retry On Fail in the node's settings with a wait at least that long.`;
	if (status >= 500) return `${list}'s API failed; try again later.`;
	return `See the answer in this error's details.`;
}

/** The list's own words: the first text among the fields the lists use for them. */
export function listMessage(body: unknown): string | null {
	const text = typeof body === 'string' ? body.trim() : messageField(body);
	if (text === null || text.length === 0 || text.startsWith('<')) return null;
	return text.length > MESSAGE_LENGTH ? `${text.slice(0, MESSAGE_LENGTH)}…` : text;
}

function messageField(body: unknown): string | null {
	if (!isObject(body)) return null;
	for (const key of ['detail', 'message', 'error', 'title', 'errors']) {
		const value = body[key];
		if (typeof value === 'string') return value.trim();
		if (Array.isArray(value)) {
			const first: unknown = value[0];
			if (typeof first === 'string') return first.trim();
			const nested = messageField(first);
			if (nested !== null) return nested;
		}
		if (isObject(value)) {
			const nested = messageField(value);
			if (nested !== null) return nested;
		}
	}
	return null;
}

/**
 * The wait a 429 asks for, in whole seconds: the `Retry-After` header (seconds or an HTTP date), else a body field
 * `retry_after` / `retry-after` / `retryAfter`, in seconds.
 */
export function retryWaitSeconds(response: IN8nHttpFullResponse, now = Date.now()): number | null {
	const header = response.headers['retry-after'];
	if (typeof header === 'string' && header.trim() !== '') {
		const seconds = Number(header);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
		const at = Date.parse(header);
		if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - now) / 1000));
	}
	const body = response.body;
	if (!isObject(body)) return null;
	for (const key of ['retry_after', 'retry-after', 'retryAfter']) {
		const value = body[key];
		const seconds = typeof value === 'string' ? Number(value) : value;
		if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)
			return Math.ceil(seconds);
	}
	return null;
}

function errorResponse(body: unknown): JsonObject {
	if (isObject(body)) return body as JsonObject;
	return { body: typeof body === 'string' ? body.slice(0, 2000) : null };
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
