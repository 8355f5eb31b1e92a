import type { IDataObject, INodeType, IWebhookFunctions } from 'n8n-workflow';
import type { Credentials, Headers, ListKit } from '../shared/kit';

export interface Delivery {
	/** Header names as a sender writes them; lowercased like Node.js does before the node sees them. */
	headers?: Record<string, string | string[]>;
	/** Exact bytes on the wire: a string is UTF-8 encoded, an object is JSON.stringify'd. */
	body?: string | Buffer | object;
	/** Omit to simulate a node with no credential selected. */
	credentials?: IDataObject;
	options?: IDataObject;
	/** Node parameters besides `options`, by name (a list's Bot ID, Trigger On); an Error, here or in `options`, is thrown as a failing expression would be. */
	parameters?: IDataObject;
	/** n8n's parsers set a Buffer; `null` simulates a request without one. */
	rawBody?: null;
	/**
	 * n8n left the body unread (a content type it does not parse, for node versions above 1) and attached its
	 * reader `readRawBody`, which reads it, fails at n8n's payload limit, or finds the stream already gone.
	 */
	unread?: 'readable' | 'over n8n limit' | 'stream gone' | { rejectWith: unknown };
	/** The client address as Express resolves it (`req.ip`). */
	ip?: string;
	/** The node's version, as a workflow holds it: the node's default version (what a new node gets) unless given. */
	typeVersion?: number;
	/** Identifies the node for state kept per node (redeliveries). */
	nodeId?: string;
	/** n8n's mode: `webhook` for the Production URL (the default), `manual` for the Test URL while the editor listens. */
	mode?: 'webhook' | 'manual';
}

export interface Answer {
	status: number;
	json: IDataObject;
	/** The items the workflow would start with: empty when nothing runs. */
	items: IDataObject[];
	logs: string[];
	/** Whether the node called n8n's reader for a body n8n left unread. */
	bodyRead: boolean;
}

/** The request n8n hands the node: a read body, none, or a reader for a body n8n left unread (`read()` says if it was called). */
function requestOf(
	delivery: Delivery,
	headers: Record<string, string | string[]>,
	bytes: Buffer,
): { request: IDataObject; read: () => boolean } {
	const request: IDataObject = {
		headers,
		rawBody: delivery.rawBody === null || delivery.unread !== undefined ? undefined : bytes,
		body: {},
		ip: delivery.ip ?? '127.0.0.1',
	};
	let bodyRead = false;
	if (delivery.unread !== undefined) {
		const unread = delivery.unread;
		// The errors n8n's reader throws (raw-body's error types), or anything at all.
		request.readRawBody = async () => {
			bodyRead = true;
			if (typeof unread === 'object') throw unread.rejectWith;
			if (delivery.unread === 'over n8n limit')
				throw Object.assign(new Error('request entity too large'), { type: 'entity.too.large' });
			if (delivery.unread === 'stream gone')
				throw Object.assign(new Error('Request body stream was aborted or is not readable'), {
					type: 'stream.not.readable',
				});
			request.rawBody = bytes;
		};
	}
	return { request, read: () => bodyRead };
}

/** A response object as Express gives it: `status()` and `json()` write into `response`. */
function responseOf(response: { status?: number; json?: IDataObject }) {
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: IDataObject) {
			response.json = body;
			return res;
		},
	};
	return res;
}

/** The body's bytes on the wire. */
function bytesOf(delivery: Delivery): Buffer {
	return Buffer.isBuffer(delivery.body)
		? delivery.body
		: Buffer.from(
				typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body ?? {}),
				'utf8',
			);
}

/** The headers as the node sees them: a JSON content type unless given, names lowercased, `\u0000omit` ones gone. */
function headersOf(delivery: Delivery): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries(delivery.headers ?? {}))
		headers[name.toLowerCase()] = value;
	for (const [name, value] of Object.entries(headers))
		if (value === '\u0000omit') delete headers[name];
	return headers;
}

/** What the node's webhook() reads from n8n, answered from the delivery, its log lines kept in `logs`. */
function contextOf(
	node: INodeType,
	delivery: Delivery,
	exchange: {
		request: IDataObject;
		headers: Record<string, string | string[]>;
		response: { status?: number; json?: IDataObject };
		logs: string[];
	},
): IWebhookFunctions {
	const { request, headers, response, logs } = exchange;
	const log = (message: string) => logs.push(message);
	const credentialType = node.description.credentials?.[0]?.name;
	return {
		getRequestObject: () => request,
		getResponseObject: () => responseOf(response),
		getHeaderData: () => headers,
		getCredentials: async (type: string) => {
			if (type !== credentialType) throw new Error(`unexpected credential type ${type}`);
			if (delivery.credentials === undefined)
				throw new Error('Node does not have any credentials set');
			return delivery.credentials;
		},
		getNodeParameter: (name: string, fallback: unknown) => parameterAt(delivery, name, fallback),
		getNode: () => ({
			id: delivery.nodeId ?? 'node-1',
			name: node.description.displayName,
			type: node.description.name,
			typeVersion:
				delivery.typeVersion ?? node.description.defaultVersion ?? node.description.version,
		}),
		getWorkflow: () => ({ id: 'workflow-1' }),
		getMode: () => delivery.mode ?? 'webhook',
		logger: { debug: log, info: log, warn: log, error: log },
	} as unknown as IWebhookFunctions;
}

/** Runs a node's real webhook() against a mocked IWebhookFunctions shaped like n8n's. */
export async function deliver(node: INodeType, delivery: Delivery): Promise<Answer> {
	const headers = headersOf(delivery);
	const response: { status?: number; json?: IDataObject } = {};
	const logs: string[] = [];
	const { request, read } = requestOf(delivery, headers, bytesOf(delivery));
	const context = contextOf(node, delivery, { request, headers, response, logs });

	const result = await node.webhook!.call(context);
	if (result.noWebhookResponse) {
		if (response.status === undefined)
			throw new Error('noWebhookResponse without an answer written');
		return {
			status: response.status,
			json: response.json ?? {},
			items: [],
			logs,
			bodyRead: read(),
		};
	}
	return {
		status: 200,
		json: result.webhookResponse as IDataObject,
		items: (result.workflowData?.[0] ?? []).map((entry) => entry.json),
		logs,
		bodyRead: read(),
	};
}

/**
 * A node parameter as n8n's getNodeParameter reads it: by name or dotted path (`options.allowedIps`), the fallback
 * when the workflow holds no value there, and a throw when an expression in what it reads fails to evaluate (an
 * Error in the delivery's parameters stands for one), whether read alone or with the collection holding it.
 */
function parameterAt(delivery: Delivery, path: string, fallback: unknown): unknown {
	const parameters: IDataObject = {
		...delivery.parameters,
		...(delivery.options !== undefined && { options: delivery.options }),
	};
	let value: unknown = parameters;
	for (const key of path.split('.'))
		value =
			typeof value === 'object' && value !== null && !(value instanceof Error)
				? (value as IDataObject)[key]
				: undefined;
	throwFailedExpression(value);
	return value === undefined ? fallback : value;
}

function throwFailedExpression(value: unknown): void {
	if (value instanceof Error) throw value;
	if (typeof value === 'object' && value !== null)
		for (const entry of Object.values(value)) throwFailedExpression(entry);
}

/** An answer and logs must never contain a secret. */
export function leaked(answer: Answer, secrets: string[]): string[] {
	const text = JSON.stringify(answer.json) + '\n' + answer.logs.join('\n');
	return secrets.filter((secret) => secret.length > 0 && text.includes(secret));
}

/** Every timer but Date: faking only the clock leaves HTTP clients and servers of the test running. */
export const ALL_BUT_DATE = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

/**
 * The same delivery through the node's webhook() in this process: what a real n8n must emit. With `receivedAt`
 * (the time n8n's item says it was received) the clock is set to it, so that what derives from the receive time
 * (an id, a time a list does not send) must match too.
 */
export async function expectedItem(
	kit: ListKit,
	body: string,
	headers: Headers,
	credentials: Credentials = kit.credentials,
	receivedAt?: string,
	parameters: IDataObject = {},
) {
	if (receivedAt !== undefined)
		jest.useFakeTimers({ now: Date.parse(receivedAt), doNotFake: [...ALL_BUT_DATE] });
	try {
		const answer = await deliver(new kit.Node(), {
			headers,
			body,
			credentials: { ...credentials },
			parameters,
		});
		return answer.items[0];
	} finally {
		jest.useRealTimers();
	}
}
