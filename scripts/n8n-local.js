'use strict';
// A real n8n with this pack installed the way n8n installs community packages: used by `npm start` and by
// the end-to-end suite. Everything here drives n8n's own CLI and HTTP server; nothing is mocked.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime, installPackInto, run, childEnv } = require('./n8n-runtime');

const ROOT = path.join(__dirname, '..');

/** Builds the pack and `npm pack`s it, exactly what would be published. Returns the tarball path. */
async function packProject({ log = console.error } = {}) {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'botlists-pack-'));
	log('[n8n-local] building and packing n8n-nodes-botlists');
	// The project's .npmrc sets ignore-scripts, which also skips `prepack`: build explicitly.
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env: childEnv(), log: () => {} });
	await run('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: ROOT, env: childEnv(), log: () => {} });
	const tarball = fs.readdirSync(out).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return path.join(out, tarball);
}

/** n8n's environment for one instance: its own folder and port, quiet about the internet it cannot reach. */
function n8nEnv(runtime, userFolder, extra = {}) {
	const major = Number(runtime.version.split('.')[0]);
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
		...(major === 1 ? { N8N_RUNNERS_ENABLED: 'false' } : {}),
		...extra,
	});
}

/**
 * Runs an n8n CLI command quietly; on failure the error carries the command's last output lines.
 * `env` (optional) is added to n8n's environment, e.g. the database settings of a queue-mode setup.
 */
async function cli(runtime, userFolder, args, { env = {} } = {}) {
	try {
		await run(runtime.nodeBin, [runtime.n8nBin, ...args], { cwd: userFolder, env: n8nEnv(runtime, userFolder, env), log: () => {} });
	} catch (error) {
		throw new Error(`n8n ${args.join(' ')} failed:\n${error.outputTail ?? error.message}`);
	}
}

/**
 * A fresh n8n user folder holding the packed tarball, the given credentials and workflows, every workflow
 * published (n8n 2.x) or activated (1.x), all before n8n starts, as real-n8n.md prescribes.
 * `env` (optional) is passed to every CLI command: the same database settings the processes will run with.
 */
async function prepareInstance({ runtime, tarball, userFolder, credentials, workflows, env = {}, log = console.error }) {
	fs.mkdirSync(userFolder, { recursive: true });
	await installPackInto({ tarball, userFolder, runtime, log: () => {} });

	// A kept user folder (npm start) keeps its owner account and data while the imports stay the same;
	// n8n cannot re-import over a published workflow, so changed imports start from a new database.
	const importsFile = path.join(userFolder, 'imports.sha256');
	const imported = Object.keys(env).length ? [credentials, workflows, env] : [credentials, workflows];
	const imports = require('node:crypto').createHash('sha256').update(JSON.stringify(imported)).digest('hex');
	if (fs.existsSync(importsFile) && fs.readFileSync(importsFile, 'utf8') === imports) {
		log('[n8n-local] workflows and credentials already imported');
		return;
	}
	for (const file of ['database.sqlite', 'database.sqlite-wal', 'database.sqlite-shm']) {
		fs.rmSync(path.join(userFolder, '.n8n', file), { force: true });
	}
	const credentialsFile = path.join(userFolder, 'credentials.json');
	const workflowsDir = path.join(userFolder, 'workflows');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	fs.rmSync(workflowsDir, { recursive: true, force: true });
	fs.mkdirSync(workflowsDir);
	for (const workflow of workflows) {
		fs.writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify({ ...workflow, active: false }));
	}
	log(`[n8n-local] importing ${credentials.length} credentials and ${workflows.length} workflows into n8n ${runtime.version}`);
	await cli(runtime, userFolder, ['import:credentials', `--input=${credentialsFile}`], { env });
	await cli(runtime, userFolder, ['import:workflow', '--separate', `--input=${workflowsDir}`], { env });
	const major = Number(runtime.version.split('.')[0]);
	if (major >= 2) {
		for (const workflow of workflows) {
			log(`[n8n-local] publishing "${workflow.name}"`);
			await cli(runtime, userFolder, ['publish:workflow', `--id=${workflow.id}`], { env });
		}
	} else {
		log('[n8n-local] activating the workflows');
		await cli(runtime, userFolder, ['update:workflow', '--all', '--active=true'], { env });
	}
	fs.writeFileSync(importsFile, imports);
}

/**
 * Starts `n8n start` in its own process group; `stop()` ends it and everything it spawned.
 * `command` and `args` (optional) start another n8n command instead, e.g. `webhook`, or `worker` with
 * `['--concurrency=10']` in queue mode. `nodeArgs` (optional) go to Node.js itself, e.g. `--inspect=...`.
 */
function startN8n({ runtime, userFolder, port, env = {}, logFile, command = 'start', args = [], nodeArgs = [] }) {
	const out = fs.openSync(logFile, 'w');
	const child = spawn(runtime.nodeBin, [...nodeArgs, runtime.n8nBin, command, ...args], {
		cwd: userFolder,
		env: n8nEnv(runtime, userFolder, { N8N_PORT: String(port), ...env }),
		stdio: ['ignore', out, out],
		detached: true,
	});
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		child,
		exited,
		log: () => fs.readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, ''),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {}
			let timer;
			const timeout = new Promise((resolve) => (timer = setTimeout(resolve, 15_000, 'timeout')));
			const outcome = await Promise.race([exited, timeout]);
			clearTimeout(timer);
			if (outcome === 'timeout') {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {}
				await exited;
			}
		},
	};
}

/**
 * POSTs on loopback with keep-alive; never throws for HTTP statuses; `body` is sent byte for byte. A request
 * written to a kept-alive socket the server had just closed (ECONNRESET/EPIPE on a reused socket) never reached
 * n8n and is sent again, as Node's documentation advises; any other network error, or no answer within
 * `timeoutMs`, is the caller's.
 */
function post(url, { headers = {}, body = '' } = {}, { timeoutMs = 120_000 } = {}, attempt = 1) {
	return new Promise((resolve, reject) => {
		const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json', ...headers, 'content-length': payload.length }, agent: keepAlive },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {}
					resolve({ status: response.statusCode, text, json, headers: response.headers });
				});
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'TIMEOUT' })));
		request.on('error', (error) => {
			if (request.reusedSocket && ['ECONNRESET', 'EPIPE'].includes(error.code) && attempt < 3) resolve(post(url, { headers, body }, { timeoutMs }, attempt + 1));
			else reject(error);
		});
		request.end(payload);
	});
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for /healthz, then until every production webhook answers something other than 404.
 * Returns `healthyAt`, when /healthz first answered (Date.now() milliseconds).
 */
async function waitForWebhooks(instance, webhookPaths, { timeoutMs = 180_000, log = () => {} } = {}) {
	const deadline = Date.now() + timeoutMs;
	const alive = () => {
		if (instance.child.exitCode !== null) throw new Error(`n8n exited early:\n${instance.log().slice(-3000)}`);
	};
	for (;;) {
		alive();
		const ok = await new Promise((resolve) =>
			http.get(`${instance.baseUrl}/healthz`, (res) => (res.resume(), resolve(res.statusCode === 200))).on('error', () => resolve(false)),
		);
		if (ok) break;
		if (Date.now() > deadline) throw new Error('n8n /healthz never answered');
		await sleep(100);
	}
	const healthyAt = Date.now();
	log('[n8n-local] n8n is up; waiting for the published webhooks to register');
	for (const webhookPath of webhookPaths) {
		for (;;) {
			alive();
			const answer = await post(`${instance.baseUrl}/webhook/${webhookPath}`, { body: '{}' }).catch(() => ({ status: 0 }));
			if (answer.status !== 404 && answer.status !== 0) break;
			if (Date.now() > deadline) throw new Error(`webhook ${webhookPath} never registered:\n${instance.log().slice(-3000)}`);
			await sleep(1000);
		}
	}
	return { healthyAt };
}

/** Executions recorded in n8n's SQLite database, by status, read with n8n's own sqlite3 binding. */
function executionStatuses(runtime, userFolder) {
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(runtime.dir, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(path.join(userFolder, '.n8n', 'database.sqlite'))}, sqlite3.OPEN_READONLY);
		db.all('SELECT status, COUNT(*) AS count FROM execution_entity GROUP BY status', (error, rows) => {
			if (error) { console.error(error.message); process.exit(1); }
			process.stdout.write(JSON.stringify(Object.fromEntries(rows.map((row) => [row.status, row.count]))));
			db.close();
		});`;
	return JSON.parse(execFileSync(runtime.nodeBin, ['-e', script], { encoding: 'utf8' }));
}

/** A tiny HTTP server on loopback that records what the workflows send it. */
function startRecorder() {
	const received = [];
	const waiters = [];
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let json;
			try {
				json = JSON.parse(text);
			} catch {}
			received.push({ path: request.url, headers: request.headers, text, json });
			response.writeHead(200, { 'content-type': 'application/json' });
			// Discord's webhook API answers 204; other callers only need a 2xx.
			response.end('{"ok":true}');
			for (const waiter of [...waiters]) waiter();
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				received,
				/** Resolves once `count` requests matched `filter`, or rejects after `timeoutMs`. */
				waitFor(filter, count = 1, timeoutMs = 30_000) {
					return new Promise((resolveWait, rejectWait) => {
						const check = () => {
							const matching = received.filter(filter);
							if (matching.length >= count) {
								waiters.splice(waiters.indexOf(check), 1);
								clearTimeout(timer);
								resolveWait(matching);
							}
						};
						const timer = setTimeout(() => {
							waiters.splice(waiters.indexOf(check), 1);
							rejectWait(new Error(`recorder: ${received.filter(filter).length} of ${count} expected requests arrived`));
						}, timeoutMs);
						waiters.push(check);
						check();
					});
				},
				close: () =>
					new Promise((resolveClose) => {
						server.close(() => resolveClose());
						server.closeAllConnections(); // n8n keeps its HTTP Request sockets alive
					}),
			});
		}),
	);
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
async function pool(items, concurrency, task) {
	const results = new Array(items.length);
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

function freePort() {
	return new Promise((resolve, reject) => {
		const server = http.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

module.exports = {
	ROOT,
	ensureRuntime,
	packProject,
	prepareInstance,
	startN8n,
	waitForWebhooks,
	executionStatuses,
	startRecorder,
	post,
	closeConnections: () => keepAlive.destroy(),
	freePort,
	pool,
	sleep,
};
