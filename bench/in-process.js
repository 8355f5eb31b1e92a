'use strict';
// In-process benchmark: each trigger's real webhook() on realistic payloads, against a floor measured in
// the same run on the same bytes (JSON.parse + one HMAC-SHA256, or + one constant-time compare).
// Run with `npm run bench` (builds first). Prints figures; asserts nothing.
const crypto = require('node:crypto');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist', 'nodes');
const { DiffcordTrigger } = require(path.join(dist, 'Diffcord', 'DiffcordTrigger.node.js'));
const { DiscollabTrigger } = require(path.join(dist, 'Discollab', 'DiscollabTrigger.node.js'));
const { RanklyTrigger } = require(path.join(dist, 'Rankly', 'RanklyTrigger.node.js'));
const { BoticordTrigger } = require(path.join(dist, 'Boticord', 'BoticordTrigger.node.js'));

const hmac = (secret, body) => crypto.createHmac('sha256', secret).update(body).digest('hex');
const RANKLY = { authorization: 'Bearer rk-auth-3f9c2a', voteSecret: 'rk-vote-9b1e44d0', premiumSecret: 'rk-premium-77ac01' };

const CASES = [
	{
		name: 'Diffcord vote',
		node: new DiffcordTrigger(),
		credentials: { verificationCode: 'dfc-verification-5a1b' },
		body: '{"vote_id":"7019eeaa-a25a-446e-9122-dccf540e2405","user_id":"129743267142362715","bot_id":"7231198106540828102","since_vote":2.9213,"rewarded":false,"test":false,"monthly_votes":12}',
		headers: () => ({ authorization: 'dfc-verification-5a1b' }),
		floor: 'token',
	},
	{
		name: 'Discollab vote',
		node: new DiscollabTrigger(),
		credentials: { token: 'dcl-token-81f0' },
		body: '{"guild_id":"123456789012345678","user_id":"987654321098765432","username":"exampleuser","voted_on":1764064800,"voted_on_iso":"2025-11-25T10:00:00.000Z","vote_again":43200,"times_voted":7,"is_test":false}',
		headers: () => ({ authorization: 'Bearer dcl-token-81f0' }),
		floor: 'token',
	},
	{
		name: 'Rankly server vote',
		node: new RanklyTrigger(),
		credentials: RANKLY,
		body: '{"userId":"987654321098765432","serverId":"123456789012345678","timestamp":"2025-11-25T10:00:00.000Z","creditsAwarded":true,"adBlocker":false,"creditDenialReason":null,"test":false}',
		headers: () => ({ authorization: RANKLY.authorization }),
		floor: 'token',
	},
	{
		name: 'Rankly bot vote (HMAC)',
		node: new RanklyTrigger(),
		credentials: RANKLY,
		body: '{"event":"bot_vote","timestamp":"2025-11-25T10:00:00.000Z","voter":{"userId":"987654321098765432","username":"exampleuser"},"bot":{"id":"1234567890123456789","name":"Your Bot Name"},"creditsAwarded":true,"adBlocker":false,"creditDenialReason":null}',
		headers: (body) => ({ 'x-webhook-signature': hmac(RANKLY.voteSecret, body) }),
		floor: 'hmac',
		floorSecret: RANKLY.voteSecret,
	},
	{
		name: 'Rankly premium (HMAC)',
		node: new RanklyTrigger(),
		credentials: RANKLY,
		body: '{"event":"premium_purchase","purchaseId":"682f4d8e8c4a93b75ad69f90","orderId":"682f4d8e8c4a93b75ad69f90","timestamp":"2026-05-24T12:00:00.000Z","buyer":{"userId":"123456789012345678","username":"Skyline"},"recipient":null,"isGift":false,"giftedBy":null,"tier":{"id":"server-pro-monthly","name":"Server Pro Monthly","duration":"monthly","planType":"server"},"serverId":"987654321098765432","targetType":"server","targetName":"Rankly Community"}',
		headers: (body) => ({ 'x-webhook-signature': hmac(RANKLY.premiumSecret, body) }),
		floor: 'hmac',
		floorSecret: RANKLY.premiumSecret,
	},
	{
		name: 'Boticord comment (legacy)',
		node: new BoticordTrigger(),
		credentials: { hookKey: 'btc-hook-key-0c3d' },
		body: '{"type":"edit_bot_comment","data":{"user":"178404926869733376","comment":{"vote":{"old":-1,"new":1},"old":"Плохой бот!","new":"Лучший бот среди всех ботов и времён!"},"at":1631789378024}}',
		headers: () => ({ 'x-hook-key': 'btc-hook-key-0c3d' }),
		floor: 'token',
	},
	{
		name: 'Boticord up (v3)',
		node: new BoticordTrigger(),
		credentials: { hookKey: 'btc-hook-key-0c3d' },
		body: '{"event":"notify","data":{"type":"up_added","payload":{"upCount":43},"id":"1234567890123456789","user":"178404926869733376","happened":1700000100000}}',
		headers: () => ({ 'x-hook-key': 'btc-hook-key-0c3d' }),
		floor: 'token',
	},
];

/** A context shaped like n8n's IWebhookFunctions, as light as possible so it costs little next to the node. */
function contextFor(testCase, rawBody, headers) {
	const response = { status: () => response, json: () => response };
	const request = { headers: { 'content-type': 'application/json', ...headers }, rawBody, ip: '127.0.0.1' };
	const node = { id: 'bench', name: testCase.name };
	return {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getCredentials: async () => testCase.credentials,
		getNodeParameter: () => ({}),
		getNode: () => node,
		getWorkflow: () => ({ id: 'bench' }),
		logger: { debug() {}, warn() {} },
	};
}

function digestCompare(a, b) {
	const da = crypto.createHash('sha256').update(a, 'utf16le').digest();
	const db = crypto.createHash('sha256').update(b, 'utf16le').digest();
	return crypto.timingSafeEqual(da, db);
}

function floorFor(testCase, rawBody, headers) {
	if (testCase.floor === 'hmac') {
		const signature = Buffer.from(headers['x-webhook-signature'], 'hex');
		return () => {
			const expected = crypto.createHmac('sha256', testCase.floorSecret).update(rawBody).digest();
			const ok = crypto.timingSafeEqual(expected, signature);
			return ok && JSON.parse(rawBody.toString('utf8'));
		};
	}
	const [received] = Object.values(headers);
	const secret = Object.values(testCase.credentials)[0];
	return () => digestCompare(received, secret) && JSON.parse(rawBody.toString('utf8'));
}

async function measure(fn, iterations) {
	const latencies = new Float64Array(iterations);
	const start = process.hrtime.bigint();
	for (let index = 0; index < iterations; index++) {
		const t0 = process.hrtime.bigint();
		await fn();
		latencies[index] = Number(process.hrtime.bigint() - t0) / 1000;
	}
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	latencies.sort();
	return { perSecond: iterations / seconds, p50: latencies[Math.floor(iterations * 0.5)], p99: latencies[Math.floor(iterations * 0.99)] };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const rounds = Number(process.env.BENCH_ROUNDS || 5);
	const iterations = Number(process.env.BENCH_ITERATIONS || 20000);
	console.log(`In-process webhook() vs floor: ${rounds} rounds x ${iterations} deliveries, Node ${process.version}, ${require('node:os').cpus()[0].model}`);
	console.log('| delivery | node req/s (median [min-max]) | node p50 / p99 µs | floor req/s | floor p50 / p99 µs | node/floor cost |');
	console.log('|---|---|---|---|---|---|');
	for (const testCase of CASES) {
		const rawBody = Buffer.from(testCase.body);
		const headers = testCase.headers(testCase.body);
		const context = contextFor(testCase, rawBody, headers);
		const webhook = () => testCase.node.webhook.call(context);
		const floor = floorFor(testCase, rawBody, headers);
		const first = await webhook();
		if (!first.workflowData) throw new Error(`${testCase.name}: the node did not emit (${JSON.stringify(first)})`);
		const nodeRuns = [];
		const floorRuns = [];
		for (let round = 0; round < rounds; round++) {
			// Alternate node and floor so machine drift hits both alike.
			nodeRuns.push(await measure(webhook, iterations));
			floorRuns.push(await measure(floor, iterations));
		}
		const nodeRate = nodeRuns.map((run) => run.perSecond);
		const floorRate = floorRuns.map((run) => run.perSecond);
		const fmt = (n) => Math.round(n).toLocaleString('en-US');
		console.log(
			`| ${testCase.name} | ${fmt(median(nodeRate))} [${fmt(Math.min(...nodeRate))}-${fmt(Math.max(...nodeRate))}] | ` +
				`${median(nodeRuns.map((r) => r.p50)).toFixed(1)} / ${median(nodeRuns.map((r) => r.p99)).toFixed(1)} | ` +
				`${fmt(median(floorRate))} | ${median(floorRuns.map((r) => r.p50)).toFixed(1)} / ${median(floorRuns.map((r) => r.p99)).toFixed(1)} | ` +
				`${(median(floorRate) / median(nodeRate)).toFixed(2)}x |`,
		);
	}

	if (typeof global.gc === 'function') {
		const testCase = CASES[3];
		const rawBody = Buffer.from(testCase.body);
		const context = contextFor(testCase, rawBody, testCase.headers(testCase.body));
		const heap = [];
		for (let block = 0; block <= 10; block++) {
			global.gc();
			heap.push(process.memoryUsage().heapUsed);
			for (let index = 0; index < 10_000; index++) await testCase.node.webhook.call(context);
		}
		const mb = (bytes) => (bytes / 1048576).toFixed(2);
		console.log(`\nHeap after GC every 10,000 Rankly bot votes (100,000 in all), MB: ${heap.map(mb).join(', ')}`);
		console.log(`Growth from 10,000 to 100,000 deliveries: ${((heap[10] - heap[1]) / 1024).toFixed(0)} KiB`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
