/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run test:queue`: the pack in n8n queue mode, end to end, on this machine (docs/scaling.md).
 *
 *   node -r ./scripts/lib/require-ts.js scripts/queue-mode.ts
 *
 * Installs PostgreSQL and Redis from Debian's packages if they are missing and runs its own of each on
 * loopback, in a folder of its own; installs the packed node into every n8n process's user folder the way
 * n8n installs community packages; starts n8n main, two `n8n webhook` processes and two `n8n worker`s with
 * one encryption key; imports and publishes a capture workflow per list of test/registry.ts plus the two
 * "never reward twice" recipes of examples/ (found by the Remove Duplicates and the Postgres node they hold),
 * then drives it over HTTP:
 *   - valid deliveries of every list (`kit.voteBy`, signed by `kit.sign`), first to one webhook process, then
 *     spread over both (throughput), mixed with forged ones (the same headers, every value wrong);
 *   - sequential redeliveries (`kit.redelivery`), each copy sent to the OTHER webhook process, into the
 *     Remove Duplicates recipe;
 *   - copies of the same votes sent at the same time to both webhook processes, into the PostgreSQL recipe.
 * Asserts that every valid delivery was answered 200 and arrived downstream exactly once, every forged one
 * got 401 and started nothing, no execution ended in error, both recipes rewarded each vote once, and that
 * docs/docker-compose.yml runs the same commands with the same environment. Exits 1 when a check fails.
 * Stops every process it started, also on failure, Ctrl-C and the deadline.
 *
 * Knobs (environment, BOTLISTS_QUEUE_*: n8n reads QUEUE_* itself): BOTLISTS_QUEUE_DELIVERIES (5000 valid
 * deliveries over both webhook processes), BOTLISTS_QUEUE_SINGLE_DELIVERIES (1000, one webhook process),
 * BOTLISTS_QUEUE_CONCURRENCY (32 requests in flight), BOTLISTS_QUEUE_DEDUP_VOTES (40),
 * BOTLISTS_QUEUE_POSTGRES_VOTES (200), BOTLISTS_QUEUE_DEADLINE_MINUTES (60), BOTLISTS_QUEUE_KEEP=1 keeps the
 * run folder (logs, databases) even when everything passed.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LISTS, listOfNodeType } from '../test/registry';
import type { Headers, ListKit } from '../test/shared/kit';
import { exampleCredentials, loadExamples, triggerOf, type ExampleWorkflow } from './lib/demo';
import * as local from './lib/n8n-local';
import type { CredentialJson, N8nInstance, PostAnswer, WorkflowJson } from './lib/n8n-local';
import { startRecorder, type JsonObject, type Recorded, type Recorder } from './lib/recorder';
import { installPackInto, run, type EnvAdditions, type Runtime } from './lib/runtime';
import { percentiles } from './lib/stats';

const N8N_VERSION = '2.41.0';
const COMPOSE_FILE = join(local.ROOT, 'docs', 'docker-compose.yml');
/** The package prefix of the pack's node types in a workflow. */
const PACK_PREFIX = 'n8n-nodes-botlists.';
/** The n8n nodes that make an example one of the two "never reward twice" recipes. */
const DEDUP_NODE = 'n8n-nodes-base.removeDuplicates';
const POSTGRES_NODE = 'n8n-nodes-base.postgres';

function setting(name: string, fallback: number, min = 0): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}`);
	return value;
}
const CONFIG = {
	deliveries: setting('BOTLISTS_QUEUE_DELIVERIES', 5000, 1),
	singleDeliveries: setting('BOTLISTS_QUEUE_SINGLE_DELIVERIES', 1000, 1),
	forgedEvery: 10, // one forged request per 10 valid ones, in both throughput phases
	warmupPerList: 10, // valid deliveries per list and webhook process before measuring
	concurrency: setting('BOTLISTS_QUEUE_CONCURRENCY', 32, 1),
	workerConcurrency: 10,
	dedupVotes: setting('BOTLISTS_QUEUE_DEDUP_VOTES', 40, 1),
	postgresVotes: setting('BOTLISTS_QUEUE_POSTGRES_VOTES', 200, 1),
	postgresCopiesPerProcess: 2,
	deadlineMinutes: setting('BOTLISTS_QUEUE_DEADLINE_MINUTES', 60, 1),
	keep: process.env.BOTLISTS_QUEUE_KEEP === '1',
} as const;

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const say = (line: string): void => console.log(`[queue +${Math.round(elapsed())}s] ${line}`);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const describe = (error: unknown) => (error instanceof Error ? error.stack || error.message : String(error));
const sum = (values: Iterable<number>) => Array.from(values).reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------------------------------------
// Checks and figures
// ---------------------------------------------------------------------------------------------------------
interface Check {
	name: string;
	ok: boolean;
	detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail = ''): boolean {
	checks.push({ name, ok, detail });
	say(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	return ok;
}

/** CPU seconds per process of this run over a phase, and of everything else on the machine. */
interface CpuShare {
	byProcess: Record<string, number>;
	ours: number;
	others: number;
}
interface PhaseFigures {
	label: string;
	webhookProcesses: number;
	valid: number;
	forged: number;
	seconds: number;
	requestsPerSecond: number;
	validPerSecond: number;
	downstreamPerSecond: number | null;
	p50: number;
	p95: number;
	/** Wall time from the first request until the last execution finished: the base of the CPU percentages. */
	wallSeconds: number;
	statuses: Record<string, number>;
	perTarget: Record<string, number>;
	cpu: CpuShare;
}
interface Figures {
	readySeconds?: number;
	phases: PhaseFigures[];
	dedup?: { votes: number; copies: number; rewards: number };
	postgres?: { votes: number; copies: number; rewards: number; rows: number; seconds: number };
	executions?: Record<string, number>;
	validDeliveries?: number;
	forgedDeliveries?: number;
}
const figures: Figures = { phases: [] };

// ---------------------------------------------------------------------------------------------------------
// Everything this run started, stopped in reverse order on success, failure, Ctrl-C or the deadline
// ---------------------------------------------------------------------------------------------------------
interface Service {
	name: string;
	/** How the CPU figures name it; services without one are counted with this script. */
	label?: string;
	role: 'n8n' | 'postgres' | 'redis' | 'recorder';
	pid: number;
	stop(): Promise<void>;
}
const services: Service[] = [];
let runDir: string | undefined;
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		const n8n = services.filter((service) => service.role === 'n8n');
		if (n8n.length) say(`stopping ${n8n.map((service) => service.name).join(', ')}`);
		await Promise.all(n8n.map((service) => service.stop().catch(() => {})));
		for (const service of services.filter((entry) => entry.role !== 'n8n').reverse()) {
			say(`stopping ${service.name}`);
			await service.stop().catch(() => {});
		}
		local.closeConnections();
	})();
	return cleaning;
}

async function finish(code: number, reason?: string): Promise<never> {
	if (reason) console.error(`\n[queue] ${reason}`);
	await cleanup();
	if (runDir) {
		if (code === 0 && !CONFIG.keep) rmSync(runDir, { recursive: true, force: true });
		else say(`logs and data kept in ${runDir}`);
	}
	process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => void finish(130, `${signal}: stopping everything this run started`));
}
process.on('uncaughtException', (error) => void finish(1, `FAILED: ${describe(error)}`));
process.on('unhandledRejection', (error) => void finish(1, `FAILED: ${describe(error)}`));

/** Waits for a child to exit, up to `ms`; true when it did. */
async function exitedWithin(child: ChildProcess, exited: Promise<unknown>, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
	try {
		return await Promise.race([exited.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** The pid of a child just spawned; spawn reports a failure to start through a missing pid. */
function pidOf(child: ChildProcess, what: string): number {
	if (child.pid === undefined) throw new Error(`${what} did not start`);
	return child.pid;
}

/** Polls `condition` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
async function until(condition: () => boolean | Promise<boolean>, { timeoutMs, everyMs = 200 }: { timeoutMs: number; everyMs?: number }): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return true;
		if (Date.now() > deadline) return false;
		await local.sleep(everyMs);
	}
}

const logTail = (file: string) => readFileSync(file, 'utf8').slice(-2000);

// ---------------------------------------------------------------------------------------------------------
// Debian packages, PostgreSQL and Redis of our own
// ---------------------------------------------------------------------------------------------------------
function postgresBinDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((version) => ['initdb', 'postgres', 'psql', 'pg_isready'].every((bin) => existsSync(join(base, version, 'bin', bin))))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function findOnPath(command: string): string | undefined {
	const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
	return dirs.map((dir) => join(dir, command)).find((file) => existsSync(file));
}

const isRoot = () => process.getuid?.() === 0;

async function ensurePackages(): Promise<void> {
	if (postgresBinDir() && findOnPath('redis-server')) return;
	if (!isRoot()) throw new Error('PostgreSQL and Redis are needed: sudo apt-get install -y postgresql redis-server, then run this again');
	// run() streams every apt line; show only its heartbeats and, on failure, the output's tail.
	const log = (line: string) => (line.startsWith('[n8n-runtime]') ? say(line) : undefined);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	say("installing PostgreSQL and Redis from Debian's packages: apt-get update");
	await run('apt-get', ['update'], { env, log, timeoutMs: 10 * 60_000 });
	say('apt-get install -y postgresql redis-server');
	await run('apt-get', ['install', '-y', 'postgresql', 'redis-server'], { env, log, timeoutMs: 20 * 60_000 });
	if (!postgresBinDir() || !findOnPath('redis-server')) throw new Error('apt-get install finished but initdb or redis-server is missing');
}

/** The account a service runs as: as root, PostgreSQL and Redis run as their own Debian users (PostgreSQL refuses root). */
interface Account {
	uid?: number;
	gid?: number;
}

function serviceAccount(user: string): Account {
	if (!isRoot()) return {};
	try {
		const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
		return { uid, gid };
	} catch {
		throw new Error(`user ${user} does not exist (the Debian package creates it)`);
	}
}

function chownTo(file: string, account: Account): void {
	if (account.uid !== undefined && account.gid !== undefined) chownSync(file, account.uid, account.gid);
}

/** A folder owned by `account`, private to it. */
function ownFolder(dir: string, account: Account): string {
	mkdirSync(dir, { recursive: true });
	chownTo(dir, account);
	chmodSync(dir, 0o700);
	return dir;
}

function inRunDir(name: string): string {
	if (!runDir) throw new Error('the run folder does not exist yet');
	return join(runDir, name);
}

function serviceEnv(): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: runDir };
}

/** The botlist_events table exactly as README.md "Never reward twice" defines it. */
function botlistEventsTable(): string {
	const readme = readFileSync(join(local.ROOT, 'README.md'), 'utf8');
	const match = readme.match(/```sql\s*\n(CREATE TABLE botlist_events[\s\S]*?;)\s*\n```/);
	if (!match) throw new Error('README.md no longer holds the "CREATE TABLE botlist_events" block this scenario creates');
	return match[1];
}

interface Postgres {
	port: number;
	/** The password of role n8n, which owns both databases. */
	password: string;
	/** Runs `sql` as role n8n; resolves with psql's unaligned, tab-separated output. */
	query(database: string, sql: string): Promise<string>;
}

function psqlRunner(bin: string, port: number) {
	return (user: string, password: string, database: string, sql: string): Promise<string> =>
		new Promise((resolve, reject) =>
			execFile(
				join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-F', '\t', '-c', sql],
				{ env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' }, timeout: 60_000, encoding: 'utf8' },
				(error, stdout, stderr) => (error ? reject(new Error(`psql: ${stderr || error.message}`)) : resolve(stdout)),
			),
		);
}

/** initdb a fresh cluster in `dataDir` owned by `account`, superuser `postgres` with `superPassword`. */
function initPostgres(bin: string, dataDir: string, account: Account, superPassword: string): void {
	const passwordFile = inRunDir('postgres-superuser-password');
	writeFileSync(passwordFile, superPassword, { mode: 0o600 });
	chownTo(passwordFile, account);
	say(`initdb ${dataDir} (${basename(dirname(bin))}, ${account.uid !== undefined ? 'as user postgres' : 'as this user'})`);
	try {
		execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C'], {
			...account,
			cwd: runDir,
			env: serviceEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 120_000,
		});
	} catch (error) {
		const stderr = (error as { stderr?: Buffer }).stderr?.toString();
		throw new Error(`initdb failed: ${stderr || (error instanceof Error ? error.message : String(error))}`);
	} finally {
		rmSync(passwordFile, { force: true });
	}
}

async function startPostgres(): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const account = serviceAccount('postgres');
	const dataDir = ownFolder(inRunDir('postgres'), account);
	const superPassword = randomBytes(18).toString('hex');
	const n8nPassword = randomBytes(18).toString('hex');
	initPostgres(bin, dataDir, account, superPassword);

	const port = await local.freePort();
	const logFile = inRunDir('postgres.log');
	const out = openSync(logFile, 'w');
	// TCP on loopback only, no Unix socket: nothing else on the machine can reach it by accident.
	const child = spawn(
		join(bin, 'postgres'),
		['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
		{ ...account, cwd: runDir, env: serviceEnv(), stdio: ['ignore', out, out], detached: true },
	);
	closeSync(out);
	const pid = pidOf(child, 'postgres');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	services.push({
		name: `PostgreSQL (pid ${pid}, port ${port})`,
		label: 'PostgreSQL',
		role: 'postgres',
		pid,
		async stop() {
			try {
				process.kill(pid, 'SIGINT'); // fast shutdown
			} catch {
				// already gone
			}
			if (!(await exitedWithin(child, exited, 20_000))) killGroup(pid, 'SIGKILL');
		},
	});

	const psql = psqlRunner(bin, port);
	for (let attempt = 0; ; attempt++) {
		if (child.exitCode !== null) throw new Error(`postgres exited:\n${logTail(logFile)}`);
		const ready = await psql('postgres', superPassword, 'postgres', 'SELECT 1').then(
			() => true,
			() => false,
		);
		if (ready) break;
		if (attempt > 60) throw new Error(`postgres did not accept connections within 30 s:\n${logTail(logFile)}`);
		await local.sleep(500);
	}
	await psql('postgres', superPassword, 'postgres', `CREATE ROLE n8n LOGIN PASSWORD '${n8nPassword}'`);
	await psql('postgres', superPassword, 'postgres', 'CREATE DATABASE n8n OWNER n8n');
	await psql('postgres', superPassword, 'postgres', 'CREATE DATABASE botlists OWNER n8n');
	await psql('n8n', n8nPassword, 'botlists', botlistEventsTable());
	say(`PostgreSQL on 127.0.0.1:${port}: databases n8n (n8n's own) and botlists (table botlist_events), role n8n`);
	return { port, password: n8nPassword, query: (database, sql) => psql('n8n', n8nPassword, database, sql) };
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => {});
	});
}

async function startRedis(): Promise<{ port: number }> {
	const server = findOnPath('redis-server');
	if (!server) throw new Error('redis-server is not installed');
	const account = serviceAccount('redis');
	const dir = ownFolder(inRunDir('redis'), account);
	const port = await local.freePort();
	const logFile = inRunDir('redis.log');
	const out = openSync(logFile, 'w');
	const child = spawn(server, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], {
		...account,
		cwd: dir,
		env: serviceEnv(),
		stdio: ['ignore', out, out],
		detached: true,
	});
	closeSync(out);
	const pid = pidOf(child, 'redis-server');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	services.push({
		name: `Redis (pid ${pid}, port ${port})`,
		label: 'Redis',
		role: 'redis',
		pid,
		async stop() {
			killGroup(pid, 'SIGTERM');
			if (!(await exitedWithin(child, exited, 10_000))) killGroup(pid, 'SIGKILL');
		},
	});
	for (let attempt = 0; !(await redisPing(port)); attempt++) {
		if (child.exitCode !== null || attempt > 60) throw new Error(`redis-server did not answer PING:\n${logTail(logFile)}`);
		await local.sleep(500);
	}
	say(`Redis on 127.0.0.1:${port}`);
	return { port };
}

// ---------------------------------------------------------------------------------------------------------
// Workflows: a capture workflow per list, and the two recipes of examples/
// ---------------------------------------------------------------------------------------------------------
/** The node type name of a list's trigger (`new kit.Node().description.name`) and the highest typeVersion it offers. */
function triggerType(kit: ListKit): { name: string; typeVersion: number } {
	const { name, version } = new kit.Node().description;
	return { name, typeVersion: Array.isArray(version) ? Math.max(...version) : version };
}

/** A capture workflow: the list's trigger chained into an HTTP Request that posts its item to the recorder. */
interface Capture {
	kit: ListKit;
	id: string;
	webhookId: string;
	/** `<webhookId>/webhook` */
	path: string;
	/** Where the recorder receives its items. */
	recordPath: string;
}

function captures(): Capture[] {
	return LISTS.map((kit, index) => {
		// A valid uuid for any number of lists: the index fills the 12-hex-digit last group.
		const webhookId = `9a0e0000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
		return { kit, id: `bltQueue${kit.folder}`, webhookId, path: `${webhookId}/webhook`, recordPath: `/capture/${kit.platform.name}` };
	});
}

function captureWorkflow({ kit, id, webhookId, recordPath }: Capture, recorderUrl: string): WorkflowJson {
	const { displayName, credentialType } = kit.platform;
	const triggerName = `${displayName} Trigger`;
	const credential = exampleCredentials({ discordWebhookUrl: '' }).find((entry) => entry.type === credentialType);
	if (!credential) throw new Error(`no example credential of type ${credentialType}`);
	const { name, typeVersion } = triggerType(kit);
	return {
		id,
		name: `Queue mode: ${displayName} capture`,
		nodes: [
			{
				id: webhookId.replace('-8000-', '-8001-'),
				name: triggerName,
				type: `${PACK_PREFIX}${name}`,
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters: {},
				credentials: { [credentialType]: { id: credential.id, name: credential.name } },
			},
			{
				id: webhookId.replace('-8000-', '-8002-'),
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, 0],
				parameters: { method: 'POST', url: `${recorderUrl}${recordPath}`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
			},
		],
		connections: { [triggerName]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A "never reward twice" recipe of examples/, its reward endpoint pointed at the recorder. */
interface Recipe {
	workflow: ExampleWorkflow;
	/** The list of its trigger. */
	kit: ListKit;
	/** `<webhookId>/webhook` */
	path: string;
	/** Where the recorder receives its rewards. */
	rewardPath: string;
}

/** The one example that holds a node of `nodeType`, posting its rewards to `${recorderUrl}${rewardPath}`. */
function recipe(nodeType: string, recorderUrl: string, rewardPath: string): Recipe {
	const rewardUrl = `${recorderUrl}${rewardPath}`;
	const found = loadExamples({ rewardUrl }).filter((workflow) => workflow.nodes.some((node) => node.type === nodeType));
	if (found.length !== 1) throw new Error(`expected one example in examples/ with a ${nodeType} node, found ${found.length}`);
	const [workflow] = found;
	if (workflow.nodes.filter((node) => node.parameters.url === rewardUrl).length !== 1) {
		throw new Error(`examples: "${workflow.name}" must have exactly one node posting to the placeholder reward endpoint`);
	}
	const { trigger, path } = triggerOf(workflow);
	return { workflow, kit: listOfNodeType(trigger.type), path, rewardPath };
}

// ---------------------------------------------------------------------------------------------------------
// Deliveries
// ---------------------------------------------------------------------------------------------------------
const BASE_TIME = Date.parse('2026-01-01T00:00:00.000Z');
/** The voter of delivery `n`: user `7100…n`, a Discord id every list puts in the item's `userId`. */
const voterOf = (n: number) => String(710000000000000000n + BigInt(n));
const atOf = (n: number) => new Date(BASE_TIME + n * 1000);

interface Delivery {
	kit: ListKit;
	/** The voter: the `userId` of the item the delivery becomes. */
	key: string;
	body: string;
	headers: Headers;
	forged: boolean;
}

/** `body` as the list would send it, signed under the demo credentials. */
function signed(kit: ListKit, key: string, body: string): Delivery {
	return { kit, key, body, headers: kit.sign(body, kit.demoCredentials), forged: false };
}

/** A genuine vote of `kit`, unique by `n`. */
function vote(kit: ListKit, n: number): Delivery {
	return signed(kit, voterOf(n), kit.voteBy(voterOf(n), atOf(n)));
}

/** A vote of `kit`, unique by `n`, with the headers of a genuine one but every value wrong. */
function forgedVote(kit: ListKit, n: number): Delivery {
	const genuine = vote(kit, n);
	const headers = Object.fromEntries(Object.keys(genuine.headers).map((name) => [name, `forged-${n}`]));
	return { ...genuine, headers, forged: true };
}

/** The same event as the list sends it `times` times again (`times` = 0: the delivery itself), signed. */
function redelivered(delivery: Delivery, times: number): Delivery {
	let body = delivery.body;
	for (let k = 0; k < times; k++) body = delivery.kit.redelivery(body);
	return signed(delivery.kit, delivery.key, body);
}

/** An n8n process of this run. */
interface Role {
	name: string;
	/** Its service in docs/docker-compose.yml. */
	service: string;
	command: string;
	args: string[];
}
type N8nProcess = N8nInstance & { role: Role; port: number };

interface Answer {
	status: number;
	text: string;
	json: JsonObject | undefined;
	ms: number;
	/** The n8n process that answered. */
	target: string;
}

/** Executions by workflow id, then by status. */
type ExecutionCounts = Record<string, Record<string, number>>;
const UNFINISHED = ['new', 'running', 'waiting'];
const unfinished = (byWorkflow: ExecutionCounts) => sum(Object.values(byWorkflow).flatMap((statuses) => UNFINISHED.map((status) => statuses[status] ?? 0)));
const finished = (statuses: Record<string, number> = {}) => sum(Object.entries(statuses).filter(([status]) => !UNFINISHED.includes(status)).map(([, count]) => count));
const total = (byWorkflow: ExecutionCounts) => sum(Object.values(byWorkflow).flatMap((statuses) => Object.values(statuses)));

/** Bookkeeping over every delivery sent, what arrived downstream and the executions each should start. */
class Ledger {
	private nextN = 0;
	private forgedCount = 0;
	private ingested = 0;
	/** Capture deliveries by voter, with their answers. */
	readonly valid = new Map<string, { kit: ListKit; answers: Answer[] }>();
	readonly forged = new Map<string, { kit: ListKit; answers: Answer[] }>();
	/** Executions each workflow should have run, by workflow id. */
	readonly expectedRuns: Record<string, number>;
	/** Items recorded by the capture workflows, by `userId`. */
	readonly captureArrivals = new Map<string, number>();
	private readonly captureOf: Map<ListKit, Capture>;

	constructor(
		readonly recorder: Recorder,
		private readonly postgres: Postgres,
		readonly captures: readonly Capture[],
		recipes: readonly Recipe[],
	) {
		this.captureOf = new Map(captures.map((capture) => [capture.kit, capture]));
		this.expectedRuns = Object.fromEntries([...captures.map((capture) => capture.id), ...recipes.map((entry) => entry.workflow.id)].map((id) => [id, 0]));
	}

	/** A genuine vote of `kit` no other delivery of this run has. */
	nextVote(kit: ListKit): Delivery {
		return vote(kit, this.nextN++);
	}

	/** A forged vote, of each list in turn. */
	nextForged(): Delivery {
		return forgedVote(LISTS[this.forgedCount++ % LISTS.length], this.nextN++);
	}

	capture(kit: ListKit): Capture {
		const capture = this.captureOf.get(kit);
		if (!capture) throw new Error(`no capture workflow for ${kit.platform.name}`);
		return capture;
	}

	isCapture = (request: Recorded) => request.path.startsWith('/capture/');

	/** Counts the capture items the recorder received since the last call. */
	ingest(): void {
		const received = this.recorder.received;
		for (; this.ingested < received.length; this.ingested++) {
			const request = received[this.ingested];
			if (!this.isCapture(request)) continue;
			const userId = request.json?.userId;
			const key = typeof userId === 'string' ? userId : '(no userId)';
			this.captureArrivals.set(key, (this.captureArrivals.get(key) ?? 0) + 1);
		}
	}

	/** The executions in n8n's database. */
	async executions(): Promise<ExecutionCounts> {
		const rows = await this.postgres.query('n8n', 'SELECT "workflowId", status, COUNT(*) FROM execution_entity GROUP BY 1, 2');
		const result: ExecutionCounts = {};
		for (const line of rows.split('\n').filter(Boolean)) {
			const [workflowId, status, count] = line.split('\t');
			result[workflowId] ??= {};
			result[workflowId][status] = Number(count);
		}
		return result;
	}

	expectedTotal(): number {
		return sum(Object.values(this.expectedRuns));
	}

	/** Until every run expected of `workflowId` has finished, one way or another. */
	ranAll(workflowId: string, timeoutMs: number, everyMs: number): Promise<boolean> {
		return until(async () => finished((await this.executions())[workflowId]) >= this.expectedRuns[workflowId], { timeoutMs, everyMs });
	}
}

/** POSTs a delivery to `<target>/webhook/<webhookPath>`; a network error is answered with status 0. */
async function send(target: N8nProcess, webhookPath: string, { body, headers }: Pick<Delivery, 'body' | 'headers'>): Promise<Answer> {
	const t0 = performance.now();
	const answer: Pick<PostAnswer, 'status' | 'text' | 'json'> = await local
		.post(`${target.baseUrl}/webhook/${webhookPath}`, { body, headers })
		.catch((error: NodeJS.ErrnoException) => ({ status: 0, text: `${error.code ?? ''} ${error.message}`, json: undefined }));
	return { status: answer.status, text: answer.text, json: answer.json, ms: performance.now() - t0, target: target.role.name };
}

const receivedTrue = (answer: Answer) => answer.status === 200 && answer.json?.received === true;

// ---------------------------------------------------------------------------------------------------------
// CPU time per process group (n8n's task runners and PostgreSQL's backends included)
// ---------------------------------------------------------------------------------------------------------
const THIS_SCRIPT = 'load generator + recorder (this script)';
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

interface CpuSnapshot {
	script: NodeJS.CpuUsage;
	/** CPU seconds by service label. */
	byLabel: Record<string, number>;
	/** The whole machine's busy CPU seconds. */
	machine: number;
}

function cpuSnapshot(): CpuSnapshot {
	const byGroup = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is stat field 3
		const group = Number(fields[2]);
		const own = Number(fields[11]) + Number(fields[12]);
		const reaped = Number(entry) === group ? Number(fields[13]) + Number(fields[14]) : 0;
		byGroup.set(group, (byGroup.get(group) ?? 0) + own + reaped);
	}
	const byLabel: Record<string, number> = {};
	for (const service of services) if (service.label) byLabel[service.label] = (byGroup.get(service.pid) ?? 0) / CLOCK_TICKS;
	// The whole machine, busy = everything but idle and iowait: what is left over is other people's work.
	const [, ...jiffies] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	const machine = (sum(jiffies.slice(0, 8)) - jiffies[3] - jiffies[4]) / CLOCK_TICKS;
	return { script: process.cpuUsage(), byLabel, machine };
}

function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
	const byProcess: Record<string, number> = {
		[THIS_SCRIPT]: (after.script.user + after.script.system - before.script.user - before.script.system) / 1e6,
	};
	for (const [label, seconds] of Object.entries(after.byLabel)) byProcess[label] = seconds - (before.byLabel[label] ?? 0);
	const ours = sum(Object.values(byProcess));
	return { byProcess, ours, others: Math.max(0, after.machine - before.machine - ours) };
}

// ---------------------------------------------------------------------------------------------------------
// docs/docker-compose.yml must run what this script runs
// ---------------------------------------------------------------------------------------------------------
/** Keys whose value depends on the machine; the compose file must set them, to its own values. */
const PER_MACHINE = new Set(['DB_POSTGRESDB_HOST', 'DB_POSTGRESDB_PORT', 'DB_POSTGRESDB_PASSWORD', 'QUEUE_BULL_REDIS_HOST', 'QUEUE_BULL_REDIS_PORT', 'N8N_ENCRYPTION_KEY']);
/** Keys needed only because every process shares one host and one file system here; containers do not. */
const ONE_HOST_ONLY = new Set(['N8N_USER_FOLDER', 'N8N_PORT', 'N8N_LISTEN_ADDRESS', 'N8N_RUNNERS_BROKER_PORT', 'QUEUE_HEALTH_CHECK_PORT', 'N8N_WORKER_SERVER_ADDRESS']);
/** Keys only a deployment behind a reverse proxy needs. */
const PROXY_ONLY = new Set(['WEBHOOK_URL', 'N8N_PROXY_HOPS']);
const N8N_KEY = /^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$)/;

/** The n8n settings a running process was started with. */
function liveEnvironment(pid: number): Record<string, string> {
	return Object.fromEntries(
		readFileSync(`/proc/${pid}/environ`, 'utf8')
			.split('\0')
			.filter(Boolean)
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
			.filter(([key]) => N8N_KEY.test(key)),
	);
}

interface ComposeFile {
	services?: Record<string, { command?: unknown; environment?: Record<string, unknown> } | undefined>;
}
/** One running process per compose service. */
type ComposedProcesses = Record<string, { pid: number; commandLine: string }>;

/** What one compose service differs in from the process this script runs for it. */
function composeProblems(serviceName: string, compose: ComposeFile, proc: { pid: number; commandLine: string }): string[] {
	const service = compose.services?.[serviceName];
	if (!service) return [`no service ${serviceName}`];
	const problems: string[] = [];
	const command = Array.isArray(service.command) ? service.command.join(' ') : String(service.command ?? '');
	if (command !== proc.commandLine) problems.push(`${serviceName}: command "${command}", the script runs "n8n ${proc.commandLine}"`);
	const theirs = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));
	const ours = liveEnvironment(proc.pid);
	for (const [key, value] of Object.entries(ours)) {
		if (ONE_HOST_ONLY.has(key)) continue;
		if (!(key in theirs)) problems.push(`${serviceName}: ${key} missing (the script runs ${key}=${PER_MACHINE.has(key) ? '…' : value})`);
		else if (!PER_MACHINE.has(key) && theirs[key] !== value) problems.push(`${serviceName}: ${key}=${theirs[key]}, the script runs ${value}`);
	}
	for (const key of Object.keys(theirs)) {
		if (!(key in ours) && !PROXY_ONLY.has(key)) problems.push(`${serviceName}: ${key} is set there, not by the script`);
	}
	return problems;
}

function checkCompose(runtime: Runtime, processes: ComposedProcesses): boolean {
	if (!existsSync(COMPOSE_FILE)) return check('docs/docker-compose.yml runs the same commands and environment', false, 'file missing');
	// n8n's own copy of yaml: no dependency of ours.
	const fromRuntime = createRequire(join(runtime.dir, 'package.json'));
	const YAML = fromRuntime('yaml') as { parse(text: string, options: { merge: boolean }): ComposeFile };
	const compose = YAML.parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
	const problems = Object.entries(processes).flatMap(([serviceName, proc]) => composeProblems(serviceName, compose, proc));
	return check('docs/docker-compose.yml runs the same commands and environment as this script', problems.length === 0, problems.join('; '));
}

// ---------------------------------------------------------------------------------------------------------
// The scenario, step by step
// ---------------------------------------------------------------------------------------------------------
/** Debian's PostgreSQL and Redis, the cached n8n runtime, and the pack's tarball. */
async function installPrerequisites(): Promise<{ runtime: Runtime; tarball: string }> {
	await ensurePackages();
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log: say });
	const tarball = await local.packProject({ log: say });
	return { runtime, tarball };
}

interface Services {
	recorder: Recorder;
	postgres: Postgres;
	redis: { port: number };
}

/** The run folder, the recorder, PostgreSQL and Redis. */
async function startServices(): Promise<Services> {
	runDir = mkdtempSync(join(tmpdir(), 'botlists-queue-'));
	chmodSync(runDir, 0o755); // PostgreSQL and Redis run as their own users inside it
	say(`run folder ${runDir}`);
	const recorder = await startRecorder();
	services.push({ name: 'recorder', role: 'recorder', pid: process.pid, stop: () => recorder.close() });
	const postgres = await startPostgres();
	const redis = await startRedis();
	return { recorder, postgres, redis };
}

/** What every n8n process shares: queue mode, the same database, the same Redis, the same key. */
function sharedEnvironment({ postgres, redis }: Services): EnvAdditions {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// n8n's default pool is 2 connections per process: with tens of deliveries in flight its own DB health
		// ping then waits behind them, times out, and the webhook process answers 503 until the next ping.
		DB_POSTGRESDB_POOL_SIZE: '10',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
	};
}

const ROLES: readonly Role[] = [
	{ name: 'main', service: 'n8n-main', command: 'start', args: [] },
	{ name: 'webhook-1', service: 'n8n-webhook', command: 'webhook', args: [] },
	{ name: 'webhook-2', service: 'n8n-webhook', command: 'webhook', args: [] },
	{ name: 'worker-1', service: 'n8n-worker', command: 'worker', args: [`--concurrency=${CONFIG.workerConcurrency}`] },
	{ name: 'worker-2', service: 'n8n-worker', command: 'worker', args: [`--concurrency=${CONFIG.workerConcurrency}`] },
];

interface Imported {
	captures: Capture[];
	dedup: Recipe;
	postgres: Recipe;
}

/** main's user folder: the pack, the demo credentials plus PostgreSQL's, and every workflow published. */
async function importWorkflows(runtime: Runtime, tarball: string, { recorder, postgres }: Services, env: EnvAdditions): Promise<Imported> {
	const credentials: CredentialJson[] = [
		...exampleCredentials({ discordWebhookUrl: `${recorder.url}/discord` }),
		{
			id: 'bltCredPostgres01',
			name: 'Postgres account',
			type: 'postgres',
			data: { host: '127.0.0.1', port: postgres.port, database: 'botlists', user: 'n8n', password: postgres.password, ssl: 'disable', maxConnections: 20 },
		},
	];
	const imported: Imported = {
		captures: captures(),
		dedup: recipe(DEDUP_NODE, recorder.url, '/rewards/dedup'),
		postgres: recipe(POSTGRES_NODE, recorder.url, '/rewards/postgres'),
	};
	const workflows = [...imported.captures.map((capture) => captureWorkflow(capture, recorder.url)), imported.dedup.workflow, imported.postgres.workflow];
	await local.prepareInstance({ runtime, tarball, userFolder: inRunDir('main'), credentials, workflows, env, log: say });
	return imported;
}

/** The pack in the user folder of every other n8n process, as n8n installs community packages. */
async function installPack(runtime: Runtime, tarball: string): Promise<void> {
	for (const role of ROLES.slice(1)) await installPackInto({ tarball, userFolder: inRunDir(role.name), runtime, log: () => {} });
	say(`pack installed into the user folder of ${ROLES.map((role) => role.name).join(', ')}`);
}

/** Starts every n8n process, each on ports of its own. */
async function startN8nProcesses(runtime: Runtime, shared: EnvAdditions): Promise<Record<string, N8nProcess>> {
	const instances: Record<string, N8nProcess> = {};
	for (const role of ROLES) {
		const port = await local.freePort();
		const env: Record<string, string> = { ...shared, N8N_RUNNERS_BROKER_PORT: String(await local.freePort()) };
		if (role.command === 'worker') Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' });
		const logFile = inRunDir(`${role.name}.log`);
		const instance = local.startN8n({ runtime, userFolder: inRunDir(role.name), port, env, logFile, command: role.command, args: role.args });
		const pid = pidOf(instance.child, `n8n ${role.name}`);
		instances[role.name] = { ...instance, role, port };
		services.push({ name: `n8n ${role.name} (pid ${pid}, port ${port})`, label: role.name, role: 'n8n', pid, stop: () => instance.stop() });
		say(`started n8n ${[role.command, ...role.args].join(' ')} as ${role.name} on 127.0.0.1:${port} (log ${logFile})`);
	}
	return instances;
}

/**
 * Ready: main and the webhook processes answer /healthz, workers /healthz/readiness, and every published
 * webhook answers something other than 404 on BOTH webhook processes (they read it from the database).
 */
async function waitUntilReady(instances: Record<string, N8nProcess>, webhookPaths: readonly string[]): Promise<N8nProcess[]> {
	await local.waitForWebhooks(instances.main, [], { timeoutMs: 180_000 });
	say('main is up');
	for (const worker of ROLES.filter((role) => role.command === 'worker').map((role) => instances[role.name])) {
		const name = worker.role.name;
		const ready = await until(
			() => {
				if (worker.child.exitCode !== null) throw new Error(`${name} exited:\n${worker.log().slice(-3000)}`);
				return local.answers200(`${worker.baseUrl}/healthz/readiness`);
			},
			{ timeoutMs: 180_000, everyMs: 500 },
		);
		if (!ready) throw new Error(`${name} never became ready:\n${worker.log().slice(-3000)}`);
		say(`${name} is ready`);
	}
	const webhooks = ROLES.filter((role) => role.command === 'webhook').map((role) => instances[role.name]);
	for (const webhook of webhooks) {
		await local.waitForWebhooks(webhook, webhookPaths, { timeoutMs: 180_000 });
		say(`${webhook.role.name} serves all ${webhookPaths.length} production webhooks`);
	}
	return webhooks;
}

/** One process per compose service (webhook-2 and worker-2 run the same command and environment). */
function composedProcesses(instances: Record<string, N8nProcess>): ComposedProcesses {
	const composed: ComposedProcesses = {};
	for (const role of ROLES) composed[role.service] ??= { pid: pidOf(instances[role.name].child, role.name), commandLine: [role.command, ...role.args].join(' ') };
	return composed;
}

/** `validCount` valid capture deliveries, a list at a time in turn, with a forged one after every `forgedEvery`. */
function captureRequests(ledger: Ledger, validCount: number): Delivery[] {
	const requests: Delivery[] = [];
	for (let index = 0; index < validCount; index++) {
		requests.push(ledger.nextVote(LISTS[index % LISTS.length]));
		if (CONFIG.forgedEvery && index % CONFIG.forgedEvery === CONFIG.forgedEvery - 1) requests.push(ledger.nextForged());
	}
	return requests;
}

/** Sends capture deliveries through `targets` (round robin), then waits until every valid one arrived. */
async function capturePhase(ledger: Ledger, label: string, validCount: number, targets: readonly N8nProcess[]) {
	const requests = captureRequests(ledger, validCount);
	const before = cpuSnapshot();
	const t0 = performance.now();
	let done = 0;
	const progress = setInterval(() => {
		ledger.ingest();
		const arrived = requests.filter((request) => !request.forged && ledger.captureArrivals.has(request.key)).length;
		say(`  ${label}: ${done}/${requests.length} answered, ${arrived}/${validCount} arrived downstream`);
	}, 10_000);
	const answers = await local.pool(requests, CONFIG.concurrency, async (request, index) => {
		const answer = await send(targets[index % targets.length], ledger.capture(request.kit).path, request);
		done++;
		return answer;
	});
	const answeredAt = performance.now();
	requests.forEach((request, index) => {
		(request.forged ? ledger.forged : ledger.valid).set(request.key, { kit: request.kit, answers: [answers[index]] });
		if (!request.forged) ledger.expectedRuns[ledger.capture(request.kit).id]++;
	});
	// Wait for what n8n accepted; a valid delivery it refused cannot arrive and fails the checks below.
	const validKeys = requests.filter((request, index) => !request.forged && answers[index].status === 200).map((request) => request.key);
	const arrived = await until(() => (ledger.ingest(), validKeys.every((key) => ledger.captureArrivals.has(key))), { timeoutMs: 300_000, everyMs: 100 });
	clearInterval(progress);
	const lastArrival = ledger.recorder.received.filter(ledger.isCapture).reduce((last, request) => Math.max(last, request.at), 0);
	await until(async () => unfinished(await ledger.executions()) === 0, { timeoutMs: 120_000, everyMs: 500 });
	const cpu = cpuBetween(before, cpuSnapshot());
	const wallSeconds = (performance.now() - t0) / 1000;
	const seconds = (answeredAt - t0) / 1000;
	const [p50, p95] = percentiles(
		answers.filter((_, index) => !requests[index].forged).map((answer) => answer.ms),
		[0.5, 0.95],
	);
	const statuses: Record<string, number> = {};
	for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	const phase: PhaseFigures = {
		label,
		webhookProcesses: targets.length,
		valid: validCount,
		forged: requests.length - validCount,
		seconds: round(seconds, 1),
		requestsPerSecond: round(requests.length / seconds),
		validPerSecond: round(validCount / seconds),
		downstreamPerSecond: arrived ? round(validCount / ((lastArrival - t0) / 1000)) : null,
		p50: round(p50, 0),
		p95: round(p95, 0),
		wallSeconds,
		statuses,
		perTarget: Object.fromEntries(targets.map((target) => [target.role.name, answers.filter((answer) => answer.target === target.role.name).length])),
		cpu,
	};
	if (!label.startsWith('warm-up')) figures.phases.push(phase);
	say(
		`${label}: ${requests.length} requests (${validCount} valid, ${phase.forged} forged) over ${targets.map((target) => target.role.name).join(' + ')} in ${phase.seconds} s: ` +
			`${phase.requestsPerSecond} req/s answered (${phase.validPerSecond} valid/s), ${phase.downstreamPerSecond ?? '-'} valid/s downstream, latency p50 ${phase.p50} ms p95 ${phase.p95} ms`,
	);
	return { requests, answers, arrived };
}

/** A warm-up on both webhook processes, then the load on one of them, then on both. */
async function throughputPhase(ledger: Ledger, webhooks: readonly N8nProcess[]): Promise<void> {
	say(`warm-up: ${CONFIG.warmupPerList} valid deliveries per list to each webhook process`);
	const warm = await capturePhase(ledger, 'warm-up', CONFIG.warmupPerList * LISTS.length * webhooks.length, webhooks);
	const expected = (index: number) => (warm.requests[index].forged ? 401 : 200);
	const bad = warm.answers.find((answer, index) => answer.status !== expected(index));
	if (bad || !warm.arrived) {
		check('warm-up: every delivery answered as expected and arrived downstream', false, bad ? `${bad.target} answered ${bad.status} ${bad.text.slice(0, 300)}` : 'not everything arrived');
		throw new Error('the warm-up failed; not sending the load');
	}
	say(`one webhook process: ${CONFIG.singleDeliveries} valid deliveries (+ forged) to ${webhooks[0].role.name}, ${CONFIG.concurrency} in flight`);
	await capturePhase(ledger, 'one webhook process', CONFIG.singleDeliveries, [webhooks[0]]);
	say(`two webhook processes: ${CONFIG.deliveries} valid deliveries (+ forged) spread over ${webhooks.map((webhook) => webhook.role.name).join(' and ')}, ${CONFIG.concurrency} in flight`);
	await capturePhase(ledger, 'two webhook processes', CONFIG.deliveries, webhooks);
}

/** The Remove Duplicates recipe: each vote sent once, then redelivered to the OTHER webhook process once it ran. */
async function redeliveryPhase(ledger: Ledger, recipe: Recipe, webhooks: readonly N8nProcess[]): Promise<void> {
	say(`Remove Duplicates recipe: ${CONFIG.dedupVotes} votes, each sent once, then redelivered to the OTHER webhook process once it ran`);
	const { id } = recipe.workflow;
	const isReward = (request: Recorded) => request.path === recipe.rewardPath;
	const answers: Answer[] = [];
	let sequenced = true;
	for (let k = 0; k < CONFIG.dedupVotes; k++) {
		const delivery = ledger.nextVote(recipe.kit);
		answers.push(await send(webhooks[k % 2], recipe.path, delivery));
		ledger.expectedRuns[id]++;
		const rewarded = await ledger.recorder.waitFor((request) => isReward(request) && request.json?.userId === delivery.key, 1, 60_000).then(
			() => true,
			() => false,
		);
		answers.push(await send(webhooks[(k + 1) % 2], recipe.path, redelivered(delivery, 1)));
		ledger.expectedRuns[id]++;
		const ran = await ledger.ranAll(id, 60_000, 100);
		if (!rewarded || !ran) {
			sequenced = false;
			say(`  vote ${k}: ${rewarded ? '' : 'first copy never rewarded; '}${ran ? '' : 'redelivery never finished'}`);
			break;
		}
	}
	await local.sleep(2000);
	const rewardKeys = ledger.recorder.received.filter(isReward).map((request) => request.json?.userId);
	const distinct = new Set(rewardKeys).size;
	check('Remove Duplicates recipe: every copy answered 200 {"received":true}', answers.every(receivedTrue), `${answers.filter((answer) => answer.status === 200).length}/${answers.length}`);
	check(
		`Remove Duplicates recipe: ${CONFIG.dedupVotes} votes each redelivered to the other webhook process: one reward per vote`,
		sequenced && rewardKeys.length === CONFIG.dedupVotes && distinct === CONFIG.dedupVotes,
		`${rewardKeys.length} rewards for ${distinct} distinct votes, ${CONFIG.dedupVotes} votes sent twice`,
	);
	figures.dedup = { votes: CONFIG.dedupVotes, copies: answers.length, rewards: rewardKeys.length };
}

/** The PostgreSQL recipe: copies of each vote in flight together on both webhook processes. */
async function postgresPhase(ledger: Ledger, recipe: Recipe, webhooks: readonly N8nProcess[], postgres: Postgres): Promise<void> {
	const copies = CONFIG.postgresCopiesPerProcess * webhooks.length;
	say(`PostgreSQL recipe: ${CONFIG.postgresVotes} votes, ${copies} copies each (${CONFIG.postgresCopiesPerProcess} per webhook process) in flight together`);
	const { id } = recipe.workflow;
	const votes = Array.from({ length: CONFIG.postgresVotes }, () => ledger.nextVote(recipe.kit));
	const requests = votes.flatMap((delivery) => Array.from({ length: copies }, (_, copy) => ({ delivery: redelivered(delivery, copy), target: webhooks[copy % webhooks.length] })));
	const t0 = performance.now();
	const answers = await local.pool(requests, CONFIG.concurrency, ({ delivery, target }) => send(target, recipe.path, delivery));
	ledger.expectedRuns[id] += requests.length;
	const allFinished = await ledger.ranAll(id, 300_000, 500);
	await local.sleep(2000);
	const seconds = (performance.now() - t0) / 1000;
	const rewardedIds = ledger.recorder.received.filter((request) => request.path === recipe.rewardPath).map((request) => request.json?.userId);
	const distinct = new Set(rewardedIds).size;
	const platform = recipe.kit.platform.name.replace(/'/g, "''");
	const rows = Number((await postgres.query('botlists', `SELECT COUNT(*) FROM botlist_events WHERE platform = '${platform}'`)).trim());
	const wanted = new Set(votes.map((delivery) => delivery.key));
	check('PostgreSQL recipe: every copy answered 200 {"received":true}', answers.every(receivedTrue), `${answers.filter((answer) => answer.status === 200).length}/${answers.length}`);
	check(
		`PostgreSQL recipe: ${copies} concurrent copies of ${CONFIG.postgresVotes} votes over both webhook processes: exactly one reward per vote`,
		allFinished && rewardedIds.length === CONFIG.postgresVotes && distinct === CONFIG.postgresVotes && rewardedIds.every((userId) => typeof userId === 'string' && wanted.has(userId)),
		`${rewardedIds.length} rewards for ${distinct} distinct votes; ${rows} rows in botlist_events`,
	);
	check('PostgreSQL recipe: one botlist_events row per vote', rows === CONFIG.postgresVotes, `${rows} rows for ${CONFIG.postgresVotes} votes`);
	figures.postgres = { votes: CONFIG.postgresVotes, copies: answers.length, rewards: rewardedIds.length, rows, seconds: round(seconds, 1) };
}

const firstOther = (answer: Answer | undefined) => (answer ? `; first other: ${answer.target} ${answer.status} ${answer.text.slice(0, 200)}` : '');

/** Every valid capture delivery answered 200 and arrived downstream exactly once. */
function checkValidDeliveries(ledger: Ledger): void {
	ledger.ingest();
	const answers = [...ledger.valid.values()].flatMap((entry) => entry.answers);
	const notOk = answers.filter((answer) => !(receivedTrue(answer) && !answer.json?.ignored && !answer.json?.duplicate));
	check(`every valid delivery answered 200 {"received":true}`, notOk.length === 0, `${answers.length - notOk.length}/${answers.length}${firstOther(notOk[0])}`);
	const keys = [...ledger.valid.keys()];
	const missing = keys.filter((key) => !ledger.captureArrivals.has(key));
	const twice = keys.filter((key) => (ledger.captureArrivals.get(key) ?? 0) > 1);
	check(
		'every valid delivery arrived downstream exactly once',
		missing.length === 0 && twice.length === 0,
		`${ledger.valid.size - missing.length - twice.length}/${ledger.valid.size} exactly once, ${missing.length} missing, ${twice.length} more than once`,
	);
}

/** Every forged delivery answered 401 and nothing but valid deliveries arrived downstream. */
function checkForgedDeliveries(ledger: Ledger): void {
	ledger.ingest();
	const answers = [...ledger.forged.values()].flatMap((entry) => entry.answers);
	const refused = answers.filter((answer) => answer.status === 401 && typeof answer.json?.error === 'string');
	check('every forged delivery answered 401', refused.length === answers.length, `${refused.length}/${answers.length}${firstOther(answers.find((answer) => !refused.includes(answer)))}`);
	const strangers = [...ledger.captureArrivals.keys()].filter((key) => !ledger.valid.has(key));
	const forgedArrived = strangers.filter((key) => ledger.forged.has(key));
	check('no forged delivery started anything downstream', strangers.length === 0, `${forgedArrived.length} forged and ${strangers.length - forgedArrived.length} unknown deliveries arrived`);
}

/** One successful execution per accepted delivery and workflow, none in error. */
async function checkExecutions(ledger: Ledger): Promise<void> {
	await until(
		async () => {
			const byWorkflow = await ledger.executions();
			return unfinished(byWorkflow) === 0 && total(byWorkflow) >= ledger.expectedTotal();
		},
		{ timeoutMs: 120_000, everyMs: 500 },
	);
	const byWorkflow = await ledger.executions();
	const statusTotals: Record<string, number> = {};
	for (const statuses of Object.values(byWorkflow)) for (const [status, count] of Object.entries(statuses)) statusTotals[status] = (statusTotals[status] ?? 0) + count;
	const expected = Object.entries(ledger.expectedRuns);
	check(
		'one successful execution per accepted delivery, per workflow (forged ones started none)',
		expected.every(([id, count]) => byWorkflow[id]?.success === count) && total(byWorkflow) === ledger.expectedTotal(),
		expected.map(([id, count]) => `${id}: ${byWorkflow[id]?.success ?? 0}/${count}`).join(', '),
	);
	check('no execution ended in error (or is still unfinished)', Object.keys(statusTotals).every((status) => status === 'success'), JSON.stringify(statusTotals));
	figures.executions = statusTotals;
	figures.validDeliveries = ledger.valid.size;
	figures.forgedDeliveries = ledger.forged.size;
}

function checkStillRunning(instances: Record<string, N8nProcess>): void {
	for (const [name, instance] of Object.entries(instances)) {
		if (instance.child.exitCode !== null) check(`${name} still running at the end`, false, `exited with ${instance.child.exitCode}`);
	}
}

async function main(): Promise<void> {
	const deadline = setTimeout(() => {
		printSummary();
		void finish(1, `FAILED: the scenario took longer than ${CONFIG.deadlineMinutes} minutes`);
	}, CONFIG.deadlineMinutes * 60_000);
	say(`n8n ${N8N_VERSION} in queue mode: main, 2 webhook processes, 2 workers (--concurrency=${CONFIG.workerConcurrency}), PostgreSQL, Redis`);

	const { runtime, tarball } = await installPrerequisites();
	const infra = await startServices();
	const shared = sharedEnvironment(infra);
	const imported = await importWorkflows(runtime, tarball, infra, shared);
	await installPack(runtime, tarball);
	const instances = await startN8nProcesses(runtime, shared);
	const webhookPaths = [...imported.captures.map((capture) => capture.path), imported.dedup.path, imported.postgres.path];
	const webhooks = await waitUntilReady(instances, webhookPaths);
	figures.readySeconds = round(elapsed(), 0);
	checkCompose(runtime, composedProcesses(instances));

	const ledger = new Ledger(infra.recorder, infra.postgres, imported.captures, [imported.dedup, imported.postgres]);
	await throughputPhase(ledger, webhooks);
	await redeliveryPhase(ledger, imported.dedup, webhooks);
	await postgresPhase(ledger, imported.postgres, webhooks, infra.postgres);
	checkValidDeliveries(ledger);
	checkForgedDeliveries(ledger);
	await checkExecutions(ledger);
	checkStillRunning(instances);
	clearTimeout(deadline);
}

function printPhase(phase: PhaseFigures): void {
	console.log(
		`${phase.label.padEnd(22)} ${String(phase.valid).padStart(5)} valid + ${String(phase.forged).padStart(4)} forged in ${String(phase.seconds).padStart(6)} s: ` +
			`${String(phase.requestsPerSecond).padStart(6)} req/s answered, ${String(phase.validPerSecond).padStart(6)} valid/s, ${String(phase.downstreamPerSecond ?? '-').padStart(6)} valid/s downstream, ` +
			`p50 ${phase.p50} ms, p95 ${phase.p95} ms`,
	);
	const percent = (seconds: number) => `${Math.round((100 * seconds) / phase.wallSeconds)}%`;
	const busy = Object.entries(phase.cpu.byProcess)
		.filter(([, seconds]) => seconds > 0.05)
		.map(([name, seconds]) => `${name} ${percent(seconds)}`);
	console.log(`${''.padEnd(22)} CPU in % of one core, until the last delivery ran: ${busy.join(', ')}; processes not started by this run ${percent(phase.cpu.others)}`);
	console.log(`${''.padEnd(22)} requests per webhook process: ${JSON.stringify(phase.perTarget)}; answers by status: ${JSON.stringify(phase.statuses)}`);
}

/** Prints the figures and the checks; returns how many checks failed. */
function printSummary(): number {
	const line = '-'.repeat(100);
	const cores = cpus().length;
	console.log(`\n${line}\nQueue mode scenario, n8n ${N8N_VERSION}: ${cores} CPU cores, ${CONFIG.concurrency} requests in flight, workers --concurrency=${CONFIG.workerConcurrency}`);
	if (figures.readySeconds !== undefined) console.log(`ready (packages, runtime, pack, PostgreSQL, Redis, ${ROLES.length} n8n processes, webhooks registered) after ${figures.readySeconds} s`);
	figures.phases.forEach(printPhase);
	const [one, two] = figures.phases;
	if (one && two) {
		const ratio = two.validPerSecond / one.validPerSecond;
		const busy = (phase: PhaseFigures, seconds: number) => `${Math.round((100 * seconds) / phase.wallSeconds / cores)}%`;
		console.log(
			`two vs one webhook process: x${ratio.toFixed(2)} answered valid deliveries per second (${one.validPerSecond} -> ${two.validPerSecond}); ` +
				`this run kept the machine's ${cores} cores ${busy(one, one.cpu.ours)} -> ${busy(two, two.cpu.ours)} busy, other processes ${busy(one, one.cpu.others)} -> ${busy(two, two.cpu.others)}`,
		);
	}
	const { dedup, postgres } = figures;
	if (dedup) console.log(`Remove Duplicates recipe: ${dedup.votes} votes, ${dedup.copies} deliveries (copies to the other process, one at a time), ${dedup.rewards} rewards`);
	if (postgres) {
		console.log(
			`PostgreSQL recipe: ${postgres.votes} votes, ${postgres.copies} deliveries (copies in flight together on both processes), ${postgres.rewards} rewards, ${postgres.rows} rows, ${postgres.seconds} s`,
		);
	}
	if (figures.executions) console.log(`totals: ${figures.validDeliveries} valid capture deliveries, ${figures.forgedDeliveries} forged; executions ${JSON.stringify(figures.executions)}`);
	const failed = checks.filter((entry) => !entry.ok);
	console.log(`checks: ${checks.length - failed.length} passed, ${failed.length} failed${failed.length ? `:\n${failed.map((entry) => `  FAIL ${entry.name}: ${entry.detail}`).join('\n')}` : ''}`);
	console.log(`total time ${Math.round(elapsed())} s\n${line}`);
	return failed.length;
}

main().then(
	() => {
		const failed = printSummary();
		return finish(failed ? 1 : 0, failed ? `FAILED: ${failed} check(s)` : undefined);
	},
	(error: unknown) => {
		printSummary();
		return finish(1, `FAILED: ${describe(error)}`);
	},
);
