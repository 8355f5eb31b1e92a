'use strict';
// Condenses a V8 CPU profile (.cpuprofile) of n8n into milliseconds per delivery: self time by where the code
// lives, and inclusive time of the n8n steps a webhook delivery goes through.

const PACK = /node_modules\/n8n-nodes-botlists\//;

/** First match wins: where a sampled function lives, by its script URL. */
const CATEGORIES = [
	['this pack (n8n-nodes-botlists)', (url) => PACK.test(url)],
	['expression sandbox (isolated-vm, expression runtime)', (url) => /isolated-vm|expression-runtime|expression-sandboxing|\/expression\.js|\/expressions?\//.test(url)],
	['database (SQLite, TypeORM)', (url) => /\/(sqlite3|typeorm|@n8n\/db)\//.test(url)],
	['zod (n8n\'s own uses)', (url) => url.includes('/zod/')],
	['HTTP server (Express and friends)', (url) => /\/(express|body-parser|raw-body|router|iconv-lite|compression|cookie-parser|helmet|on-finished|finalhandler|send|qs)\//.test(url)],
	['n8n (cli, core, workflow)', (url) => /\/(n8n|n8n-core|n8n-workflow|@n8n\/[^/]+)\//.test(url)],
	['Node.js built-ins', (url) => url.startsWith('node:') || url === ''],
	['other dependencies', () => true],
];

/** n8n steps worth naming, by function name (async functions count their synchronous slices only). */
const STEPS = [
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
];

function summarizeProfile(profile, deliveries) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfMicros = new Map();
	for (let index = 0; index < profile.samples.length; index++) {
		const id = profile.samples[index];
		const delta = profile.timeDeltas[index + 1] ?? 0;
		selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
	}

	const categoryMicros = new Map();
	let busyMicros = 0;
	for (const [id, micros] of selfMicros) {
		const { functionName, url } = byId.get(id).callFrame;
		if (functionName === '(idle)') continue;
		busyMicros += micros;
		const name =
			functionName === '(garbage collector)'
				? 'garbage collection'
				: functionName === '(program)'
					? 'V8 and native code (program)'
					: CATEGORIES.find(([, matches]) => matches(url))[0];
		categoryMicros.set(name, (categoryMicros.get(name) ?? 0) + micros);
	}

	// Inclusive time per step: each sample counts once per step on its stack, however deep the recursion.
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stepMicros = new Map();
	for (const [id, micros] of selfMicros) {
		const seen = new Set();
		for (let current = id; current !== undefined; current = parent.get(current)) {
			const { functionName, url } = byId.get(current).callFrame;
			if (!STEPS.includes(functionName)) continue;
			const where = PACK.test(url) ? 'this pack' : (url.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'n8n');
			const key = `${functionName} (${where})`;
			if (seen.has(key)) continue;
			seen.add(key);
			stepMicros.set(key, (stepMicros.get(key) ?? 0) + micros);
		}
	}

	// Inclusive time of every named function of n8n and this pack, to compare two profiles step by step.
	const functionMicros = new Map();
	for (const [id, micros] of selfMicros) {
		const seen = new Set();
		for (let current = id; current !== undefined; current = parent.get(current)) {
			const { functionName, url, lineNumber } = byId.get(current).callFrame;
			const owner = url.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
			if (!functionName || !owner || !/^(n8n|n8n-core|n8n-workflow|n8n-nodes-botlists|@n8n\/.*)$/.test(owner[1])) continue;
			const key = `${functionName} (${owner[1]}/${owner[2].split('/').pop()}:${lineNumber + 1})`;
			if (seen.has(key)) continue;
			seen.add(key);
			functionMicros.set(key, (functionMicros.get(key) ?? 0) + micros);
		}
	}

	const perDelivery = (micros) => micros / 1000 / deliveries;
	return {
		busyMsPerDelivery: perDelivery(busyMicros),
		categories: [...categoryMicros]
			.sort((x, y) => y[1] - x[1])
			.map(([name, micros]) => ({ name, msPerDelivery: perDelivery(micros) })),
		steps: [...stepMicros]
			.sort((x, y) => y[1] - x[1])
			.map(([name, micros]) => ({ name, msPerDelivery: perDelivery(micros) }))
			.filter((step) => step.msPerDelivery >= 0.05),
		functions: new Map([...functionMicros].map(([name, micros]) => [name, perDelivery(micros)])),
	};
}

module.exports = { summarizeProfile };
