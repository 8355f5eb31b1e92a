/* eslint-disable no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
// Where a list sends neither an id nor a vote time, a vote's eventId is a window of its receive time
// (`voteWindow`, nodes/shared/payload.ts), and a redelivery that arrives after the window's end gets a new id: with
// Ignore Redeliveries on, the vote runs twice. This measures how often, per vote shape of the registry's kits: first
// attempts at uniformly random times (2020-2030, any millisecond), each retried on the list's schedule as its kit
// states it, every attempt through the list's real verify and map. Run with
// `node -r ./scripts/lib/require-ts.js bench/vote-windows.ts` (part of `npm run bench`). Prints figures; asserts nothing.
import { LISTS } from '../test/registry';
import type { ListKit } from '../test/shared/kit';
import { VOTE_LATENCY_BOUND_MS } from '../nodes/shared/time';
import { countSetting } from './lib/settings';

const SAMPLES = countSetting('BENCH_WINDOW_SAMPLES', 200_000);
const VOTER = '195263817236783105';
/** The Bot ID a list that omits its target is configured with. */
const BOT_ID = '803190510032756736';
const FROM_MS = Date.UTC(2020, 0, 1);
const TO_MS = Date.UTC(2030, 0, 1);
const HOUR_MS = 3_600_000;

interface Measured {
	/** Retries whose id differs from the first attempt's, of all retries. */
	retriesSplit: number;
	/** Votes whose last retry has another id than the first attempt: the votes that would run twice if every attempt reached the node. */
	votesSplit: number;
}

/** The eventId `kit`'s map gives `body` received at `receivedMs`, under the family its verify proves. */
function idOf(kit: ListKit, body: string): (receivedMs: number) => string {
	const rawBody = Buffer.from(body);
	const headers = Object.fromEntries(
		Object.entries(kit.sign(body, kit.credentials)).map(([name, value]) => [
			name.toLowerCase(),
			value,
		]),
	);
	const proof = kit.platform.verify({ headers, rawBody, receivedAt: new Date() }, kit.credentials);
	if (!proof.ok)
		throw new Error(
			`${kit.platform.displayName}: the kit's own delivery is refused: ${proof.error}`,
		);
	const document: unknown = JSON.parse(body);
	const configuredTargetId = kit.platform.omitsTarget === true ? BOT_ID : undefined;
	return (receivedMs) => {
		const mapping = kit.platform.map(document, {
			family: proof.family,
			receivedAt: new Date(receivedMs),
			configuredTargetId,
		});
		if (mapping.ok !== true)
			throw new Error(`${kit.platform.displayName}: the kit's own delivery is not mapped`);
		return mapping.fields.eventId;
	};
}

function measure(
	eventIdAt: (receivedMs: number) => string,
	retriesAtMs: readonly number[],
): Measured {
	let retriesSplit = 0;
	let votesSplit = 0;
	for (let sample = 0; sample < SAMPLES; sample++) {
		const first = FROM_MS + Math.floor(Math.random() * (TO_MS - FROM_MS));
		const id = eventIdAt(first);
		let split = false;
		for (const after of retriesAtMs) {
			split = eventIdAt(first + after) !== id;
			if (split) retriesSplit++;
		}
		if (split) votesSplit++;
	}
	return {
		retriesSplit: retriesSplit / (SAMPLES * retriesAtMs.length),
		votesSplit: votesSplit / SAMPLES,
	};
}

const percent = (share: number) => `${(share * 100).toFixed(3)}%`;
const duration = (ms: number) =>
	ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(0)} s`;

function main(): void {
	console.log(
		`eventId windows: ${SAMPLES.toLocaleString('en-US')} votes per shape, first attempts uniform over 2020-2030, latency bound ${VOTE_LATENCY_BOUND_MS / HOUR_MS} h`,
	);
	console.log(
		'| list, vote shape | cooldown | window | retries | last retry after | retries with a new id | votes whose last retry has a new id |',
	);
	console.log('|---|---|---|---|---|---|---|');
	for (const kit of LISTS) {
		const windowed = kit.windowedVotes;
		if (windowed === null) continue;
		for (const [shape, voteBy] of Object.entries(windowed.votesBy)) {
			const { retriesSplit, votesSplit } = measure(idOf(kit, voteBy(VOTER)), windowed.retriesAtMs);
			const last = windowed.retriesAtMs[windowed.retriesAtMs.length - 1] ?? 0;
			console.log(
				`| ${kit.platform.displayName}, ${shape} | ${windowed.cooldownMs / HOUR_MS} h | ${(windowed.cooldownMs - VOTE_LATENCY_BOUND_MS) / HOUR_MS} h | ` +
					`${windowed.retriesAtMs.length} | ${duration(last)} | ${percent(retriesSplit)} | ${percent(votesSplit)} |`,
			);
		}
	}
}

main();
