'use strict';
// `npm run test:queue`: the pack in n8n queue mode, end to end, on this machine (docs/scaling.md).
//
// Installs PostgreSQL and Redis from Debian's packages if they are missing and runs its own of each on
// loopback, in a folder of its own; installs the packed node into every n8n process's user folder the way
// n8n installs community packages; starts n8n main, two `n8n webhook` processes and two `n8n worker`s with
// one encryption key; imports and publishes a capture workflow per trigger plus the two "never reward twice"
// recipes (examples/), then drives it over HTTP:
//   - valid deliveries of every platform, first to one webhook process, then spread over both (throughput),
//     mixed with forged ones;
//   - sequential redeliveries, each copy sent to the OTHER webhook process, into the Remove Duplicates recipe;
//   - copies of the same votes sent at the same time to both webhook processes, into the PostgreSQL recipe.
// Asserts that every valid delivery was answered 200 and arrived downstream exactly once, every forged one
// got 401 and started nothing, no execution ended in error, both recipes rewarded each vote once, and that
// docs/docker-compose.yml runs the same commands with the same environment. Exits 1 when a check fails.
// Stops every process it started, also on failure and Ctrl-C.
//
// Knobs (environment, BOTLISTS_QUEUE_*: n8n reads QUEUE_* itself): BOTLISTS_QUEUE_DELIVERIES (5000 valid
// deliveries over both webhook processes), BOTLISTS_QUEUE_SINGLE_DELIVERIES (1000, one webhook process),
// BOTLISTS_QUEUE_CONCURRENCY (32 requests in flight), BOTLISTS_QUEUE_DEDUP_VOTES (40),
// BOTLISTS_QUEUE_POSTGRES_VOTES (200), BOTLISTS_QUEUE_DEADLINE_MINUTES (60), BOTLISTS_QUEUE_KEEP=1 keeps the
// run folder (logs, databases) even when everything passed.
const { spawn, execFile, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { installPackInto, run } = require('./n8n-runtime');
const local = require('./n8n-local');
const demo = require('./demo');

const N8N_VERSION = '2.41.0';
const ROOT = path.join(__dirname, '..');
const COMPOSE_FILE = path.join(ROOT, 'docs', 'docker-compose.yml');

function setting(name, fallback, min = 0) {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}`);
	return value;
}
const CONFIG = {
	deliveries: setting('BOTLISTS_QUEUE_DELIVERIES', 5000, 1),
	singleDeliveries: setting('BOTLISTS_QUEUE_SINGLE_DELIVERIES', 1000, 1),
	forgedEvery: 10, // one forged request per 10 valid ones, in both throughput phases
	warmupPerPlatform: 10, // valid deliveries per platform and webhook process before measuring
	concurrency: setting('BOTLISTS_QUEUE_CONCURRENCY', 32, 1),
	workerConcurrency: 10,
	dedupVotes: setting('BOTLISTS_QUEUE_DEDUP_VOTES', 40, 1),
	postgresVotes: setting('BOTLISTS_QUEUE_POSTGRES_VOTES', 200, 1),
	postgresCopiesPerProcess: 2,
	deadlineMinutes: setting('BOTLISTS_QUEUE_DEADLINE_MINUTES', 60, 1),
	keep: process.env.BOTLISTS_QUEUE_KEEP === '1',
};

const PLATFORMS = ['diffcord', 'discollab', 'rankly', 'boticord'];
/** Capture workflows: one per trigger, each chained into an HTTP Request to the recorder. */
const CAPTURE = PLATFORMS.map((platform, index) => ({
	platform,
	id: `bltQueue${platform[0].toUpperCase()}${platform.slice(1)}`,
	webhookId: `9a0e0000-0000-4000-8000-00000000000${index + 1}`,
}));
/** The webhookIds written in examples/reward-each-vote-once.json and reward-once-with-postgres.json. */
const DEDUP = { id: 'bltExampleDedupe', file: 'reward-each-vote-once.json', webhookId: '3b2d8d9c-5e3f-4a0a-9c73-8e2f4b9c0003' };
const POSTGRES = { id: 'bltExamplePostgres', file: 'reward-once-with-postgres.json', webhookId: '6e50b0cf-8b6c-4d3d-8fa6-b05c7ecf0006' };
const PLACEHOLDER_REWARD_URL = 'https://your-bot.example.com/api/rewards';

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const say = (line) => console.log(`[queue +${Math.round(elapsed())}s] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 1) => Number(value.toFixed(digits));

// ---------------------------------------------------------------------------------------------------------
// Checks and figures
// ---------------------------------------------------------------------------------------------------------
const checks = [];
function check(name, ok, detail = '') {
	checks.push({ name, ok: Boolean(ok), detail });
	say(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	return ok;
}
const figures = { phases: [] };

// ---------------------------------------------------------------------------------------------------------
// Everything this run started, stopped in reverse order on success, failure, Ctrl-C or the deadline
// ---------------------------------------------------------------------------------------------------------
const services = []; // { name, role, pid, stop() }
let cleaning = null;
function cleanup() {
	if (!cleaning) {
		cleaning = (async () => {
			const n8n = services.filter((service) => service.role === 'n8n');
			if (n8n.length) say(`stopping ${n8n.map((service) => service.name).join(', ')}`);
			await Promise.all(n8n.map((service) => service.stop().catch(() => {})));
			for (const service of services.filter((entry) => entry.role !== 'n8n').reverse()) {
				say(`stopping ${service.name}`);
				await service.stop().catch(() => {});
			}
			local.closeConnections();
		})();
	}
	return cleaning;
}
let runDir;
async function finish(code, reason) {
	if (reason) console.error(`\n[queue] ${reason}`);
	await cleanup();
	if (runDir) {
		if (code === 0 && !CONFIG.keep) fs.rmSync(runDir, { recursive: true, force: true });
		else say(`logs and data kept in ${runDir}`);
	}
	process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => void finish(130, `${signal}: stopping everything this run started`));
}
process.on('uncaughtException', (error) => void finish(1, `FAILED: ${error.stack || error.message}`));
process.on('unhandledRejection', (error) => void finish(1, `FAILED: ${error?.stack || error}`));

/** Waits for a child to exit, up to `ms`; true when it did. */
function exitedWithin(child, exited, ms) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	let timer;
	return Promise.race([exited.then(() => true), new Promise((resolve) => (timer = setTimeout(resolve, ms, false)))]).finally(() =>
		clearTimeout(timer),
	);
}
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {}
}

// ---------------------------------------------------------------------------------------------------------
// Debian packages, PostgreSQL and Redis of our own
// ---------------------------------------------------------------------------------------------------------
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return null;
	const versions = fs
		.readdirSync(base)
		.filter((version) => ['initdb', 'postgres', 'psql', 'pg_isready'].every((bin) => fs.existsSync(path.join(base, version, 'bin', bin))))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : null;
}
function findOnPath(command) {
	const dirs = [...(process.env.PATH || '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
	return dirs.map((dir) => path.join(dir, command)).find((file) => fs.existsSync(file)) ?? null;
}
const isRoot = () => process.getuid?.() === 0;

async function ensurePackages() {
	if (postgresBinDir() && findOnPath('redis-server')) return;
	if (!isRoot()) {
		throw new Error('PostgreSQL and Redis are needed: sudo apt-get install -y postgresql redis-server, then run this again');
	}
	// run() streams every apt line; show only its heartbeats and, on failure, the output's tail.
	const log = (line) => (line.startsWith('[n8n-runtime]') ? say(line) : undefined);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	say('installing PostgreSQL and Redis from Debian\'s packages: apt-get update');
	await run('apt-get', ['update'], { env, log, timeoutMs: 10 * 60_000 });
	say('apt-get install -y postgresql redis-server');
	await run('apt-get', ['install', '-y', 'postgresql', 'redis-server'], { env, log, timeoutMs: 20 * 60_000 });
	if (!postgresBinDir() || !findOnPath('redis-server')) throw new Error('apt-get install finished but initdb or redis-server is missing');
}

/** As root, PostgreSQL and Redis run as their own Debian users (PostgreSQL refuses root). */
function serviceAccount(user) {
	if (!isRoot()) return {};
	try {
		const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
		return { uid, gid };
	} catch {
		throw new Error(`user ${user} does not exist (the Debian package creates it)`);
	}
}
/** A folder owned by `account`, private to it. */
function ownFolder(dir, account) {
	fs.mkdirSync(dir, { recursive: true });
	if (account.uid !== undefined) fs.chownSync(dir, account.uid, account.gid);
	fs.chmodSync(dir, 0o700);
	return dir;
}
function serviceEnv() {
	return { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: runDir };
}

/** The botlist_events table exactly as README.md "Never reward twice" defines it. */
function botlistEventsTable() {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const match = readme.match(/```sql\s*\n(CREATE TABLE botlist_events[\s\S]*?;)\s*\n```/);
	if (!match) throw new Error('README.md no longer holds the "CREATE TABLE botlist_events" block this scenario creates');
	return match[1];
}

async function startPostgres() {
	const bin = postgresBinDir();
	const account = serviceAccount('postgres');
	const dataDir = ownFolder(path.join(runDir, 'postgres'), account);
	const superPassword = crypto.randomBytes(18).toString('hex');
	const n8nPassword = crypto.randomBytes(18).toString('hex');
	const passwordFile = path.join(runDir, 'postgres-superuser-password');
	fs.writeFileSync(passwordFile, superPassword, { mode: 0o600 });
	if (account.uid !== undefined) fs.chownSync(passwordFile, account.uid, account.gid);
	say(`initdb ${dataDir} (${path.basename(path.dirname(bin))}, ${account.uid !== undefined ? 'as user postgres' : 'as this user'})`);
	try {
		execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C'], {
			...account, cwd: runDir, env: serviceEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
		});
	} catch (error) {
		throw new Error(`initdb failed: ${error.stderr?.toString() || error.message}`);
	} finally {
		fs.rmSync(passwordFile, { force: true });
	}
	const port = await local.freePort();
	const logFile = path.join(runDir, 'postgres.log');
	const out = fs.openSync(logFile, 'w');
	// TCP on loopback only, no Unix socket: nothing else on the machine can reach it by accident.
	const child = spawn(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'], {
		...account, cwd: runDir, env: serviceEnv(), stdio: ['ignore', out, out], detached: true,
	});
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	services.push({
		name: `PostgreSQL (pid ${child.pid}, port ${port})`,
		label: 'PostgreSQL',
		role: 'postgres',
		pid: child.pid,
		async stop() {
			try {
				process.kill(child.pid, 'SIGINT'); // fast shutdown
			} catch {}
			if (!(await exitedWithin(child, exited, 20_000))) killGroup(child.pid, 'SIGKILL');
		},
	});
	const psql = (user, password, database, sql) =>
		new Promise((resolve, reject) =>
			execFile(
				path.join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-F', '\t', '-c', sql],
				{ env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' }, timeout: 60_000, encoding: 'utf8' },
				(error, stdout, stderr) => (error ? reject(new Error(`psql: ${stderr || error.message}`)) : resolve(stdout)),
			),
		);
	for (let attempt = 0; ; attempt++) {
		if (child.exitCode !== null) throw new Error(`postgres exited:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		const ready = await psql('postgres', superPassword, 'postgres', 'SELECT 1').then(() => true, () => false);
		if (ready) break;
		if (attempt > 60) throw new Error(`postgres did not accept connections within 30 s:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		await sleep(500);
	}
	await psql('postgres', superPassword, 'postgres', `CREATE ROLE n8n LOGIN PASSWORD '${n8nPassword}'`);
	await psql('postgres', superPassword, 'postgres', 'CREATE DATABASE n8n OWNER n8n');
	await psql('postgres', superPassword, 'postgres', 'CREATE DATABASE botlists OWNER n8n');
	await psql('n8n', n8nPassword, 'botlists', botlistEventsTable());
	say(`PostgreSQL on 127.0.0.1:${port}: databases n8n (n8n's own) and botlists (table botlist_events), role n8n`);
	return { port, password: n8nPassword, query: (database, sql) => psql('n8n', n8nPassword, database, sql) };
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => {});
	});
}

async function startRedis() {
	const account = serviceAccount('redis');
	const dir = ownFolder(path.join(runDir, 'redis'), account);
	const port = await local.freePort();
	const logFile = path.join(runDir, 'redis.log');
	const out = fs.openSync(logFile, 'w');
	const child = spawn(findOnPath('redis-server'), ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], {
		...account, cwd: dir, env: serviceEnv(), stdio: ['ignore', out, out], detached: true,
	});
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	services.push({
		name: `Redis (pid ${child.pid}, port ${port})`,
		label: 'Redis',
		role: 'redis',
		pid: child.pid,
		async stop() {
			killGroup(child.pid, 'SIGTERM');
			if (!(await exitedWithin(child, exited, 10_000))) killGroup(child.pid, 'SIGKILL');
		},
	});
	for (let attempt = 0; !(await redisPing(port)); attempt++) {
		if (child.exitCode !== null || attempt > 60) throw new Error(`redis-server did not answer PING:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		await sleep(500);
	}
	say(`Redis on 127.0.0.1:${port}`);
	return { port };
}

// ---------------------------------------------------------------------------------------------------------
// Workflows, credentials, deliveries
// ---------------------------------------------------------------------------------------------------------
function captureWorkflow({ platform, id, webhookId }, recorderUrl) {
	const triggerName = `${platform[0].toUpperCase()}${platform.slice(1)} Trigger`;
	const credentialType = `${platform}WebhookApi`;
	const credentialId = demo.exampleCredentials({ discordWebhookUrl: '' }).find((entry) => entry.type === credentialType).id;
	return {
		id,
		name: `Queue mode: ${platform} capture`,
		nodes: [
			{
				id: webhookId.replace('-8000-', '-8001-'), name: triggerName, type: `n8n-nodes-botlists.${platform}Trigger`, typeVersion: 1.1, position: [0, 0], webhookId,
				parameters: {}, credentials: { [credentialType]: { id: credentialId, name: `${platform} account` } },
			},
			{
				id: webhookId.replace('-8000-', '-8002-'), name: 'Record', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [300, 0],
				parameters: { method: 'POST', url: `${recorderUrl}/capture/${platform}`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
			},
		],
		connections: { [triggerName]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function recipeWorkflow({ file, id }, rewardUrl) {
	const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
	if (workflow.id !== id) throw new Error(`examples/${file}: expected workflow id ${id}, found ${workflow.id}`);
	let pointed = 0;
	for (const node of workflow.nodes) {
		if (node.parameters.url === PLACEHOLDER_REWARD_URL) {
			node.parameters.url = rewardUrl;
			pointed++;
		}
	}
	if (pointed !== 1) throw new Error(`examples/${file}: expected one node posting to ${PLACEHOLDER_REWARD_URL}`);
	return workflow;
}

const SECRETS = demo.DEMO_SECRETS;
const hmac = (secret, body) => crypto.createHmac('sha256', secret).update(body).digest('hex');
const BASE_TIME = Date.parse('2026-01-01T00:00:00.000Z');
const runTag = crypto.randomBytes(3).toString('hex');

/**
 * A genuine delivery of `platform`, unique by `n` (its voter is user `7100…n`, which every platform puts in
 * the item's `userId`), signed under the demo credentials; `forged` signs it with a wrong secret instead.
 */
function delivery(platform, n, { forged = false } = {}) {
	const userId = String(710000000000000000n + BigInt(n));
	const at = BASE_TIME + n * 1000;
	const iso = new Date(at).toISOString();
	let payload;
	if (platform === 'diffcord') {
		payload = { vote_id: `${runTag}-${n}`, user_id: userId, bot_id: '7231198106540828102', since_vote: 1.5, rewarded: false, test: false, monthly_votes: 3 };
	} else if (platform === 'discollab') {
		payload = { guild_id: '123456789012345678', user_id: userId, username: `voter${n}`, voted_on_iso: iso, vote_again: 43200, times_voted: 1, is_test: false };
	} else if (platform === 'rankly') {
		payload = { event: 'bot_vote', timestamp: iso, voter: { userId, username: `voter${n}` }, bot: { id: '1234567890123456789', name: 'Queue Bot' }, creditsAwarded: true, adBlocker: false, creditDenialReason: null };
	} else {
		payload = { type: 'new_bot_bump', data: { user: userId, at } };
	}
	const body = JSON.stringify(payload);
	const wrong = `forged-${n}`;
	const headers = {
		diffcord: () => ({ Authorization: forged ? wrong : SECRETS.diffcord.verificationCode }),
		discollab: () => ({ Authorization: `Bearer ${forged ? wrong : SECRETS.discollab.token}` }),
		rankly: () => ({ 'X-Webhook-Signature': hmac(forged ? wrong : SECRETS.rankly.voteSecret, body) }),
		boticord: () => ({ 'X-Hook-Key': forged ? wrong : SECRETS.boticord.hookKey }),
	}[platform]();
	return { platform, key: userId, body, headers, forged };
}

// ---------------------------------------------------------------------------------------------------------
// Recorder: what the workflows send downstream, with arrival times
// ---------------------------------------------------------------------------------------------------------
function startRecorder() {
	const arrivals = [];
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			let json = null;
			try {
				json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {}
			arrivals.push({ path: request.url, json, at: performance.now() });
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"ok":true}');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				arrivals,
				close: () =>
					new Promise((resolveClose) => {
						server.close(() => resolveClose());
						server.closeAllConnections();
					}),
			}),
		),
	);
}

/** Polls `condition` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
async function until(condition, { timeoutMs, everyMs = 200 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return true;
		if (Date.now() > deadline) return false;
		await sleep(everyMs);
	}
}

// ---------------------------------------------------------------------------------------------------------
// CPU time per process group (n8n's task runners and PostgreSQL's backends included)
// ---------------------------------------------------------------------------------------------------------
const MACHINE = '(machine)';
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();
function cpuSnapshot() {
	const byGroup = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is stat field 3
		const group = Number(fields[2]);
		const own = Number(fields[11]) + Number(fields[12]);
		const reaped = Number(entry) === group ? Number(fields[13]) + Number(fields[14]) : 0;
		byGroup.set(group, (byGroup.get(group) ?? 0) + own + reaped);
	}
	const snapshot = { 'load generator + recorder (this script)': process.cpuUsage() };
	for (const service of services) if (service.label) snapshot[service.label] = (byGroup.get(service.pid) ?? 0) / CLOCK_TICKS;
	// The whole machine, busy = everything but idle and iowait: what is left over is other people's work.
	const [, ...jiffies] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	snapshot[MACHINE] = (jiffies.slice(0, 8).reduce((a, b) => a + b, 0) - jiffies[3] - jiffies[4]) / CLOCK_TICKS;
	return snapshot;
}
function cpuBetween(before, after) {
	const result = {};
	for (const [name, value] of Object.entries(after)) {
		if (typeof value === 'object') result[name] = (value.user + value.system - before[name].user - before[name].system) / 1e6;
		else result[name] = value - (before[name] ?? 0);
	}
	const machine = result[MACHINE];
	delete result[MACHINE];
	const ours = Object.values(result).reduce((a, b) => a + b, 0);
	return { byProcess: result, ours, others: Math.max(0, machine - ours) };
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

function liveEnvironment(pid) {
	return Object.fromEntries(
		fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
			.filter(([key]) => N8N_KEY.test(key)),
	);
}

function checkCompose(runtime, processes) {
	if (!fs.existsSync(COMPOSE_FILE)) return check('docs/docker-compose.yml runs the same commands and environment', false, 'file missing');
	const YAML = require(path.join(runtime.dir, 'node_modules', 'yaml')); // n8n's own copy: no dependency of ours
	const compose = YAML.parse(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
	const problems = [];
	for (const [serviceName, proc] of Object.entries(processes)) {
		const service = compose.services?.[serviceName];
		if (!service) {
			problems.push(`no service ${serviceName}`);
			continue;
		}
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
	}
	return check('docs/docker-compose.yml runs the same commands and environment as this script', problems.length === 0, problems.join('; '));
}

// ---------------------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------------------
async function main() {
	const deadline = setTimeout(() => {
		printSummary();
		void finish(1, `FAILED: the scenario took longer than ${CONFIG.deadlineMinutes} minutes`);
	}, CONFIG.deadlineMinutes * 60_000);
	say(`n8n ${N8N_VERSION} in queue mode: main, 2 webhook processes, 2 workers (--concurrency=${CONFIG.workerConcurrency}), PostgreSQL, Redis`);

	await ensurePackages();
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log: say });
	const tarball = await local.packProject({ log: say });

	runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'botlists-queue-'));
	fs.chmodSync(runDir, 0o755); // PostgreSQL and Redis run as their own users inside it
	say(`run folder ${runDir}`);

	const recorder = await startRecorder();
	services.push({ name: 'recorder', role: 'recorder', pid: process.pid, stop: () => recorder.close() });
	const postgres = await startPostgres();
	const redis = await startRedis();

	// What every n8n process shares: queue mode, the same database, the same Redis, the same key.
	const shared = {
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
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
	};

	// Every process has its own user folder with the pack installed as n8n installs community packages.
	const folder = (name) => path.join(runDir, name);
	const credentials = [
		...demo.exampleCredentials({ discordWebhookUrl: `${recorder.url}/discord` }),
		{
			id: 'bltCredPostgres01', name: 'Postgres account', type: 'postgres',
			data: { host: '127.0.0.1', port: postgres.port, database: 'botlists', user: 'n8n', password: postgres.password, ssl: 'disable', maxConnections: 20 },
		},
	];
	const workflows = [
		...CAPTURE.map((entry) => captureWorkflow(entry, recorder.url)),
		recipeWorkflow(DEDUP, `${recorder.url}/rewards/dedup`),
		recipeWorkflow(POSTGRES, `${recorder.url}/rewards/postgres`),
	];
	await local.prepareInstance({ runtime, tarball, userFolder: folder('main'), credentials, workflows, env: shared, log: say });
	const roles = [
		{ name: 'main', service: 'n8n-main', command: 'start', args: [] },
		{ name: 'webhook-1', service: 'n8n-webhook', command: 'webhook', args: [] },
		{ name: 'webhook-2', service: 'n8n-webhook', command: 'webhook', args: [] },
		{ name: 'worker-1', service: 'n8n-worker', command: 'worker', args: [`--concurrency=${CONFIG.workerConcurrency}`] },
		{ name: 'worker-2', service: 'n8n-worker', command: 'worker', args: [`--concurrency=${CONFIG.workerConcurrency}`] },
	];
	for (const role of roles.slice(1)) await installPackInto({ tarball, userFolder: folder(role.name), runtime, log: () => {} });
	say('pack installed into the user folder of main, webhook-1, webhook-2, worker-1, worker-2');

	const instances = {};
	for (const role of roles) {
		const port = await local.freePort();
		const env = { ...shared, N8N_RUNNERS_BROKER_PORT: String(await local.freePort()) };
		if (role.command === 'worker') Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' });
		const instance = local.startN8n({ runtime, userFolder: folder(role.name), port, env, logFile: folder(`${role.name}.log`), command: role.command, args: role.args });
		instances[role.name] = { ...instance, role, port };
		services.push({ name: `n8n ${role.name} (pid ${instance.child.pid}, port ${port})`, label: role.name, role: 'n8n', pid: instance.child.pid, stop: () => instance.stop() });
		say(`started n8n ${[role.command, ...role.args].join(' ')} as ${role.name} on 127.0.0.1:${port} (log ${folder(`${role.name}.log`)})`);
	}

	// Ready: main and the webhook processes answer /healthz, workers /healthz/readiness, and every
	// published webhook answers something other than 404 on BOTH webhook processes (they read it from the DB).
	const webhookPaths = [...CAPTURE.map((entry) => entry.webhookId), DEDUP.webhookId, POSTGRES.webhookId].map((id) => `${id}/webhook`);
	await local.waitForWebhooks(instances.main, [], { timeoutMs: 180_000 });
	say('main is up');
	for (const name of ['worker-1', 'worker-2']) {
		const worker = instances[name];
		const ready = await until(
			() => {
				if (worker.child.exitCode !== null) throw new Error(`${name} exited:\n${worker.log().slice(-3000)}`);
				return new Promise((resolve) =>
					http.get(`${worker.baseUrl}/healthz/readiness`, (res) => (res.resume(), resolve(res.statusCode === 200))).on('error', () => resolve(false)),
				);
			},
			{ timeoutMs: 180_000, everyMs: 500 },
		);
		if (!ready) throw new Error(`${name} never became ready:\n${worker.log().slice(-3000)}`);
		say(`${name} is ready`);
	}
	const webhooks = [instances['webhook-1'], instances['webhook-2']];
	for (const webhook of webhooks) {
		await local.waitForWebhooks(webhook, webhookPaths, { timeoutMs: 180_000 });
		say(`${webhook.role.name} serves all ${webhookPaths.length} production webhooks`);
	}
	figures.readySeconds = round(elapsed(), 0);
	// One process per compose service (webhook-2 and worker-2 run the same command and environment).
	const composed = {};
	for (const role of roles) composed[role.service] ??= { pid: instances[role.name].child.pid, commandLine: [role.command, ...role.args].join(' ') };
	checkCompose(runtime, composed);

	// ------------------------------------------------------------------ bookkeeping over every delivery sent
	let nextN = 0;
	const valid = new Map(); // key -> { platform, answers: [] }
	const forged = new Map();
	const expectedRuns = Object.fromEntries([...CAPTURE.map((entry) => entry.id), DEDUP.id, POSTGRES.id].map((id) => [id, 0]));
	const capturePath = (platform) => `${CAPTURE.find((entry) => entry.platform === platform).webhookId}/webhook`;
	const captureArrivals = new Map(); // key -> count
	let ingested = 0;
	const ingest = () => {
		for (; ingested < recorder.arrivals.length; ingested++) {
			const arrival = recorder.arrivals[ingested];
			if (!arrival.path.startsWith('/capture/')) continue;
			const key = arrival.json?.userId ?? '(no userId)';
			captureArrivals.set(key, (captureArrivals.get(key) ?? 0) + 1);
		}
	};
	const executions = async () => {
		const rows = await postgres.query('n8n', 'SELECT "workflowId", status, COUNT(*) FROM execution_entity GROUP BY 1, 2');
		const result = {};
		for (const line of rows.split('\n').filter(Boolean)) {
			const [workflowId, status, count] = line.split('\t');
			result[workflowId] ??= {};
			result[workflowId][status] = Number(count);
		}
		return result;
	};
	const unfinished = (byWorkflow) =>
		Object.values(byWorkflow).reduce((sum, statuses) => sum + (statuses.new ?? 0) + (statuses.running ?? 0) + (statuses.waiting ?? 0), 0);
	const total = (byWorkflow) => Object.values(byWorkflow).reduce((sum, statuses) => sum + Object.values(statuses).reduce((a, b) => a + b, 0), 0);
	const expectedTotal = () => Object.values(expectedRuns).reduce((a, b) => a + b, 0);

	const send = async (target, webhookPath, { body, headers }) => {
		const t0 = performance.now();
		const answer = await local.post(`${target.baseUrl}/webhook/${webhookPath}`, { body, headers }).catch((error) => ({ status: 0, text: `${error.code ?? ''} ${error.message}` }));
		return { ...answer, ms: performance.now() - t0, target: target.role.name };
	};

	/** Sends capture deliveries through `targets` (round robin), then waits until every valid one arrived. */
	async function capturePhase(label, validCount, targets) {
		const requests = [];
		for (let index = 0; index < validCount; index++) {
			const platform = PLATFORMS[index % PLATFORMS.length];
			requests.push(delivery(platform, nextN++));
			if (CONFIG.forgedEvery && index % CONFIG.forgedEvery === CONFIG.forgedEvery - 1) requests.push(delivery(PLATFORMS[(index >> 2) % 4], nextN++, { forged: true }));
		}
		const before = cpuSnapshot();
		const t0 = performance.now();
		let done = 0;
		const progress = setInterval(() => {
			ingest();
			say(`  ${label}: ${done}/${requests.length} answered, ${requests.filter((r) => !r.forged && captureArrivals.has(r.key)).length}/${validCount} arrived downstream`);
		}, 10_000);
		const answers = await local.pool(requests, CONFIG.concurrency, async (request, index) => {
			const answer = await send(targets[index % targets.length], capturePath(request.platform), request);
			done++;
			return answer;
		});
		const answeredAt = performance.now();
		requests.forEach((request, index) => {
			(request.forged ? forged : valid).set(request.key, { platform: request.platform, answers: [answers[index]] });
			if (!request.forged) expectedRuns[CAPTURE.find((entry) => entry.platform === request.platform).id]++;
		});
		// Wait for what n8n accepted; a valid delivery it refused cannot arrive and fails the checks below.
		const validKeys = requests.filter((request, index) => !request.forged && answers[index].status === 200).map((request) => request.key);
		const arrived = await until(() => (ingest(), validKeys.every((key) => captureArrivals.has(key))), { timeoutMs: 300_000, everyMs: 100 });
		clearInterval(progress);
		const lastArrival = Math.max(...recorder.arrivals.filter((a) => a.path.startsWith('/capture/')).map((a) => a.at));
		await until(async () => unfinished(await executions()) === 0, { timeoutMs: 120_000, everyMs: 500 });
		const cpu = cpuBetween(before, cpuSnapshot());
		const cpuSeconds = (performance.now() - t0) / 1000;
		const seconds = (answeredAt - t0) / 1000;
		const latencies = answers.filter((answer, index) => !requests[index].forged).map((answer) => answer.ms).sort((a, b) => a - b);
		const pct = (p) => round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))], 0);
		const phase = {
			label,
			webhookProcesses: targets.length,
			valid: validCount,
			forged: requests.length - validCount,
			seconds: round(seconds, 1),
			requestsPerSecond: round(requests.length / seconds),
			validPerSecond: round(validCount / seconds),
			downstreamPerSecond: arrived ? round(validCount / ((lastArrival - t0) / 1000)) : null,
			p50: pct(50),
			p95: pct(95),
			cpuSeconds,
			statuses: answers.reduce((counts, answer) => ({ ...counts, [answer.status]: (counts[answer.status] ?? 0) + 1 }), {}),
			perTarget: Object.fromEntries(targets.map((target) => [target.role.name, answers.filter((answer) => answer.target === target.role.name).length])),
			cpu,
		};
		if (!label.startsWith('warm-up')) figures.phases.push(phase);
		say(
			`${label}: ${requests.length} requests (${validCount} valid, ${phase.forged} forged) over ${targets.map((t) => t.role.name).join(' + ')} in ${phase.seconds} s: ` +
				`${phase.requestsPerSecond} req/s answered (${phase.validPerSecond} valid/s), ${phase.downstreamPerSecond ?? '-'} valid/s downstream, latency p50 ${phase.p50} ms p95 ${phase.p95} ms`,
		);
		return { requests, answers, arrived };
	}

	// --------------------------------------------------------------------------------- warm-up, throughput
	say(`warm-up: ${CONFIG.warmupPerPlatform} valid deliveries per platform to each webhook process`);
	const warm = await capturePhase('warm-up', CONFIG.warmupPerPlatform * PLATFORMS.length * 2, webhooks);
	const warmOk = warm.answers.every((answer, index) => answer.status === (warm.requests[index].forged ? 401 : 200)) && warm.arrived;
	if (!warmOk) {
		const bad = warm.answers.find((answer, index) => answer.status !== (warm.requests[index].forged ? 401 : 200));
		check('warm-up: every delivery answered as expected and arrived downstream', false, bad ? `${bad.target} answered ${bad.status} ${bad.text?.slice(0, 300)}` : 'not everything arrived');
		throw new Error('the warm-up failed; not sending the load');
	}
	say(`one webhook process: ${CONFIG.singleDeliveries} valid deliveries (+ forged) to webhook-1, ${CONFIG.concurrency} in flight`);
	await capturePhase('one webhook process', CONFIG.singleDeliveries, [webhooks[0]]);
	say(`two webhook processes: ${CONFIG.deliveries} valid deliveries (+ forged) spread over webhook-1 and webhook-2, ${CONFIG.concurrency} in flight`);
	await capturePhase('two webhook processes', CONFIG.deliveries, webhooks);

	// ------------------------------------------------------------- Remove Duplicates recipe, sequential copies
	say(`Remove Duplicates recipe: ${CONFIG.dedupVotes} votes, each sent once, then redelivered to the OTHER webhook process once it ran`);
	const dedupPath = `${DEDUP.webhookId}/webhook`;
	const dedupAnswers = [];
	const dedupRewards = () => recorder.arrivals.filter((arrival) => arrival.path === '/rewards/dedup');
	let dedupSequenced = true;
	for (let k = 0; k < CONFIG.dedupVotes; k++) {
		const vote = delivery('discollab', nextN++);
		const first = webhooks[k % 2];
		const other = webhooks[(k + 1) % 2];
		dedupAnswers.push(await send(first, dedupPath, vote));
		expectedRuns[DEDUP.id]++;
		const rewarded = await until(() => dedupRewards().some((arrival) => arrival.json?.userId === vote.key), { timeoutMs: 60_000, everyMs: 50 });
		dedupAnswers.push(await send(other, dedupPath, vote));
		expectedRuns[DEDUP.id]++;
		const ran = await until(async () => {
			const statuses = (await executions())[DEDUP.id] ?? {};
			return Object.entries(statuses).filter(([status]) => !['new', 'running', 'waiting'].includes(status)).reduce((sum, [, count]) => sum + count, 0) >= expectedRuns[DEDUP.id];
		}, { timeoutMs: 60_000, everyMs: 100 });
		if (!rewarded || !ran) {
			dedupSequenced = false;
			say(`  vote ${k}: ${rewarded ? '' : 'first copy never rewarded; '}${ran ? '' : 'redelivery never finished'}`);
			break;
		}
	}
	await sleep(2000);
	const dedupRewardKeys = dedupRewards().map((arrival) => arrival.json?.userId);
	check('Remove Duplicates recipe: every copy answered 200 {"received":true}', dedupAnswers.every((answer) => answer.status === 200 && answer.json?.received === true),
		`${dedupAnswers.filter((answer) => answer.status === 200).length}/${dedupAnswers.length}`);
	check(`Remove Duplicates recipe: ${CONFIG.dedupVotes} votes each redelivered to the other webhook process: one reward per vote`,
		dedupSequenced && dedupRewardKeys.length === CONFIG.dedupVotes && new Set(dedupRewardKeys).size === CONFIG.dedupVotes,
		`${dedupRewardKeys.length} rewards for ${new Set(dedupRewardKeys).size} distinct votes, ${CONFIG.dedupVotes} votes sent twice`);
	figures.dedup = { votes: CONFIG.dedupVotes, copies: dedupAnswers.length, rewards: dedupRewardKeys.length };

	// ------------------------------------------------------------ PostgreSQL recipe, copies at the same time
	const copies = CONFIG.postgresCopiesPerProcess * 2;
	say(`PostgreSQL recipe: ${CONFIG.postgresVotes} votes, ${copies} copies each (${CONFIG.postgresCopiesPerProcess} per webhook process) in flight together`);
	const postgresPath = `${POSTGRES.webhookId}/webhook`;
	const postgresVotes = Array.from({ length: CONFIG.postgresVotes }, () => delivery('rankly', nextN++));
	const postgresRequests = postgresVotes.flatMap((vote) => Array.from({ length: copies }, (_, copy) => ({ vote, target: webhooks[copy % 2] })));
	const postgresT0 = performance.now();
	const postgresAnswers = await local.pool(postgresRequests, CONFIG.concurrency, ({ vote, target }) => send(target, postgresPath, vote));
	expectedRuns[POSTGRES.id] += postgresRequests.length;
	const postgresRewards = () => recorder.arrivals.filter((arrival) => arrival.path === '/rewards/postgres');
	const postgresFinished = await until(async () => {
		const statuses = (await executions())[POSTGRES.id] ?? {};
		return Object.entries(statuses).filter(([status]) => !['new', 'running', 'waiting'].includes(status)).reduce((sum, [, count]) => sum + count, 0) >= expectedRuns[POSTGRES.id];
	}, { timeoutMs: 300_000, everyMs: 500 });
	await sleep(2000);
	const postgresSeconds = (performance.now() - postgresT0) / 1000;
	const rewardedIds = postgresRewards().map((arrival) => arrival.json?.userId);
	const rows = Number((await postgres.query('botlists', "SELECT COUNT(*) FROM botlist_events WHERE platform = 'rankly'")).trim());
	const wanted = new Set(postgresVotes.map((vote) => vote.key));
	check('PostgreSQL recipe: every copy answered 200 {"received":true}', postgresAnswers.every((answer) => answer.status === 200 && answer.json?.received === true),
		`${postgresAnswers.filter((answer) => answer.status === 200).length}/${postgresAnswers.length}`);
	check(`PostgreSQL recipe: ${copies} concurrent copies of ${CONFIG.postgresVotes} votes over both webhook processes: exactly one reward per vote`,
		postgresFinished && rewardedIds.length === CONFIG.postgresVotes && new Set(rewardedIds).size === CONFIG.postgresVotes && rewardedIds.every((id) => wanted.has(id)),
		`${rewardedIds.length} rewards for ${new Set(rewardedIds).size} distinct votes; ${rows} rows in botlist_events`);
	check('PostgreSQL recipe: one botlist_events row per vote', rows === CONFIG.postgresVotes, `${rows} rows for ${CONFIG.postgresVotes} votes`);
	figures.postgres = { votes: CONFIG.postgresVotes, copies: postgresAnswers.length, rewards: rewardedIds.length, rows, seconds: round(postgresSeconds, 1) };

	// ------------------------------------------------------------------------------ the capture assertions
	ingest();
	const validAnswers = [...valid.values()].flatMap((entry) => entry.answers);
	const forgedAnswers = [...forged.values()].flatMap((entry) => entry.answers);
	const notOk = validAnswers.filter((answer) => !(answer.status === 200 && answer.json?.received === true && !answer.json?.ignored && !answer.json?.duplicate));
	check(`every valid delivery answered 200 {"received":true}`, notOk.length === 0,
		`${validAnswers.length - notOk.length}/${validAnswers.length}${notOk.length ? `; first other: ${notOk[0].target} ${notOk[0].status} ${String(notOk[0].text).slice(0, 200)}` : ''}`);
	const missing = [...valid.keys()].filter((key) => !captureArrivals.has(key));
	const twice = [...valid.keys()].filter((key) => (captureArrivals.get(key) ?? 0) > 1);
	const strangers = [...captureArrivals.keys()].filter((key) => !valid.has(key));
	check('every valid delivery arrived downstream exactly once', missing.length === 0 && twice.length === 0,
		`${valid.size - missing.length - twice.length}/${valid.size} exactly once, ${missing.length} missing, ${twice.length} more than once`);
	const forged401 = forgedAnswers.filter((answer) => answer.status === 401 && typeof answer.json?.error === 'string');
	const forgedOther = forgedAnswers.find((answer) => !forged401.includes(answer));
	check('every forged delivery answered 401', forged401.length === forgedAnswers.length,
		`${forged401.length}/${forgedAnswers.length}${forgedOther ? `; first other: ${forgedOther.target} ${forgedOther.status} ${String(forgedOther.text).slice(0, 200)}` : ''}`);
	const forgedArrived = strangers.filter((key) => forged.has(key));
	check('no forged delivery started anything downstream', strangers.length === 0, `${forgedArrived.length} forged and ${strangers.length - forgedArrived.length} unknown deliveries arrived`);

	await until(async () => {
		const byWorkflow = await executions();
		return unfinished(byWorkflow) === 0 && total(byWorkflow) >= expectedTotal();
	}, { timeoutMs: 120_000, everyMs: 500 });
	const byWorkflow = await executions();
	const statusTotals = {};
	for (const statuses of Object.values(byWorkflow)) for (const [status, count] of Object.entries(statuses)) statusTotals[status] = (statusTotals[status] ?? 0) + count;
	const perWorkflow = Object.entries(expectedRuns).map(([id, count]) => `${id}: ${byWorkflow[id]?.success ?? 0}/${count}`);
	check('one successful execution per accepted delivery, per workflow (forged ones started none)',
		Object.entries(expectedRuns).every(([id, count]) => byWorkflow[id]?.success === count) && total(byWorkflow) === expectedTotal(), perWorkflow.join(', '));
	check('no execution ended in error (or is still unfinished)', Object.keys(statusTotals).every((status) => status === 'success'), JSON.stringify(statusTotals));
	figures.executions = statusTotals;
	figures.validDeliveries = valid.size;
	figures.forgedDeliveries = forged.size;
	for (const [name, instance] of Object.entries(instances)) {
		if (instance.child.exitCode !== null) check(`${name} still running at the end`, false, `exited with ${instance.child.exitCode}`);
	}
	clearTimeout(deadline);
}

function printSummary() {
	const line = '-'.repeat(100);
	console.log(`\n${line}\nQueue mode scenario, n8n ${N8N_VERSION}: ${os.cpus().length} CPU cores, ${CONFIG.concurrency} requests in flight, workers --concurrency=${CONFIG.workerConcurrency}`);
	if (figures.readySeconds !== undefined) console.log(`ready (packages, runtime, pack, PostgreSQL, Redis, 5 n8n processes, webhooks registered) after ${figures.readySeconds} s`);
	for (const phase of figures.phases) {
		console.log(
			`${phase.label.padEnd(22)} ${String(phase.valid).padStart(5)} valid + ${String(phase.forged).padStart(4)} forged in ${String(phase.seconds).padStart(6)} s: ` +
				`${String(phase.requestsPerSecond).padStart(6)} req/s answered, ${String(phase.validPerSecond).padStart(6)} valid/s, ${String(phase.downstreamPerSecond ?? '-').padStart(6)} valid/s downstream, ` +
				`p50 ${phase.p50} ms, p95 ${phase.p95} ms`,
		);
		const percent = (seconds) => `${Math.round((100 * seconds) / phase.cpuSeconds)}%`;
		const busy = Object.entries(phase.cpu.byProcess).filter(([, seconds]) => seconds > 0.05).map(([name, seconds]) => `${name} ${percent(seconds)}`);
		console.log(`${''.padEnd(22)} CPU in % of one core, until the last delivery ran: ${busy.join(', ')}; processes not started by this run ${percent(phase.cpu.others)}`);
		console.log(`${''.padEnd(22)} requests per webhook process: ${JSON.stringify(phase.perTarget)}; answers by status: ${JSON.stringify(phase.statuses)}`);
	}
	const [one, two] = figures.phases;
	if (one && two) {
		const ratio = two.validPerSecond / one.validPerSecond;
		const busy = (phase, seconds) => `${Math.round((100 * seconds) / phase.cpuSeconds / os.cpus().length)}%`;
		console.log(
			`two vs one webhook process: x${ratio.toFixed(2)} answered valid deliveries per second (${one.validPerSecond} -> ${two.validPerSecond}); ` +
				`this run kept the machine's ${os.cpus().length} cores ${busy(one, one.cpu.ours)} -> ${busy(two, two.cpu.ours)} busy, other processes ${busy(one, one.cpu.others)} -> ${busy(two, two.cpu.others)}`,
		);
	}
	if (figures.dedup) console.log(`Remove Duplicates recipe: ${figures.dedup.votes} votes, ${figures.dedup.copies} deliveries (copies to the other process, one at a time), ${figures.dedup.rewards} rewards`);
	if (figures.postgres) console.log(`PostgreSQL recipe: ${figures.postgres.votes} votes, ${figures.postgres.copies} deliveries (copies in flight together on both processes), ${figures.postgres.rewards} rewards, ${figures.postgres.rows} rows, ${figures.postgres.seconds} s`);
	if (figures.executions) console.log(`totals: ${figures.validDeliveries} valid capture deliveries, ${figures.forgedDeliveries} forged; executions ${JSON.stringify(figures.executions)}`);
	const failed = checks.filter((entry) => !entry.ok);
	console.log(`checks: ${checks.length - failed.length} passed, ${failed.length} failed${failed.length ? `:\n${failed.map((entry) => `  FAIL ${entry.name}: ${entry.detail}`).join('\n')}` : ''}`);
	console.log(`total time ${Math.round(elapsed())} s\n${line}`);
	return failed.length;
}

main().then(
	() => {
		const failed = printSummary();
		return finish(failed ? 1 : 0, failed ? `FAILED: ${failed} check(s)` : null);
	},
	(error) => {
		printSummary();
		return finish(1, `FAILED: ${error.stack || error.message}`);
	},
);
