/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test helper: a local HTTP server stands in for a list's API */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a list's API: it answers as the list's documentation says (each list's `api.ts` in its test
 * folder writes the routes), records every request it gets, and can be told to answer the next requests some other
 * way (a 429, a 500, a body that is not the documented one) to show what the node does then.
 */

export interface SeenRequest {
	method: string;
	/** The path without the query string. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** The body as sent, or '' */
	body: string;
}

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	/** JSON-encoded unless a string; undefined sends no body. */
	body?: unknown;
}

/** The list's documented behaviour: an answer for every request, given the request and the stand-in's state. */
export type Routes = (request: SeenRequest) => Answer;

export interface StandIn {
	readonly baseUrl: string;
	readonly seen: SeenRequest[];
	/** Answers the next request(s) with these instead of the routes, in order. */
	answerNext(...answers: Answer[]): void;
	close(): Promise<void>;
}

export async function startStandIn(routes: Routes, basePath = ''): Promise<StandIn> {
	const seen: SeenRequest[] = [];
	const queued: Answer[] = [];
	const server: Server = createServer((incoming, outgoing) => {
		void readRequest(incoming).then((request) => {
			seen.push(request);
			const relative = { ...request, path: request.path.slice(basePath.length) || '/' };
			const answer = queued.shift() ?? safely(routes, relative);
			send(outgoing, answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}${basePath}`,
		seen,
		answerNext: (...answers) => queued.push(...answers),
		// n8n's and n8n-core's HTTP agents keep sockets alive: end them, or close() waits for them.
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function safely(routes: Routes, request: SeenRequest): Answer {
	try {
		return routes(request);
	} catch (error) {
		return { status: 500, body: { error: `stand-in failed: ${String(error)}` } };
	}
}

async function readRequest(incoming: IncomingMessage): Promise<SeenRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of incoming) chunks.push(chunk as Buffer);
	const url = new URL(incoming.url ?? '/', 'http://stand-in');
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return {
		method: incoming.method ?? 'GET',
		path: decodeURIComponent(url.pathname),
		query: Object.fromEntries(url.searchParams),
		headers,
		body: Buffer.concat(chunks).toString('utf8'),
	};
}

function send(outgoing: ServerResponse, answer: Answer): void {
	const text =
		answer.body === undefined
			? ''
			: typeof answer.body === 'string'
				? answer.body
				: JSON.stringify(answer.body);
	const type =
		answer.body === undefined || typeof answer.body === 'string'
			? 'text/plain'
			: 'application/json';
	outgoing.writeHead(answer.status, { 'content-type': type, ...answer.headers });
	outgoing.end(text);
}

/** The JSON body a request sent, or undefined. */
export function jsonBody(request: SeenRequest): unknown {
	return request.body === '' ? undefined : JSON.parse(request.body);
}
