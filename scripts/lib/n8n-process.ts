/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/* Starting and stopping a real n8n process, and waiting until its webhooks answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { answers200, post, sleep } from './n8n-http';
import { type Runtime } from './runtime';
import { childEnv, type EnvAdditions, type Log } from './command';

const quiet: Log = () => {};

export const majorOf = (runtime: Pick<Runtime, 'version'>) => Number(runtime.version.split('.')[0]);

/** n8n's environment for one instance: its own folder and port, quiet about the internet it cannot reach. */
export function n8nEnv(
	runtime: Runtime,
	userFolder: string,
	extra: EnvAdditions = {},
): NodeJS.ProcessEnv {
	return childEnv({
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		// n8n 1.x on Node 24: its task runner is the one part that cannot start here (real-n8n.md).
		...(majorOf(runtime) === 1 ? { N8N_RUNNERS_ENABLED: 'false' } : {}),
		...extra,
	});
}

/** A running n8n process (and everything it spawned, in its process group). */
export interface N8nInstance {
	/** `http://127.0.0.1:<port>` */
	baseUrl: string;
	child: ChildProcess;
	/** Resolves with the exit code (null when a signal ended it) once the process has exited. */
	exited: Promise<number | null>;
	/** n8n's output so far, without colours. */
	log(): string;
	/** SIGTERM to the whole group, SIGKILL after 15 s; resolves once n8n has exited. */
	stop(): Promise<void>;
}

export interface StartOptions {
	runtime: Runtime;
	userFolder: string;
	port: number;
	/** Added to n8n's environment. */
	env?: EnvAdditions;
	/** Receives n8n's stdout and stderr. */
	logFile: string;
	/** Another n8n command than `start`, e.g. `webhook`, or `worker` with `args: ['--concurrency=10']` in queue mode. */
	command?: string;
	args?: readonly string[];
	/** Arguments for Node.js itself, e.g. `--inspect=...`. */
	nodeArgs?: readonly string[];
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Sends `signal` to the process group led by `pid`; it may be gone already. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// already exited
	}
}

/** Resolves with 'timeout' after `ms`, unless `promise` settles first; the timer never outlives the race. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, ms, 'timeout')));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Starts `n8n start` (or `command`) in its own process group, so that `stop()` ends it and everything it spawned. */
export function startN8n({
	runtime,
	userFolder,
	port,
	env = {},
	logFile,
	command = 'start',
	args = [],
	nodeArgs = [],
}: StartOptions): N8nInstance {
	const out = openSync(logFile, 'w');
	const child = spawn(runtime.nodeBin, [...nodeArgs, runtime.n8nBin, command, ...args], {
		cwd: userFolder,
		env: n8nEnv(runtime, userFolder, { N8N_PORT: String(port), ...env }),
		stdio: ['ignore', out, out],
		detached: true,
	});
	closeSync(out);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		child,
		exited,
		// Without the ANSI colour codes n8n writes even to a file.
		// eslint-disable-next-line no-control-regex -- control characters are what this pattern matches
		log: () => readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, ''),
		async stop() {
			if (hasExited(child)) return;
			signalGroup(child.pid, 'SIGTERM');
			if ((await within(exited, 15_000)) === 'timeout') {
				signalGroup(child.pid, 'SIGKILL');
				await exited;
			}
		},
	};
}

/**
 * Waits for /healthz, then until every production webhook (`<webhookId>/webhook`, ...) answers something other
 * than 404. Returns `healthyAt`, when /healthz first answered (Date.now() milliseconds). Throws when n8n exits
 * or `timeoutMs` (180 s) passes, with the end of n8n's log.
 */
export async function waitForWebhooks(
	instance: Pick<N8nInstance, 'baseUrl' | 'child' | 'log'>,
	webhookPaths: readonly string[],
	{ timeoutMs = 180_000, log = quiet }: { timeoutMs?: number; log?: Log } = {},
): Promise<{ healthyAt: number }> {
	const deadline = Date.now() + timeoutMs;
	const alive = () => {
		if (hasExited(instance.child))
			throw new Error(`n8n exited early:\n${instance.log().slice(-3000)}`);
	};
	for (;;) {
		alive();
		if (await answers200(`${instance.baseUrl}/healthz`)) break;
		if (Date.now() > deadline) throw new Error('n8n /healthz never answered');
		await sleep(100);
	}
	const healthyAt = Date.now();
	log('[n8n-local] n8n is up; waiting for the published webhooks to register');
	for (const webhookPath of webhookPaths) {
		for (;;) {
			alive();
			const { status, text } = await post(`${instance.baseUrl}/webhook/${webhookPath}`, {
				body: '{}',
			}).catch(() => ({ status: 0, text: '' }));
			// While it starts, n8n answers every URL 200 "n8n is starting up. Please wait": not the webhook yet.
			if (status !== 404 && status !== 0 && !/starting up/i.test(text)) break;
			if (Date.now() > deadline)
				throw new Error(`webhook ${webhookPath} never registered:\n${instance.log().slice(-3000)}`);
			await sleep(1000);
		}
	}
	return { healthyAt };
}
