/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * Benchmark 2: each list's trigger inside a real n8n 2.41 (the end-to-end runtime), side by side with n8n's own
 * Webhook node (a) with Header Auth, (b) with no authentication, (c) with Header Auth followed by a Code node
 * that checks an HMAC over the raw body (lib/targets.ts says which workflows and deliveries). Runs alternate
 * round by round; prints throughputs and ratios, then (unless BENCH_PROFILE=0) a CPU profile of n8n's process
 * per request for the HMAC-signed trigger delivery and peer (a), and benchmark 3, the pack's cold start.
 *   node -r ./scripts/lib/require-ts.js bench/real-n8n.ts
 *
 * Throughput counts a delivery once n8n has answered it AND finished its execution (read from n8n's own
 * database), so that work n8n defers past the answer is not left out.
 *
 * Settings (environment): BENCH_N8N_DELIVERIES (200), BENCH_N8N_CONCURRENCY (8), BENCH_N8N_ROUNDS (3; 0 skips
 * the throughput table), BENCH_N8N_CONFIGURATIONS (defaults,lazy), BENCH_PROFILE=0 (no profile),
 * BENCH_KEEP=1 (keep n8n's folder and the profiles).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
	closeConnections,
	ensureRuntime,
	freePort,
	packProject,
	pool,
	post,
	prepareInstance,
	ROOT,
	sleep,
	startN8n,
	waitForWebhooks,
	type N8nInstance,
} from '../scripts/lib/n8n-local';
import type { Runtime } from '../scripts/lib/runtime';
import {
	executionsSince,
	openDatabase,
	type Database,
	type ExecutionsSince,
} from '../scripts/lib/sqlite';
import { median, percentiles, spread } from '../scripts/lib/stats';
import { measureColdStart, type ColdStart } from './lib/cold-start';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './lib/profile-summary';
import { countSetting, settingIs } from './lib/settings';
import { benchCredentials, benchTargets, type Target, type Targets } from './lib/targets';

const N8N_VERSION = '2.41.0';
const DELIVERIES = countSetting('BENCH_N8N_DELIVERIES', 200);
const CONCURRENCY = countSetting('BENCH_N8N_CONCURRENCY', 8);
const ROUNDS = countSetting('BENCH_N8N_ROUNDS', 3);
const PROFILE = !settingIs('BENCH_PROFILE', '0');
const KEEP = settingIs('BENCH_KEEP', '1');
/** Deliveries per target before the rounds: n8n compiles and caches on first use. */
const WARM_UP_DELIVERIES = 20;
/** How long the executions of a run may take to finish after the last answer. */
const EXECUTIONS_DEADLINE_MS = 120_000;
const REQUIRE_TS = join(ROOT, 'scripts', 'lib', 'require-ts.js');
const INSPECTOR_CLIENT = join(__dirname, 'lib', 'inspector-profile.ts');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** One run of one target: throughput once executions finished, once answered, and answer latencies in ms. */
interface RunResult {
	perSecond: number;
	answeredPerSecond: number;
	p50: number;
	p95: number;
}

interface Configuration {
	key: string;
	name: string;
	env: Readonly<Record<string, string>>;
}

/**
 * n8n 2.41 acquires an expression isolate per webhook request for every node but its own Webhook node, and
 * builds a fresh one per acquisition. With lazy acquisition (an n8n setting, off by default) it builds one
 * only when an expression is evaluated. Both are measured: the defaults are what users run.
 */
const CONFIGURATIONS: readonly Configuration[] = [
	{ key: 'defaults', name: "n8n's defaults", env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'false' } },
	{
		key: 'lazy',
		name: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
].filter((configuration) =>
	(process.env.BENCH_N8N_CONFIGURATIONS || 'defaults,lazy').split(',').includes(configuration.key),
);

const fmt = (value: number) => value.toFixed(1);

/** Polls n8n's database until the run's `deliveries` executions have finished; throws past the deadline. */
async function finishedExecutions(
	db: Database,
	target: Target,
	since: number,
	deliveries: number,
): Promise<ExecutionsSince> {
	const deadline = Date.now() + EXECUTIONS_DEADLINE_MS;
	for (;;) {
		const executions = await executionsSince(db, target.workflow.id, since);
		if (executions.finished >= deliveries) return executions;
		if (Date.now() > deadline)
			throw new Error(
				`${target.label}: only ${executions.finished} of ${deliveries} executions finished`,
			);
		await sleep(250);
	}
}

/** N deliveries at concurrency C, then waits for their executions to finish; every answer and execution must succeed. */
async function runOnce(
	instance: N8nInstance,
	db: Database,
	target: Target,
	deliveries: number,
): Promise<RunResult> {
	const url = `${instance.baseUrl}/webhook/${target.path}`;
	const latencies: number[] = [];
	const statuses: Record<number, number> = {};
	const start = Date.now();
	await pool(Array.from({ length: deliveries }), CONCURRENCY, async () => {
		const t0 = process.hrtime.bigint();
		const answer = await post(url, target.delivery);
		latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
		statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
	});
	const answeredAt = Date.now();
	if (statuses[200] !== deliveries)
		throw new Error(
			`${target.label}: answers ${JSON.stringify(statuses)}, expected ${deliveries} x 200`,
		);
	const executions = await finishedExecutions(db, target, start, deliveries);
	if (executions.byStatus.success !== deliveries) {
		throw new Error(
			`${target.label}: executions ${JSON.stringify(executions.byStatus)}, expected ${deliveries} x success`,
		);
	}
	const [p50, p95] = percentiles(latencies, [0.5, 0.95]);
	const end = Math.max(answeredAt, executions.lastStop);
	return {
		perSecond: deliveries / ((end - start) / 1000),
		answeredPerSecond: deliveries / ((answeredAt - start) / 1000),
		p50,
		p95,
	};
}

/** ROUNDS rounds over every target, the order rotated each round so that drift and position hit every target alike. */
async function throughputRounds(
	instance: N8nInstance,
	db: Database,
	targets: Targets,
	configuration: Configuration,
): Promise<Map<Target, RunResult[]>> {
	const results = new Map<Target, RunResult[]>(targets.all.map((target) => [target, []]));
	for (let round = 0; round < ROUNDS; round++) {
		const order = targets.all.map((_, i) => targets.all[(i + round) % targets.all.length]);
		for (const target of order) {
			const result = await runOnce(instance, db, target, DELIVERIES);
			results.get(target)?.push(result);
			log(
				`[bench] ${configuration.name}, round ${round + 1}/${ROUNDS}, ${target.label}: ${fmt(result.perSecond)} deliveries/s`,
			);
		}
	}
	return results;
}

function printThroughput(targets: Targets, results: Map<Target, RunResult[]>): void {
	const runsOf = (target: Target) => results.get(target) ?? [];
	const rate = (target: Target) => median(runsOf(target).map((r) => r.perSecond));
	const ratio = (target: Target, peer: Target) =>
		target === peer ? '-' : `${(rate(target) / rate(peer)).toFixed(2)}x`;
	console.log(
		`\nReal n8n ${N8N_VERSION}, regular mode, SQLite: ${DELIVERIES} deliveries at concurrency ${CONCURRENCY} per run, ` +
			`${ROUNDS} rounds in rotating order; a delivery counts once answered 200 and its execution finished.`,
	);
	console.log(
		'| workflow | deliveries/s (median [min-max]) | answered/s | p50 / p95 ms | vs (a) Header Auth | vs (b) no auth | vs (c) Code HMAC |',
	);
	console.log('|---|---|---|---|---|---|---|');
	const { a, b, c } = targets.peers;
	for (const target of targets.all) {
		const runs = runsOf(target);
		const rates = spread(runs.map((r) => r.perSecond));
		console.log(
			`| ${target.label} | ${fmt(rates.median)} [${fmt(rates.min)}-${fmt(rates.max)}] | ` +
				`${fmt(median(runs.map((r) => r.answeredPerSecond)))} | ${median(runs.map((r) => r.p50)).toFixed(0)} / ${median(runs.map((r) => r.p95)).toFixed(0)} | ` +
				`${ratio(target, a)} | ${ratio(target, b)} | ${ratio(target, c)} |`,
		);
	}
}

/** A profiled run of one target. */
interface ProfileRow {
	target: Target;
	summary: ProfileSummary;
}

/** Resolves once the child has printed its first output; rejects if it exits before. */
function firstOutput(child: ReturnType<typeof spawn>): Promise<void> {
	return new Promise((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', (code) => reject(new Error(`the profiler exited with ${code}`)));
	});
}

/**
 * CPU profile of n8n's main process while it serves DELIVERIES deliveries to `target`, through the inspector.
 * The client runs on n8n's Node 24, whose global WebSocket the machine's Node 20 lacks.
 */
async function profileRun(
	instance: N8nInstance,
	db: Database,
	inspectPort: number,
	runtime: Runtime,
	target: Target,
): Promise<ProfileRow> {
	const out = join(tmpdir(), `botlists-bench-${process.pid}-${target.workflow.id}.cpuprofile`);
	const profiler = spawn(
		runtime.nodeBin,
		['-r', REQUIRE_TS, INSPECTOR_CLIENT, String(inspectPort), out],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	await firstOutput(profiler);
	await runOnce(instance, db, target, DELIVERIES);
	const done = new Promise((resolve) => profiler.once('exit', resolve));
	profiler.stdin.end('stop\n');
	await done;
	const profile = JSON.parse(readFileSync(out, 'utf8')) as CpuProfile; // what V8's Profiler.stop returned
	if (KEEP) log(`[bench] kept the CPU profile ${out}`);
	else rmSync(out, { force: true });
	return { target, summary: summarizeProfile(profile, DELIVERIES) };
}

function printProfiles(rows: readonly ProfileRow[]): void {
	const categories = [
		...new Set(rows.flatMap((row) => row.summary.categories.map((category) => category.name))),
	];
	console.log(
		`\nCPU of n8n's main process per delivery (inspector CPU profile, ${DELIVERIES} deliveries each), ms:`,
	);
	console.log(`| where | ${rows.map((row) => row.target.label).join(' | ')} |`);
	console.log(`|---|${rows.map(() => '---').join('|')}|`);
	for (const name of categories) {
		const cell = (row: ProfileRow) =>
			(
				row.summary.categories.find((category) => category.name === name)?.msPerDelivery ?? 0
			).toFixed(2);
		console.log(`| ${name} | ${rows.map(cell).join(' | ')} |`);
	}
	console.log(
		`| **total busy** | ${rows.map((row) => `**${row.summary.busyMsPerDelivery.toFixed(2)}**`).join(' | ')} |`,
	);
	for (const row of rows) {
		console.log(`\nHeaviest n8n steps for ${row.target.label} (inclusive ms per delivery):`);
		for (const step of row.summary.steps)
			console.log(`  ${step.msPerDelivery.toFixed(2).padStart(6)}  ${step.name}`);
	}
}

/** The functions where the first profiled target spends the most beyond the second, step by step. */
function printDifferences([trigger, peer]: readonly [ProfileRow, ProfileRow]): void {
	const differences = [...trigger.summary.functions]
		.map(([name, ms]): [string, number] => [name, ms - (peer.summary.functions.get(name) ?? 0)])
		.sort((x, y) => y[1] - x[1])
		.slice(0, 15);
	console.log(
		`\nWhere ${trigger.target.label} spends more than ${peer.target.label} (inclusive ms per delivery, difference):`,
	);
	for (const [name, ms] of differences) console.log(`  ${ms.toFixed(2).padStart(6)}  ${name}`);
}

/** Profiles the reference trigger delivery, then peer (a) on the same bytes, and prints both. */
async function profile(
	instance: N8nInstance,
	db: Database,
	inspectPort: number,
	runtime: Runtime,
	targets: Targets,
): Promise<void> {
	const trigger = await profileRun(instance, db, inspectPort, runtime, targets.reference);
	const peer = await profileRun(instance, db, inspectPort, runtime, targets.peers.a);
	printProfiles([trigger, peer]);
	printDifferences([trigger, peer]);
}

/** One n8n process with `configuration`: throughput rounds, then the profile. Returns its start-up in ms. */
async function measureConfiguration(
	runtime: Runtime,
	userFolder: string,
	targets: Targets,
	configuration: Configuration,
): Promise<number> {
	const inspectPort = await freePort();
	const spawnedAt = Date.now();
	const instance = startN8n({
		runtime,
		userFolder,
		port: await freePort(),
		logFile: join(userFolder, 'n8n.log'),
		nodeArgs: PROFILE ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
		env: {
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			// The Code node of peer (c) needs `crypto`, as a user's instance would allow it.
			NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
			...configuration.env,
		},
	});
	const db = openDatabase(runtime, userFolder);
	try {
		const { healthyAt } = await waitForWebhooks(
			instance,
			targets.all.map((target) => target.path),
			{ log },
		);
		const startUpMs = healthyAt - spawnedAt;
		log(
			`[bench] ${configuration.name}: n8n ${N8N_VERSION} healthy after ${(startUpMs / 1000).toFixed(1)} s; warming up`,
		);
		for (const target of targets.all) await runOnce(instance, db, target, WARM_UP_DELIVERIES);
		const results = await throughputRounds(instance, db, targets, configuration);
		console.log(`\n### Real n8n ${N8N_VERSION}, ${configuration.name}`);
		if (ROUNDS > 0) printThroughput(targets, results);
		if (PROFILE) await profile(instance, db, inspectPort, runtime, targets);
		return startUpMs;
	} finally {
		db.close();
		await instance.stop();
	}
}

function printColdStart(runtime: Runtime, coldStart: ColdStart, startUps: readonly number[]): void {
	const nodeVersion = execFileSync(runtime.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	const startUpMs = median(startUps);
	console.log(
		`\nCold start in n8n ${N8N_VERSION}'s runtime (Node ${nodeVersion}): require and instantiate the ${coldStart.nodes} nodes and ${coldStart.credentials} credentials ` +
			`of the installed pack, ms: median ${coldStart.median.toFixed(1)} [${coldStart.min.toFixed(1)}-${coldStart.max.toFixed(1)}] over ${coldStart.processes} processes; ` +
			`n8n took ${(startUpMs / 1000).toFixed(1)} s from spawn to /healthz, so the pack is ${((coldStart.median / startUpMs) * 100).toFixed(2)} % of its start-up.`,
	);
}

async function main(): Promise<void> {
	if (CONFIGURATIONS.length === 0)
		throw new Error(
			`BENCH_N8N_CONFIGURATIONS=${process.env.BENCH_N8N_CONFIGURATIONS}: expected defaults, lazy or both`,
		);
	const runtime = await ensureRuntime({ n8nVersion: N8N_VERSION, log });
	const tarball = await packProject({ log });
	// After packProject: the targets read each trigger's description from the dist/ it has just built.
	const targets = benchTargets();
	const folders: string[] = [];
	try {
		const startUps: number[] = [];
		let coldStart: ColdStart | undefined;
		for (const configuration of CONFIGURATIONS) {
			// A fresh n8n folder per configuration: a restarted n8n recovers the previous process's executions.
			const userFolder = mkdtempSync(join(tmpdir(), 'botlists-bench-n8n-'));
			folders.push(userFolder);
			await prepareInstance({
				runtime,
				tarball,
				userFolder,
				credentials: benchCredentials(),
				workflows: targets.all.map((target) => target.workflow),
				log,
			});
			// Benchmark 3 where it matters: the installed pack, n8n's Node, n8n's own n8n-workflow and zod (NODE_PATH).
			coldStart ??= measureColdStart({
				nodeBin: runtime.nodeBin,
				packDir: join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-botlists'),
				env: { ...process.env, NODE_PATH: join(runtime.dir, 'node_modules') },
			});
			startUps.push(await measureConfiguration(runtime, userFolder, targets, configuration));
		}
		if (coldStart !== undefined) printColdStart(runtime, coldStart, startUps);
	} finally {
		closeConnections();
		rmSync(dirname(tarball), { recursive: true, force: true });
		if (!KEEP) for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
