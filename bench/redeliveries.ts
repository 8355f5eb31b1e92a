/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
// The redelivery memory of one trigger node (Ignore Redeliveries): what recording an event costs below and at
// its capacity, and the heap it holds when full, with realistic and worst-case event ids. Run with
// `node --expose-gc -r ./scripts/lib/require-ts.js bench/redeliveries.ts` (part of `npm run bench`).
// Prints figures; asserts nothing.
import { randomBytes } from 'node:crypto';
import { LISTS } from '../test/registry';
import { CAPACITY_PER_NODE, RecentEvents } from '../nodes/shared/recentEvents';
import { median } from '../scripts/lib/stats';

const HOUR_MS = 3_600_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

interface KeyShape {
	label: string;
	key(index: number): string;
}

/** Ids as the pipeline makes them: `<list>:<kind>:<id>`, with a 32-digit digest or a list's own id. */
const platform = LISTS[0].platform.name;
const SHAPES: readonly KeyShape[] = [
	{
		label: 'realistic: `<list>:vote:` + 32-digit digest',
		key: (index) => `${platform}:vote:${index.toString(16).padStart(32, '0')}`,
	},
	{
		label: 'longest kept as is: 64 characters',
		key: (index) =>
			`${platform}:vote:${index.toString(16).padStart(64 - platform.length - 6, '0')}`,
	},
	{
		label: 'worst case: a 128-character id (stored as its digest)',
		key: (index) => `${platform}:vote:${index.toString(16).padStart(128, 'f')}`,
	},
	{
		label: 'hostile: a 4,096-character id (stored as its digest)',
		key: (index) => `${platform}:vote:${randomBytes(2048).toString('hex')}${index}`,
	},
];

/** Microseconds per `seenBefore` over `count` new keys, starting from `first`. */
function microsecondsPerInsert(
	recent: RecentEvents,
	shape: KeyShape,
	first: number,
	count: number,
	now: number,
): number {
	const keys = Array.from({ length: count }, (_, index) => shape.key(first + index));
	const started = process.hrtime.bigint();
	for (const key of keys) recent.seenBefore(key, now, HOUR_MS);
	return Number(process.hrtime.bigint() - started) / 1000 / count;
}

function heapUsed(): number {
	global.gc?.();
	global.gc?.();
	return process.memoryUsage().heapUsed;
}

interface Round {
	below: number;
	atCap: number;
	heapMiB: number;
}

/** One fresh set filled to its capacity, then as many keys again. Its own call, so nothing of it outlives it. */
function measureRound(shape: KeyShape): Round {
	const before = heapUsed();
	const recent = new RecentEvents(CAPACITY_PER_NODE);
	const now = Date.now();
	const below = microsecondsPerInsert(recent, shape, 0, CAPACITY_PER_NODE, now);
	const heapMiB = (heapUsed() - before) / 1048576;
	// Full: each new key now evicts the oldest one.
	const atCap = microsecondsPerInsert(recent, shape, CAPACITY_PER_NODE, CAPACITY_PER_NODE, now);
	if (recent.size !== CAPACITY_PER_NODE)
		throw new Error(`expected a full set, found ${recent.size} keys`);
	return { below, atCap, heapMiB };
}

function measure(shape: KeyShape): Round {
	const rounds = Array.from({ length: ROUNDS }, () => measureRound(shape));
	return {
		below: median(rounds.map((round) => round.below)),
		atCap: median(rounds.map((round) => round.atCap)),
		heapMiB: median(rounds.map((round) => round.heapMiB)),
	};
}

function main(): void {
	if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
	console.log(
		`Redelivery memory of one node: ${CAPACITY_PER_NODE.toLocaleString('en-US')} keys, median of ${ROUNDS} rounds, Node ${process.version}`,
	);
	console.log(
		'| event ids | µs per insert below the cap | µs per insert at the cap (evicting) | heap when full, MiB |',
	);
	console.log('|---|---|---|---|');
	for (const shape of SHAPES) {
		const { below, atCap, heapMiB } = measure(shape);
		console.log(
			`| ${shape.label} | ${below.toFixed(2)} | ${atCap.toFixed(2)} | ${heapMiB.toFixed(1)} |`,
		);
	}
}

main();
