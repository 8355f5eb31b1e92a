'use strict';
// Benchmark 2: each trigger inside a real n8n 2.41 (the end-to-end runtime), side by side with n8n's own
// Webhook node (a) with Header Auth, (b) with no authentication, (c) with Header Auth followed by a Code node
// that checks Rankly's HMAC over the raw body. Runs alternate round by round; prints throughputs and ratios,
// then (unless BENCH_PROFILE=0) a CPU profile of n8n's process per request for one trigger and its peer (a).
//
// Throughput counts a delivery once n8n has answered it AND finished its execution (read from n8n's own
// database), so that work n8n defers past the answer is not left out.
//
// Settings (environment): BENCH_N8N_DELIVERIES (200), BENCH_N8N_CONCURRENCY (8), BENCH_N8N_ROUNDS (3; 0 skips
// the throughput table), BENCH_N8N_CONFIGURATIONS (defaults,lazy),
// BENCH_PROFILE=0 (no profile), BENCH_KEEP=1 (keep n8n's folder and the profiles).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const local = require('../scripts/n8n-local');
const demo = require('../scripts/demo');
const { measureColdStart } = require('./cold-start');
const { summarizeProfile } = require('./profile-summary');

const N8N_VERSION = '2.41.0';
const DELIVERIES = Number(process.env.BENCH_N8N_DELIVERIES || 200);
const CONCURRENCY = Number(process.env.BENCH_N8N_CONCURRENCY || 8);
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS || 3);
const PROFILE = process.env.BENCH_PROFILE !== '0';
const log = (line) => process.stderr.write(`${line}\n`);

const HEADER_AUTH = { name: 'X-Bench-Auth', value: 'bench-header-auth-value-7c41' };
const RANKLY_VOTE = demo.sampleDelivery('rankly');

/** The version the editor puts on the canvas: what a new workflow runs. */
function defaultVersionOf(platform) {
	const file = path.join(__dirname, '..', 'dist', 'nodes', platform, `${platform}Trigger.node.js`);
	const Trigger = require(file)[`${platform}Trigger`];
	const { version, defaultVersion } = new Trigger().description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

const uuid = (index) => `be0c0000-0000-4000-8000-${String(index).padStart(12, '0')}`;

function triggerTarget(index, label, platform, delivery) {
	const name = `${platform[0].toUpperCase()}${platform.slice(1)}`;
	const webhookId = uuid(index);
	const credentialType = `${platform}WebhookApi`;
	return {
		label,
		kind: 'trigger',
		path: `${webhookId}/webhook`,
		delivery,
		workflow: {
			id: `bltBench${String(index).padStart(2, '0')}`,
			name: `Bench ${label}`,
			nodes: [
				{
					id: uuid(100 + index),
					name: `${name} Trigger`,
					type: `n8n-nodes-botlists.${platform}Trigger`,
					typeVersion: defaultVersionOf(name),
					position: [0, 0],
					webhookId,
					parameters: {},
					credentials: { [credentialType]: { id: `bltBenchCred${name}`, name: `Bench ${name}` } },
				},
			],
			connections: {},
		},
	};
}

function webhookTarget(index, label, { headerAuth, codeCheck }) {
	const webhookId = uuid(index);
	const webhook = {
		id: uuid(100 + index),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId,
		parameters: {
			httpMethod: 'POST',
			path: webhookId,
			authentication: headerAuth ? 'headerAuth' : 'none',
			options: codeCheck ? { rawBody: true } : {},
		},
		...(headerAuth ? { credentials: { httpHeaderAuth: { id: 'bltBenchHeaderAuth', name: 'Bench Header Auth' } } } : {}),
	};
	const nodes = [webhook];
	const connections = {};
	if (codeCheck) {
		// What a user builds today for Rankly's signed votes: HMAC-SHA256 of the raw body, constant-time compare.
		nodes.push({
			id: uuid(200 + index),
			name: 'Check Rankly signature',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [300, 0],
			parameters: {
				jsCode: [
					"const crypto = require('crypto');",
					"const raw = await this.helpers.getBinaryDataBuffer(0, 'data');",
					`const expected = crypto.createHmac('sha256', ${JSON.stringify(demo.DEMO_SECRETS.rankly.voteSecret)}).update(raw).digest();`,
					"const received = Buffer.from(String($input.first().json.headers['x-webhook-signature'] ?? ''), 'hex');",
					"if (received.length !== expected.length || !crypto.timingSafeEqual(expected, received)) throw new Error('Invalid signature');",
					'return [{ json: $input.first().json.body }];',
				].join('\n'),
			},
		});
		connections.Webhook = { main: [[{ node: 'Check Rankly signature', type: 'main', index: 0 }]] };
	}
	return {
		label,
		kind: 'peer',
		path: webhookId,
		delivery: { body: RANKLY_VOTE.body, headers: { ...RANKLY_VOTE.headers, ...(headerAuth ? { [HEADER_AUTH.name]: HEADER_AUTH.value } : {}) } },
		workflow: { id: `bltBench${String(index).padStart(2, '0')}`, name: `Bench ${label}`, nodes, connections },
	};
}

const TARGETS = [
	triggerTarget(1, 'Diffcord Trigger', 'diffcord', demo.sampleDelivery('diffcord')),
	triggerTarget(2, 'Discollab Trigger', 'discollab', demo.sampleDelivery('discollab')),
	triggerTarget(3, 'Rankly Trigger, server vote', 'rankly', {
		body: '{"userId":"987654321098765432","serverId":"123456789012345678","timestamp":"2025-11-25T10:00:00.000Z","creditsAwarded":true,"adBlocker":false,"creditDenialReason":null,"test":false}',
		headers: { 'Content-Type': 'application/json', Authorization: demo.DEMO_SECRETS.rankly.authorization },
	}),
	triggerTarget(4, 'Rankly Trigger, bot vote (HMAC)', 'rankly', RANKLY_VOTE),
	triggerTarget(5, 'Boticord Trigger', 'boticord', demo.sampleDelivery('boticord')),
	webhookTarget(6, '(a) Webhook + Header Auth', { headerAuth: true }),
	webhookTarget(7, '(b) Webhook, no auth', { headerAuth: false }),
	webhookTarget(8, '(c) Webhook + Header Auth + Code HMAC', { headerAuth: true, codeCheck: true }),
];
const PEER = { a: TARGETS[5], b: TARGETS[6], c: TARGETS[7] };

function credentials() {
	return [
		{ id: 'bltBenchCredDiffcord', name: 'Bench Diffcord', type: 'diffcordWebhookApi', data: demo.DEMO_SECRETS.diffcord },
		{ id: 'bltBenchCredDiscollab', name: 'Bench Discollab', type: 'discollabWebhookApi', data: demo.DEMO_SECRETS.discollab },
		{ id: 'bltBenchCredRankly', name: 'Bench Rankly', type: 'ranklyWebhookApi', data: demo.DEMO_SECRETS.rankly },
		{ id: 'bltBenchCredBoticord', name: 'Bench Boticord', type: 'boticordWebhookApi', data: demo.DEMO_SECRETS.boticord },
		{ id: 'bltBenchHeaderAuth', name: 'Bench Header Auth', type: 'httpHeaderAuth', data: HEADER_AUTH },
	];
}

/** A long-lived reader of n8n's SQLite database (n8n's own sqlite3 binding, so it runs on n8n's Node). */
function openDatabase(runtime, userFolder) {
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(runtime.dir, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(path.join(userFolder, '.n8n', 'database.sqlite'))}, sqlite3.OPEN_READONLY);
		db.configure('busyTimeout', 5000);
		require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
			const { sql, params } = JSON.parse(line);
			db.all(sql, params, (error, rows) => process.stdout.write(JSON.stringify({ error: error && error.message, rows }) + '\\n'));
		});`;
	const child = spawn(runtime.nodeBin, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
	const pending = [];
	let buffered = '';
	child.stdout.on('data', (chunk) => {
		buffered += chunk;
		let newline;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			const answer = JSON.parse(buffered.slice(0, newline));
			buffered = buffered.slice(newline + 1);
			const { resolve, reject } = pending.shift();
			if (answer.error) reject(new Error(answer.error));
			else resolve(answer.rows);
		}
	});
	return {
		query: (sql, params = []) =>
			new Promise((resolve, reject) => {
				pending.push({ resolve, reject });
				child.stdin.write(`${JSON.stringify({ sql, params })}\n`);
			}),
		close: () => child.kill(),
	};
}

/** Finished executions of a workflow since `sinceMs`, by status, and when the last one stopped. */
async function executionsSince(db, workflowId, sinceMs) {
	const since = new Date(sinceMs - 1000).toISOString().replace('T', ' ').replace('Z', '');
	const rows = await db.query(
		'SELECT status, COUNT(*) AS count, MAX(stoppedAt) AS lastStop FROM execution_entity WHERE workflowId = ? AND createdAt >= ? AND stoppedAt IS NOT NULL GROUP BY status',
		[workflowId, since],
	);
	const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.count]));
	const lastStop = rows.reduce((latest, row) => Math.max(latest, Date.parse(`${row.lastStop.replace(' ', 'T')}Z`)), 0);
	return { byStatus, finished: rows.reduce((sum, row) => sum + row.count, 0), lastStop };
}

/** N deliveries at concurrency C, then waits for their executions to finish. */
async function runOnce(instance, db, target, deliveries) {
	const url = `${instance.baseUrl}/webhook/${target.path}`;
	const latencies = [];
	const statuses = {};
	const start = Date.now();
	await local.pool(Array.from({ length: deliveries }), CONCURRENCY, async () => {
		const t0 = process.hrtime.bigint();
		const answer = await local.post(url, target.delivery);
		latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
		statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	});
	const answeredAt = Date.now();
	if (statuses[200] !== deliveries) throw new Error(`${target.label}: answers ${JSON.stringify(statuses)}, expected ${deliveries} x 200`);
	let executions;
	const deadline = Date.now() + 120_000;
	for (;;) {
		executions = await executionsSince(db, target.workflow.id, start);
		if (executions.finished >= deliveries) break;
		if (Date.now() > deadline) throw new Error(`${target.label}: only ${executions.finished} of ${deliveries} executions finished`);
		await local.sleep(250);
	}
	if (executions.byStatus.success !== deliveries) {
		throw new Error(`${target.label}: executions ${JSON.stringify(executions.byStatus)}, expected ${deliveries} x success`);
	}
	latencies.sort((x, y) => x - y);
	const end = Math.max(answeredAt, executions.lastStop);
	return {
		perSecond: deliveries / ((end - start) / 1000),
		answeredPerSecond: deliveries / ((answeredAt - start) / 1000),
		p50: latencies[Math.floor(latencies.length * 0.5)],
		p95: latencies[Math.floor(latencies.length * 0.95)],
	};
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const fmt = (value) => value.toFixed(1);

/**
 * n8n 2.41 acquires an expression isolate per webhook request for every node but its own Webhook node, and
 * builds a fresh one per acquisition. With lazy acquisition (an n8n setting, off by default) it builds one
 * only when an expression is evaluated. Both are measured: the defaults are what users run.
 */
const CONFIGURATIONS = [
	{ key: 'defaults', name: "n8n's defaults", env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'false' } },
	{ key: 'lazy', name: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
].filter((configuration) => (process.env.BENCH_N8N_CONFIGURATIONS ?? 'defaults,lazy').split(',').includes(configuration.key));

async function main() {
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log });
	const tarball = await local.packProject({ log });
	const folders = [];
	try {
		const startUps = [];
		let coldStart;
		for (const configuration of CONFIGURATIONS) {
			// A fresh n8n folder per configuration: a restarted n8n recovers the previous process's executions.
			const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'botlists-bench-n8n-'));
			folders.push(userFolder);
			await local.prepareInstance({ runtime, tarball, userFolder, credentials: credentials(), workflows: TARGETS.map((t) => t.workflow), log });
			// Benchmark 3 where it matters: the installed pack, n8n's Node, n8n's own n8n-workflow and zod (NODE_PATH).
			coldStart ??= measureColdStart({
				nodeBin: runtime.nodeBin,
				packDir: path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-botlists'),
				env: { ...process.env, NODE_PATH: path.join(runtime.dir, 'node_modules') },
			});
			startUps.push(await measureConfiguration(runtime, userFolder, configuration));
		}
		const nodeVersion = require('node:child_process').execFileSync(runtime.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		const startUpMs = median(startUps);
		console.log(
			`\nCold start in n8n ${N8N_VERSION}'s runtime (Node ${nodeVersion}): require and instantiate the 4 nodes and 4 credentials ` +
				`of the installed pack, ms: median ${coldStart.median.toFixed(1)} [${coldStart.min.toFixed(1)}-${coldStart.max.toFixed(1)}] over ${coldStart.processes} processes; ` +
				`n8n took ${(startUpMs / 1000).toFixed(1)} s from spawn to /healthz, so the pack is ${((coldStart.median / startUpMs) * 100).toFixed(2)} % of its start-up.`,
		);
	} finally {
		local.closeConnections();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (process.env.BENCH_KEEP !== '1') for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
	}
}

/** One n8n process with `configuration`: throughput rounds, then the profile. Returns its start-up in ms. */
async function measureConfiguration(runtime, userFolder, configuration) {
	const inspectPort = await local.freePort();
	const spawnedAt = Date.now();
	const instance = local.startN8n({
		runtime,
		userFolder,
		port: await local.freePort(),
		logFile: path.join(userFolder, 'n8n.log'),
		nodeArgs: PROFILE ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
		env: {
			N8N_RUNNERS_BROKER_PORT: String(await local.freePort()),
			// The Code node of peer (c) needs `crypto`, as a user's instance would allow it.
			NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
			...configuration.env,
		},
	});
	const db = openDatabase(runtime, userFolder);
	try {
		const { healthyAt } = await local.waitForWebhooks(instance, TARGETS.map((t) => t.path), { log });
		const startUpMs = healthyAt - spawnedAt;
		log(`[bench] ${configuration.name}: n8n ${N8N_VERSION} healthy after ${(startUpMs / 1000).toFixed(1)} s; warming up`);
		for (const target of TARGETS) await runOnce(instance, db, target, 20);

		const results = new Map(TARGETS.map((t) => [t, []]));
		for (let round = 0; round < ROUNDS; round++) {
			// Rotate the order each round so that drift and position in the round hit every target alike.
			const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length]);
			for (const target of order) {
				const result = await runOnce(instance, db, target, DELIVERIES);
				results.get(target).push(result);
				log(`[bench] ${configuration.name}, round ${round + 1}/${ROUNDS}, ${target.label}: ${fmt(result.perSecond)} deliveries/s`);
			}
		}
		console.log(`\n### Real n8n ${N8N_VERSION}, ${configuration.name}`);
		if (ROUNDS > 0) printThroughput(results);
		if (PROFILE) await profile(instance, db, inspectPort, runtime);
		return startUpMs;
	} finally {
		db.close();
		await instance.stop();
	}
}

function printThroughput(results) {
	const rate = (target) => median(results.get(target).map((r) => r.perSecond));
	console.log(
		`\nReal n8n ${N8N_VERSION}, regular mode, SQLite: ${DELIVERIES} deliveries at concurrency ${CONCURRENCY} per run, ` +
			`${ROUNDS} rounds in rotating order; a delivery counts once answered 200 and its execution finished.`,
	);
	console.log('| workflow | deliveries/s (median [min-max]) | answered/s | p50 / p95 ms | vs (a) Header Auth | vs (b) no auth | vs (c) Code HMAC |');
	console.log('|---|---|---|---|---|---|---|');
	for (const target of TARGETS) {
		const runs = results.get(target);
		const rates = runs.map((r) => r.perSecond);
		const ratio = (peer) => (target === peer ? '-' : `${(rate(target) / rate(peer)).toFixed(2)}x`);
		console.log(
			`| ${target.label} | ${fmt(median(rates))} [${fmt(Math.min(...rates))}-${fmt(Math.max(...rates))}] | ` +
				`${fmt(median(runs.map((r) => r.answeredPerSecond)))} | ${median(runs.map((r) => r.p50)).toFixed(0)} / ${median(runs.map((r) => r.p95)).toFixed(0)} | ` +
				`${ratio(PEER.a)} | ${ratio(PEER.b)} | ${ratio(PEER.c)} |`,
		);
	}
}

/**
 * CPU profile of n8n's main process while it serves deliveries to one trigger, then to peer (a), through the
 * inspector. The client runs on n8n's Node 24, whose global WebSocket the machine's Node 20 lacks.
 */
async function profile(instance, db, inspectPort, runtime) {
	const client = path.join(__dirname, 'inspector-profile.js');
	const rows = [];
	for (const target of [TARGETS[3], PEER.a]) {
		const out = path.join(os.tmpdir(), `botlists-bench-${process.pid}-${target.workflow.id}.cpuprofile`);
		const profiler = spawn(runtime.nodeBin, [client, String(inspectPort), out], { stdio: ['pipe', 'pipe', 'inherit'] });
		await new Promise((resolve, reject) => {
			profiler.stdout.once('data', resolve);
			profiler.once('exit', (code) => reject(new Error(`profiler exited with ${code}`)));
		});
		const { perSecond } = await runOnce(instance, db, target, DELIVERIES);
		const done = new Promise((resolve) => profiler.once('exit', resolve));
		profiler.stdin.end('stop\n');
		await done;
		rows.push({ target, perSecond, summary: summarizeProfile(JSON.parse(fs.readFileSync(out, 'utf8')), DELIVERIES) });
		if (process.env.BENCH_KEEP === '1') log(`[bench] kept the CPU profile ${out}`);
		else fs.rmSync(out, { force: true });
	}
	const categories = [...new Set(rows.flatMap((row) => row.summary.categories.map((c) => c.name)))];
	console.log(`\nCPU of n8n's main process per delivery (inspector CPU profile, ${DELIVERIES} deliveries each), ms:`);
	console.log(`| where | ${rows.map((row) => row.target.label).join(' | ')} |`);
	console.log(`|---|${rows.map(() => '---').join('|')}|`);
	for (const name of categories) {
		const cell = (row) => (row.summary.categories.find((c) => c.name === name)?.msPerDelivery ?? 0).toFixed(2);
		console.log(`| ${name} | ${rows.map(cell).join(' | ')} |`);
	}
	console.log(`| **total busy** | ${rows.map((row) => `**${row.summary.busyMsPerDelivery.toFixed(2)}**`).join(' | ')} |`);
	for (const row of rows) {
		console.log(`\nHeaviest n8n steps for ${row.target.label} (inclusive ms per delivery):`);
		for (const step of row.summary.steps) console.log(`  ${step.msPerDelivery.toFixed(2).padStart(6)}  ${step.name}`);
	}
	const [trigger, peer] = rows;
	const differences = [...trigger.summary.functions]
		.map(([name, ms]) => [name, ms - (peer.summary.functions.get(name) ?? 0)])
		.sort((x, y) => y[1] - x[1])
		.slice(0, 15);
	console.log(`\nWhere ${trigger.target.label} spends more than ${peer.target.label} (inclusive ms per delivery, difference):`);
	for (const [name, ms] of differences) console.log(`  ${ms.toFixed(2).padStart(6)}  ${name}`);

}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
