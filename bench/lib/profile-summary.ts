/*
 * Condenses a V8 CPU profile (.cpuprofile) of n8n into milliseconds per delivery: self time by where the code
 * lives, inclusive time of the n8n steps a webhook delivery goes through, and inclusive time of every named
 * function of n8n and this pack, so that two profiles compare step by step.
 */

/** A V8 CPU profile, as the inspector's Profiler.stop returns it (only what is read here). */
export interface CpuProfile {
	nodes: CpuProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface CpuProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

export interface Share {
	name: string;
	msPerDelivery: number;
}

export interface ProfileSummary {
	busyMsPerDelivery: number;
	/** Self time by where the code lives, largest first. */
	categories: Share[];
	/** Inclusive time of the named n8n steps, largest first, those of 0.05 ms or more. */
	steps: Share[];
	/** Inclusive time by `function (package/file:line)`, for n8n's packages and this pack. */
	functions: Map<string, number>;
}

const PACK = /node_modules\/n8n-nodes-botlists\//;

/** First match wins: where a sampled function lives, by its script URL. */
const CATEGORIES: ReadonlyArray<readonly [string, (url: string) => boolean]> = [
	['this pack (n8n-nodes-botlists)', (url) => PACK.test(url)],
	[
		'expression sandbox (isolated-vm, expression runtime)',
		(url) =>
			/isolated-vm|expression-runtime|expression-sandboxing|\/expression\.js|\/expressions?\//.test(
				url,
			),
	],
	['database (SQLite, TypeORM)', (url) => /\/(sqlite3|typeorm|@n8n\/db)\//.test(url)],
	["zod (n8n's own uses)", (url) => url.includes('/zod/')],
	[
		'HTTP server (Express and friends)',
		(url) =>
			/\/(express|body-parser|raw-body|router|iconv-lite|compression|cookie-parser|helmet|on-finished|finalhandler|send|qs)\//.test(
				url,
			),
	],
	['n8n (cli, core, workflow)', (url) => /\/(n8n|n8n-core|n8n-workflow|@n8n\/[^/]+)\//.test(url)],
	['Node.js built-ins', (url) => url.startsWith('node:') || url === ''],
];
const OTHER = 'other dependencies';

/** n8n steps worth naming, by function name (async functions count their synchronous slices only). */
const STEPS: ReadonlySet<string> = new Set([
	'executeWebhook',
	'acquireIsolate',
	'releaseIsolate',
	'getNodeWebhooks',
	'parseRequestBody',
	'getSimpleParameterValue',
	'getNodeParameter',
	'getCredentials',
	'getDecrypted',
	'runWebhook',
	'webhook',
	'handleDelivery',
	'saveStaticData',
	'runWorkflow',
	'processRunExecutionData',
	'save',
	'update',
]);

/** The packages whose functions are compared one by one. */
const COMPARED_OWNER = /^(n8n|n8n-core|n8n-workflow|n8n-nodes-botlists|@n8n\/.*)$/;

/** The profile's call tree, walkable from a sampled node up to the root. */
class CallTree {
	private readonly byId: Map<number, CpuProfileNode>;
	private readonly parent = new Map<number, number>();

	constructor(profile: CpuProfile) {
		this.byId = new Map(profile.nodes.map((node) => [node.id, node]));
		for (const node of profile.nodes)
			for (const child of node.children ?? []) this.parent.set(child, node.id);
	}

	frame(id: number): CpuProfileNode['callFrame'] {
		const node = this.byId.get(id);
		if (node === undefined)
			throw new Error(`the CPU profile samples node ${id}, which it does not contain`);
		return node.callFrame;
	}

	/** The frames from `id` up to the root. */
	*stack(id: number): Generator<CpuProfileNode['callFrame']> {
		for (
			let current: number | undefined = id;
			current !== undefined;
			current = this.parent.get(current)
		)
			yield this.frame(current);
	}
}

const add = (totals: Map<string, number>, key: string, micros: number) =>
	totals.set(key, (totals.get(key) ?? 0) + micros);

/** Microseconds of self time per sampled node: each sample holds until the next one. */
function selfTimes(profile: CpuProfile): Map<number, number> {
	const micros = new Map<number, number>();
	profile.samples.forEach((id, index) =>
		micros.set(id, (micros.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0)),
	);
	return micros;
}

function categoryOf({ functionName, url }: CpuProfileNode['callFrame']): string {
	if (functionName === '(garbage collector)') return 'garbage collection';
	if (functionName === '(program)') return 'V8 and native code (program)';
	return CATEGORIES.find(([, matches]) => matches(url))?.[0] ?? OTHER;
}

/**
 * Inclusive time by `keyOf(frame)` (undefined: not counted): each sample counts once per key on its stack,
 * however deep the recursion.
 */
function inclusiveTimes(
	tree: CallTree,
	self: Map<number, number>,
	keyOf: (frame: CpuProfileNode['callFrame']) => string | undefined,
): Map<string, number> {
	const totals = new Map<string, number>();
	for (const [id, micros] of self) {
		const seen = new Set<string>();
		for (const frame of tree.stack(id)) {
			const key = keyOf(frame);
			if (key === undefined || seen.has(key)) continue;
			seen.add(key);
			add(totals, key, micros);
		}
	}
	return totals;
}

/** `step (package)` for the named n8n steps. */
function stepKey({ functionName, url }: CpuProfileNode['callFrame']): string | undefined {
	if (!STEPS.has(functionName)) return undefined;
	const where = PACK.test(url)
		? 'this pack'
		: (url.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'n8n');
	return `${functionName} (${where})`;
}

/** `function (package/file:line)` for the named functions of n8n's packages and this pack. */
function functionKey({
	functionName,
	url,
	lineNumber,
}: CpuProfileNode['callFrame']): string | undefined {
	const owner = url.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
	if (!functionName || !owner || !COMPARED_OWNER.test(owner[1])) return undefined;
	return `${functionName} (${owner[1]}/${owner[2].split('/').pop()}:${lineNumber + 1})`;
}

const largestFirst = (
	totals: Map<string, number>,
	perDelivery: (micros: number) => number,
): Share[] =>
	[...totals]
		.sort((x, y) => y[1] - x[1])
		.map(([name, micros]) => ({ name, msPerDelivery: perDelivery(micros) }));

export function summarizeProfile(profile: CpuProfile, deliveries: number): ProfileSummary {
	const tree = new CallTree(profile);
	const self = selfTimes(profile);
	const perDelivery = (micros: number) => micros / 1000 / deliveries;

	const categoryMicros = new Map<string, number>();
	let busyMicros = 0;
	for (const [id, micros] of self) {
		const frame = tree.frame(id);
		if (frame.functionName === '(idle)') continue;
		busyMicros += micros;
		add(categoryMicros, categoryOf(frame), micros);
	}
	// Idle samples sit at the root, under no step or function: counting them does not change these totals.
	const functions = inclusiveTimes(tree, self, functionKey);
	return {
		busyMsPerDelivery: perDelivery(busyMicros),
		categories: largestFirst(categoryMicros, perDelivery),
		steps: largestFirst(inclusiveTimes(tree, self, stepKey), perDelivery).filter(
			(step) => step.msPerDelivery >= 0.05,
		),
		functions: new Map([...functions].map(([name, micros]) => [name, perDelivery(micros)])),
	};
}
