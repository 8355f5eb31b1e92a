/*
 * What the in-process benchmark hands a trigger's webhook(): a context shaped like n8n's IWebhookFunctions,
 * with only what the pipeline calls, and each call as cheap as possible, so the time measured is the node's.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import type { Credentials, Headers } from '../../test/shared/kit';

/** A response whose status() and json() chain and do nothing, as the node's refusals call them. */
interface NullResponse {
	status(code: number): NullResponse;
	json(body: unknown): NullResponse;
}

export interface DeliveryInContext {
	/** The node's name, as refusals and logs show it. */
	name: string;
	rawBody: Buffer;
	/** As Node.js hands them to n8n: lowercase names. */
	headers: Headers;
	credentials: Credentials;
}

/** Header names as Node.js's HTTP server reports them: lowercase. */
export function asReceived(headers: Headers): Headers {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
}

export function webhookContext({
	name,
	rawBody,
	headers,
	credentials,
}: DeliveryInContext): IWebhookFunctions {
	const response: NullResponse = { status: () => response, json: () => response };
	const request = {
		headers: { 'content-type': 'application/json', ...headers },
		rawBody,
		ip: '127.0.0.1',
	};
	const node = { id: 'bench', name };
	const workflow = { id: 'bench' };
	const context = {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getCredentials: async () => credentials,
		// Every parameter at its default: no options, and an empty Bot ID on the lists that offer one.
		getNodeParameter: (name: string, fallback: unknown) => (name === 'options' ? {} : fallback),
		getNode: () => node,
		getWorkflow: () => workflow,
		getMode: () => 'webhook',
		logger: { debug() {}, warn() {} },
	};
	// n8n's interface has dozens of members the pipeline never calls; a full one would only add cost to the node's figures.
	return context as unknown as IWebhookFunctions;
}
