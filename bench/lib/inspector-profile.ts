/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * Child program of bench/real-n8n.ts: records a CPU profile of a running Node.js process through its
 * inspector, from start until a line arrives on stdin (or stdin closes).
 *   <n8n's node> -r scripts/lib/require-ts.js bench/lib/inspector-profile.ts <inspectorPort> <out.cpuprofile>
 * Prints "profiling" once recording; then writes the profile. It runs on n8n's Node 24, whose global
 * WebSocket the machine's Node 20 lacks.
 */
import { writeFileSync } from 'node:fs';

/** An entry of the inspector's /json/list. */
interface InspectorTarget {
	webSocketDebuggerUrl: string;
}

/** An answer (or an event, without `id`) on the inspector's socket. */
interface InspectorMessage {
	id?: number;
	result?: unknown;
	error?: { message: string };
}

/** Samples every 200 µs: fine enough for deliveries of a few milliseconds. */
const SAMPLING_INTERVAL_US = 200;

async function connect(port: string): Promise<WebSocket> {
	const targets = (await (
		await fetch(`http://127.0.0.1:${port}/json/list`)
	).json()) as InspectorTarget[];
	if (targets.length === 0) throw new Error(`no inspector target on port ${port}`);
	const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
	await new Promise<void>((resolve, reject) => {
		socket.addEventListener('open', () => resolve(), { once: true });
		socket.addEventListener('error', () => reject(new Error('cannot reach the inspector')), {
			once: true,
		});
	});
	return socket;
}

/** A client that sends DevTools protocol commands and resolves each with its answer's result. */
function protocolClient(socket: WebSocket): (method: string, params?: object) => Promise<unknown> {
	let nextId = 0;
	const waiting = new Map<number, (message: InspectorMessage) => void>();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data)) as InspectorMessage; // the DevTools protocol speaks JSON
		const answer = message.id === undefined ? undefined : waiting.get(message.id);
		if (answer === undefined || message.id === undefined) return;
		waiting.delete(message.id);
		answer(message);
	});
	return (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			waiting.set(id, (message) =>
				message.error
					? reject(new Error(`${method}: ${message.error.message}`))
					: resolve(message.result),
			);
			socket.send(JSON.stringify({ id, method, params }));
		});
}

const stdinLineOrEnd = () =>
	new Promise<void>((resolve) => {
		process.stdin.once('data', () => resolve());
		process.stdin.once('end', () => resolve());
	});

async function main(): Promise<void> {
	const [port, out] = process.argv.slice(2);
	if (port === undefined || out === undefined)
		throw new Error('usage: inspector-profile.ts <inspectorPort> <out.cpuprofile>');
	const socket = await connect(port);
	const send = protocolClient(socket);
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
	await send('Profiler.start');
	process.stdout.write('profiling\n');
	await stdinLineOrEnd();
	const { profile } = (await send('Profiler.stop')) as { profile: unknown };
	writeFileSync(out, JSON.stringify(profile));
	socket.close();
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
