/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * In-process benchmark: each list's trigger, as built in dist/, running its real webhook() on the list's
 * documented examples, against a floor measured in the same run on the same bytes (the proof check plus
 * JSON.parse; see lib/floor.ts). The cases are the registry's: every kit's `benchmarks`. Then, with
 * --expose-gc, the heap after every 10,000 deliveries of one case. Prints Markdown; asserts nothing.
 *   npm run build && node --expose-gc -r ./scripts/lib/require-ts.js bench/in-process.ts
 * Settings (environment): BENCH_ROUNDS (5), BENCH_ITERATIONS (20000).
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { cpus } from 'node:os';
import { LISTS } from '../test/registry';
import { sendersOf, type BenchmarkCase, type ListKit } from '../test/shared/kit';
import { percentileOfSorted, median, spread } from '../scripts/lib/stats';
import { builtNode } from './lib/built-node';
import { floorFor, type Floor } from './lib/floor';
import { countSetting } from './lib/settings';
import { asReceived, webhookContext } from './lib/webhook-context';

const ROUNDS = countSetting('BENCH_ROUNDS', 5);
const ITERATIONS = countSetting('BENCH_ITERATIONS', 20_000);
/** The heap is read after a GC every HEAP_BLOCK deliveries, HEAP_BLOCKS times over. */
const HEAP_BLOCK = 10_000;
const HEAP_BLOCKS = 10;

/** One benchmark case, ready to run: the node's webhook() and the floor, each on the same signed delivery. */
interface PreparedCase {
	label: string;
	webhook: () => Promise<IWebhookResponseData>;
	floor: Floor;
}

/** One round of one function: throughput, and latencies in microseconds. */
interface Run {
	perSecond: number;
	p50: number;
	p99: number;
}

/** The example signed under the kit's test secrets, handed to the built node and to the floor alike. */
function prepare(kit: ListKit, benchmark: BenchmarkCase): PreparedCase {
	const document = kit.examples[benchmark.example];
	if (document === undefined)
		throw new Error(
			`${benchmark.label}: ${kit.platform.displayName} has no example "${benchmark.example}"`,
		);
	const send = benchmark.protocol === undefined ? undefined : sendersOf(kit)[benchmark.protocol];
	if (benchmark.protocol !== undefined && send === undefined)
		throw new Error(
			`${benchmark.label}: ${kit.platform.displayName} has no protocol "${benchmark.protocol}"`,
		);
	const wire = send
		? send(document, kit.credentials)
		: { headers: kit.sign(document, kit.credentials), body: document };
	const rawBody = Buffer.from(wire.body);
	const headers = asReceived(wire.headers);
	const context: IWebhookFunctions = webhookContext({
		name: benchmark.label,
		rawBody,
		headers,
		credentials: kit.credentials,
	});
	const node = new (builtNode(kit))();
	const webhook = node.webhook;
	if (webhook === undefined) throw new Error(`${kit.Node.name} has no webhook()`);
	return {
		label: benchmark.label,
		webhook: () => webhook.call(context),
		floor: floorFor(benchmark.proof, kit.credentials, headers, rawBody),
	};
}

/** Calls `fn` `iterations` times in a row, awaiting each call as n8n awaits webhook(). */
async function measure(fn: () => unknown, iterations: number): Promise<Run> {
	const latencies = new Float64Array(iterations);
	const start = process.hrtime.bigint();
	for (let index = 0; index < iterations; index++) {
		const t0 = process.hrtime.bigint();
		await fn();
		latencies[index] = Number(process.hrtime.bigint() - t0) / 1000;
	}
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	latencies.sort();
	return {
		perSecond: iterations / seconds,
		p50: percentileOfSorted(latencies, 0.5),
		p99: percentileOfSorted(latencies, 0.99),
	};
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const micros = (runs: readonly Run[]) =>
	`${median(runs.map((r) => r.p50)).toFixed(1)} / ${median(runs.map((r) => r.p99)).toFixed(1)}`;

/** Rounds of the node and the floor, alternating so that machine drift hits both alike; one table row. */
async function benchmarkRow(prepared: PreparedCase): Promise<string> {
	const first = await prepared.webhook();
	if (!first.workflowData)
		throw new Error(`${prepared.label}: the node did not emit (${JSON.stringify(first)})`);
	const nodeRuns: Run[] = [];
	const floorRuns: Run[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		nodeRuns.push(await measure(prepared.webhook, ITERATIONS));
		floorRuns.push(await measure(prepared.floor, ITERATIONS));
	}
	const node = spread(nodeRuns.map((run) => run.perSecond));
	const floor = median(floorRuns.map((run) => run.perSecond));
	return (
		`| ${prepared.label} | ${count(node.median)} [${count(node.min)}-${count(node.max)}] | ${micros(nodeRuns)} | ` +
		`${count(floor)} | ${micros(floorRuns)} | ${(floor / node.median).toFixed(2)}x |`
	);
}

/**
 * The case the heap is watched on: the first proven by an HMAC, whose deliveries go through the most of the
 * pipeline (signature, family, schema, derived event id); the first case when no list signs.
 */
function heapCase(): { kit: ListKit; benchmark: BenchmarkCase } {
	const cases = LISTS.flatMap((kit) => kit.benchmarks.map((benchmark) => ({ kit, benchmark })));
	const chosen =
		cases.find(({ benchmark }) => benchmark.proof.kind === 'hmac-sha256-hex') ?? cases[0];
	if (chosen === undefined) throw new Error('the registry has no benchmark case');
	return chosen;
}

/** Heap used after a GC, before the first block and after each block of deliveries. */
async function heapGrowth(gc: () => void, prepared: PreparedCase): Promise<number[]> {
	const heap: number[] = [];
	for (let block = 0; block <= HEAP_BLOCKS; block++) {
		gc();
		heap.push(process.memoryUsage().heapUsed);
		if (block < HEAP_BLOCKS)
			for (let index = 0; index < HEAP_BLOCK; index++) await prepared.webhook();
	}
	return heap;
}

async function printHeap(gc: () => void): Promise<void> {
	const { kit, benchmark } = heapCase();
	const heap = await heapGrowth(gc, prepare(kit, benchmark));
	const mb = (bytes: number) => (bytes / 1048576).toFixed(2);
	console.log(
		`\nHeap after GC every ${count(HEAP_BLOCK)} deliveries of ${benchmark.label} (${count(HEAP_BLOCK * HEAP_BLOCKS)} in all), MB: ${heap.map(mb).join(', ')}`,
	);
	// From the end of the first block: the first one fills caches that are meant to stay.
	console.log(
		`Growth from ${count(HEAP_BLOCK)} to ${count(HEAP_BLOCK * HEAP_BLOCKS)} deliveries: ${((heap[HEAP_BLOCKS] - heap[1]) / 1024).toFixed(0)} KiB`,
	);
}

async function main(): Promise<void> {
	const cases = LISTS.flatMap((kit) => kit.benchmarks.map((benchmark) => prepare(kit, benchmark)));
	console.log(
		`In-process webhook() vs floor: ${ROUNDS} rounds x ${ITERATIONS} deliveries, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`,
	);
	console.log(
		'| delivery | node req/s (median [min-max]) | node p50 / p99 µs | floor req/s | floor p50 / p99 µs | node/floor cost |',
	);
	console.log('|---|---|---|---|---|---|');
	for (const prepared of cases) console.log(await benchmarkRow(prepared));

	const gc = globalThis.gc;
	if (gc === undefined) console.error('\n[bench] no heap figures: run Node.js with --expose-gc');
	else await printHeap(gc);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
