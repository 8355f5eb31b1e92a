/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * A tiny HTTP server on loopback that records what workflows send downstream: it stands in for Discord, for a
 * bot's reward endpoint and for the capture steps of the end-to-end suite and the queue-mode run.
 *
 *   const recorder = await startRecorder();
 *   // point a workflow's HTTP Request at `${recorder.url}/capture/x` ...
 *   const [first] = await recorder.waitFor((request) => request.path === '/capture/x');
 *   recorder.received;            // every request so far, in arrival order (the array grows in place)
 *   first.json?.userId; first.at; // parsed body, arrival time (performance.now() milliseconds)
 *   await recorder.close();
 *
 * Every request is answered 200 `{"ok":true}`: Discord's webhook API answers 204, but the callers here only
 * need a 2xx.
 */
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A JSON object as parsed: its fields are whatever the sender chose, so each is checked where it is read. */
export type JsonObject = { [field: string]: unknown };

/** One request the recorder received. */
export interface Recorded {
	/** The request's path and query, e.g. `/capture/<target>`. */
	path: string;
	headers: IncomingHttpHeaders;
	/** The body as UTF-8 text. */
	text: string;
	/** The body parsed, when it is a JSON object; undefined otherwise (not JSON, an array, a scalar). */
	json: JsonObject | undefined;
	/** When the request's body had fully arrived, in performance.now() milliseconds (monotonic): for durations. */
	at: number;
	/**
	 * The same moment by the wall clock (Date.now()), for comparing with times n8n computes from its own wall clock: a
	 * virtual machine's wall clock may be stepped while a long run goes on, leaving performance.timeOrigin + `at` behind.
	 */
	wallAt: number;
}

export interface Recorder {
	/** `http://127.0.0.1:<port>`, without a trailing slash. */
	url: string;
	/** Every request so far, in arrival order. The same array all along: it grows as requests arrive. */
	received: readonly Recorded[];
	/**
	 * Resolves with the matching requests once at least `count` (1) requests match `filter`, counting those
	 * already received; rejects after `timeoutMs` (30 s) saying how many arrived.
	 */
	waitFor(
		filter: (request: Recorded) => boolean,
		count?: number,
		timeoutMs?: number,
	): Promise<Recorded[]>;
	/** Stops listening and ends kept-alive connections (n8n's HTTP Request node keeps its sockets open). */
	close(): Promise<void>;
}

/** `text` parsed, if it is a JSON object. */
export function parseJsonObject(text: string): JsonObject | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as JsonObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Reads a request's whole body. */
function bodyOf(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/** Checks of pending waitFor calls, run after each arrival. */
type Waiters = Set<() => void>;

/** Answers every request 200 (`answerDelayMs` after it is in `received`), then lets pending waitFor calls look again. */
function recordInto(received: Recorded[], waiters: Waiters, answerDelayMs: number) {
	return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
		const text = await bodyOf(request).catch(() => '');
		received.push({
			path: request.url ?? '/',
			headers: request.headers,
			text,
			json: parseJsonObject(text),
			at: performance.now(),
			wallAt: Date.now(),
		});
		if (answerDelayMs) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"ok":true}');
		for (const check of [...waiters]) check();
	};
}

/** The recorder's waitFor over `received`: looks now, then after each arrival, until enough match or time is up. */
function waitForIn(received: readonly Recorded[], waiters: Waiters): Recorder['waitFor'] {
	return (filter, count = 1, timeoutMs = 30_000) =>
		new Promise((resolve, reject) => {
			const settle = (outcome: () => void) => {
				waiters.delete(check);
				clearTimeout(timer);
				outcome();
			};
			const check = () => {
				const matching = received.filter(filter);
				if (matching.length >= count) settle(() => resolve(matching));
			};
			const timer = setTimeout(
				() =>
					settle(() =>
						reject(
							new Error(
								`recorder: ${received.filter(filter).length} of ${count} expected requests arrived`,
							),
						),
					),
				timeoutMs,
			);
			waiters.add(check);
			check();
		});
}

/**
 * Starts a recorder on a free loopback port. `answerDelayMs` makes it answer like a real endpoint that takes its
 * time (a bot's reward API): each request is recorded on arrival and answered that much later.
 */
export function startRecorder({ answerDelayMs = 0 } = {}): Promise<Recorder> {
	const received: Recorded[] = [];
	const waiters: Waiters = new Set();
	const record = recordInto(received, waiters, answerDelayMs);
	const server = createServer((request, response) => void record(request, response));
	const waitFor = waitForIn(received, waiters);

	const close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});

	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo; // listening on a TCP port, never a pipe
			resolve({ url: `http://127.0.0.1:${port}`, received, waitFor, close });
		});
	});
}
