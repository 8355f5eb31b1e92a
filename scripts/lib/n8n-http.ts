/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/* HTTP helpers for talking to a local n8n: keep-alive POSTs, a GET probe, a task pool and a free port. */
import {
	Agent,
	createServer,
	get,
	request as httpRequest,
	type IncomingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJsonObject, type JsonObject } from './recorder';

/** An HTTP answer: `json` is the body parsed when it is a JSON object. */
export interface PostAnswer {
	status: number;
	text: string;
	json: JsonObject | undefined;
	headers: IncomingHttpHeaders;
}

/** What `post` sends: `body` byte for byte, `headers` over a default `content-type: application/json`. */
export interface PostRequest {
	headers?: Readonly<Record<string, string>>;
	body?: string | Buffer;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });
/** Attempts per request when a kept-alive socket turns out closed. */
const POST_ATTEMPTS = 3;

/** Ends the kept-alive sockets of `post`, so that a finished script's process can exit. */
export const closeConnections = (): void => keepAlive.destroy();

/**
 * POSTs on loopback with keep-alive; never throws for HTTP statuses. A request written to a kept-alive socket
 * the server had just closed (ECONNRESET/EPIPE on a reused socket) never reached n8n and is sent again, as
 * Node's documentation advises; any other network error, or no answer within `timeoutMs` (120 s), is the caller's.
 */
export function post(
	url: string,
	{ headers = {}, body = '' }: PostRequest = {},
	{ timeoutMs = 120_000 }: { timeoutMs?: number } = {},
): Promise<PostAnswer> {
	return postAttempt(url, Buffer.isBuffer(body) ? body : Buffer.from(body), headers, timeoutMs, 1);
}

function postAttempt(
	url: string,
	payload: Buffer,
	headers: Readonly<Record<string, string>>,
	timeoutMs: number,
	attempt: number,
): Promise<PostAnswer> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...headers,
					'content-length': payload.length,
				},
				agent: keepAlive,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						status: response.statusCode ?? 0,
						text,
						json: parseJsonObject(text),
						headers: response.headers,
					});
				});
			},
		);
		request.setTimeout(timeoutMs, () =>
			request.destroy(
				Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'TIMEOUT' }),
			),
		);
		request.on('error', (error: NodeJS.ErrnoException) => {
			const staleSocket =
				request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
			if (staleSocket && attempt < POST_ATTEMPTS)
				resolve(postAttempt(url, payload, headers, timeoutMs, attempt + 1));
			else reject(error);
		});
		request.end(payload);
	});
}

export const sleep = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms));

/** Whether GET `url` answers 200; false on any network error. */
export function answers200(url: string): Promise<boolean> {
	return new Promise((resolve) => {
		get(url, (response) => {
			response.resume();
			resolve(response.statusCode === 200);
		}).on('error', () => resolve(false));
	});
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
export async function pool<Item, Result>(
	items: readonly Item[],
	concurrency: number,
	task: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
	const results = new Array<Result>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return results;
}

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo; // listening on a TCP port, never a pipe
			server.close(() => resolve(port));
		});
	});
}
