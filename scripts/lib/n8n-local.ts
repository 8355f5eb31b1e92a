/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * A real n8n with this pack installed the way n8n installs community packages: used by `npm start`, the
 * screenshots, the end-to-end suite, the queue-mode run and the benchmark. Everything here drives n8n's own
 * CLI and HTTP server; nothing is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {
	Agent,
	createServer,
	get,
	request as httpRequest,
	type IncomingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonObject, type JsonObject } from './recorder';
import {
	CommandFailed,
	childEnv,
	installAsReadmeSays,
	installPackInto,
	run,
	type EnvAdditions,
	type Log,
	type Runtime,
} from './runtime';

// Kept here as before, so that callers of this module find the whole harness in one place.
export { ensureRuntime } from './runtime';
export { startRecorder } from './recorder';
export { executionStatuses } from './sqlite';

/** The repository's root. */
export const ROOT = join(__dirname, '..', '..');

const quiet: Log = () => {};

/** A credential as `n8n import:credentials` reads it. */
export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Readonly<Record<string, unknown>>;
}

/** A workflow as `n8n import:workflow` reads it; this module only needs its id and name. */
export type WorkflowJson = { id: string; name: string; [field: string]: unknown };

/**
 * Builds the pack and `npm pack`s it, exactly what would be published. Returns the tarball's path, in a
 * temporary folder that goes when this process exits (Ctrl-C included), so that no run leaves one behind.
 */
export async function packProject({ log = console.error }: { log?: Log } = {}): Promise<string> {
	const out = mkdtempSync(join(tmpdir(), 'botlists-pack-'));
	process.once('exit', () => rmSync(out, { recursive: true, force: true }));
	log('[n8n-local] building and packing n8n-nodes-botlists');
	// The project's .npmrc sets ignore-scripts, which also skips `prepack`: build explicitly.
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env: childEnv(), log: quiet });
	await run('npm', ['pack', '--pack-destination', out, '--silent'], {
		cwd: ROOT,
		env: childEnv(),
		log: quiet,
	});
	const tarball = readdirSync(out).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return join(out, tarball);
}

const majorOf = (runtime: Pick<Runtime, 'version'>) => Number(runtime.version.split('.')[0]);

/** n8n's environment for one instance: its own folder and port, quiet about the internet it cannot reach. */
function n8nEnv(runtime: Runtime, userFolder: string, extra: EnvAdditions = {}): NodeJS.ProcessEnv {
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

/**
 * Runs an n8n CLI command quietly; on failure the error carries the command's last output lines.
 * `env` is added to n8n's environment, e.g. the database settings of a queue-mode setup.
 */
async function cli(
	runtime: Runtime,
	userFolder: string,
	args: readonly string[],
	env: EnvAdditions,
): Promise<void> {
	try {
		await run(runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: userFolder,
			env: n8nEnv(runtime, userFolder, env),
			log: quiet,
		});
	} catch (error) {
		const detail =
			error instanceof CommandFailed
				? error.outputTail
				: error instanceof Error
					? error.message
					: String(error);
		throw new Error(`n8n ${args.join(' ')} failed:\n${detail}`);
	}
}

export interface PrepareOptions<Workflow extends WorkflowJson = WorkflowJson> {
	runtime: Runtime;
	tarball: string;
	userFolder: string;
	credentials: readonly CredentialJson[];
	workflows: readonly Workflow[];
	/** Which workflows to publish (n8n 2.x) or activate (1.x); every one by default. The others are only imported. */
	publish?: (workflow: Workflow) => boolean;
	/** Passed to every CLI command: the same database settings the processes will run with. */
	env?: EnvAdditions;
	log?: Log;
	/** How the pack is installed: as n8n's Community Nodes panel does (the default), or as README.md tells a user to. */
	install?: 'as n8n does' | 'as README.md says';
}

/**
 * The fingerprint of what an instance imports and publishes; the database settings count only when there are
 * some, and the published workflows only when some are left unpublished.
 */
function importsFingerprint<Workflow extends WorkflowJson>({
	credentials,
	workflows,
	publish,
	env = {},
}: PrepareOptions<Workflow>): string {
	const imported: unknown[] = [credentials, workflows];
	if (Object.keys(env).length) imported.push(env);
	const published = workflows.filter(publish ?? (() => true));
	if (published.length < workflows.length)
		imported.push({ published: published.map((workflow) => workflow.id) });
	return createHash('sha256').update(JSON.stringify(imported)).digest('hex');
}

/** Writes the credentials and workflows where the import commands read them, every workflow inactive. */
function writeImports(
	userFolder: string,
	credentials: readonly CredentialJson[],
	workflows: readonly WorkflowJson[],
) {
	const credentialsFile = join(userFolder, 'credentials.json');
	const workflowsDir = join(userFolder, 'workflows');
	writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	rmSync(workflowsDir, { recursive: true, force: true });
	mkdirSync(workflowsDir);
	for (const workflow of workflows)
		writeFileSync(
			join(workflowsDir, `${workflow.id}.json`),
			JSON.stringify({ ...workflow, active: false }),
		);
	return { credentialsFile, workflowsDir };
}

/** Publishes (n8n 2.x) or activates (1.x) the given imported workflows; `all` when they are every one imported. */
async function enableWorkflows(
	runtime: Runtime,
	userFolder: string,
	workflows: readonly WorkflowJson[],
	all: boolean,
	env: EnvAdditions,
	log: Log,
) {
	if (majorOf(runtime) >= 2) {
		for (const workflow of workflows) {
			log(`[n8n-local] publishing "${workflow.name}"`);
			await cli(runtime, userFolder, ['publish:workflow', `--id=${workflow.id}`], env);
		}
	} else {
		log('[n8n-local] activating the workflows');
		// One CLI run (an n8n boot each) for all of them when it can.
		if (all) await cli(runtime, userFolder, ['update:workflow', '--all', '--active=true'], env);
		else
			for (const workflow of workflows)
				await cli(
					runtime,
					userFolder,
					['update:workflow', `--id=${workflow.id}`, '--active=true'],
					env,
				);
	}
}

/**
 * A fresh n8n user folder holding the packed tarball, the given credentials and workflows, each workflow
 * `publish` picks (every one by default) published (n8n 2.x) or activated (1.x), all before n8n starts, as
 * real-n8n.md prescribes.
 */
export async function prepareInstance<Workflow extends WorkflowJson>(
	options: PrepareOptions<Workflow>,
): Promise<void> {
	const {
		runtime,
		tarball,
		userFolder,
		credentials,
		workflows,
		publish = () => true,
		env = {},
		log = console.error,
	} = options;
	mkdirSync(userFolder, { recursive: true });
	if (options.install === 'as README.md says')
		await installAsReadmeSays({ tarball, userFolder, runtime, log: quiet });
	else await installPackInto({ tarball, userFolder, runtime, log: quiet });

	// A kept user folder (npm start) keeps its owner account and data while the imports stay the same;
	// n8n cannot re-import over a published workflow, so changed imports start from a new database.
	const importsFile = join(userFolder, 'imports.sha256');
	const imports = importsFingerprint(options);
	if (existsSync(importsFile) && readFileSync(importsFile, 'utf8') === imports) {
		log('[n8n-local] workflows and credentials already imported');
		return;
	}
	for (const file of ['database.sqlite', 'database.sqlite-wal', 'database.sqlite-shm'])
		rmSync(join(userFolder, '.n8n', file), { force: true });
	const { credentialsFile, workflowsDir } = writeImports(userFolder, credentials, workflows);
	log(
		`[n8n-local] importing ${credentials.length} credentials and ${workflows.length} workflows into n8n ${runtime.version}`,
	);
	await cli(runtime, userFolder, ['import:credentials', `--input=${credentialsFile}`], env);
	await cli(runtime, userFolder, ['import:workflow', '--separate', `--input=${workflowsDir}`], env);
	const published = workflows.filter(publish);
	await enableWorkflows(
		runtime,
		userFolder,
		published,
		published.length === workflows.length,
		env,
		log,
	);
	writeFileSync(importsFile, imports);
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
