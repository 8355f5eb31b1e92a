/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { readFileSync } from 'fs';
import { join } from 'path';
import { LISTS } from './registry';
import { UNDOCUMENTED_POLICY, type ListKit, type RetryPolicy } from './shared/kit';
import type { Outcome } from '../scripts/lib/faults/balancer';
import { deliver, type Vote } from '../scripts/lib/faults/sender';
import { predictedLost } from '../scripts/lib/faults/tally';
import type { ScenarioRun } from '../scripts/lib/faults/run';

const [topgg] = LISTS;
/** A list like top.gg whose sender waits milliseconds instead of seconds. */
const quickKit = (retries: Partial<RetryPolicy>): ListKit => ({
	...topgg,
	retries: { ...topgg.retries, timeoutMs: 50, waitsMs: [1, 2, 4], ...retries },
});
const voteOf = (kit: ListKit): Vote => ({
	kit,
	voter: '720000000000000001',
	path: 'hook/webhook',
	body: kit.voteBy('720000000000000001', new Date()),
});
/** A balancer that answers the given outcomes in turn and records what it was sent. */
function scripted(...outcomes: Array<Partial<Outcome>>) {
	const sent: Array<{ body: string; headers: Readonly<Record<string, string>> }> = [];
	return {
		sent,
		post: async (_path: string, body: string, headers: Readonly<Record<string, string>>) => {
			sent.push({ body, headers });
			return { status: 0, target: 'webhook-1', ...outcomes[sent.length - 1] };
		},
	};
}

describe('the fault run sends like the lists', () => {
	it('every list states its retry policy; where it documents none, top.gg v1 stands in and says so', () => {
		for (const kit of LISTS) {
			const { timeoutMs, waitsMs, assumed } = kit.retries;
			expect(timeoutMs).toBeGreaterThan(0);
			expect(waitsMs.every((wait) => wait > 0)).toBe(true);
			// An assumed policy takes top.gg v1's timeout or retries wherever the list's docs say nothing.
			if (assumed)
				expect(
					timeoutMs === UNDOCUMENTED_POLICY.timeoutMs ||
						waitsMs.join() === UNDOCUMENTED_POLICY.waitsMs.join(),
				).toBe(true);
		}
		expect(LISTS.filter((kit) => kit.retries === UNDOCUMENTED_POLICY).length).toBeGreaterThan(0);
	});

	it('retries a 5xx, a timeout and a broken connection, each attempt signed anew, until a 2xx', async () => {
		const balancer = scripted(
			{ status: 503 },
			{ failure: 'timeout' },
			{ failure: 'reset' },
			{ status: 200 },
		);
		const sent = await deliver(voteOf(quickKit({})), balancer);
		expect(sent.delivered).toBe(true);
		expect(sent.attempts.map((attempt) => attempt.failure ?? attempt.status)).toEqual([
			503,
			'timeout',
			'reset',
			200,
		]);
		expect(balancer.sent.every(({ headers }) => Object.keys(headers).length > 0)).toBe(true);
	});

	it('gives up after the last retry, and at once on a 4xx', async () => {
		const exhausted = await deliver(
			voteOf(quickKit({})),
			scripted({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 }, { status: 200 }),
		);
		expect([exhausted.delivered, exhausted.attempts.length]).toEqual([false, 4]);
		const refused = await deliver(voteOf(quickKit({})), scripted({ status: 404 }, { status: 200 }));
		expect([refused.delivered, refused.attempts.length]).toEqual([false, 1]);
	});

	it('a list that never retries a timeout (discord.place) gives up on the first one; one that never retries, on any failure', async () => {
		const noTimeouts = await deliver(
			voteOf(quickKit({ retriesTimeouts: false })),
			scripted({ failure: 'timeout' }, { status: 200 }),
		);
		expect([noTimeouts.delivered, noTimeouts.attempts.length]).toEqual([false, 1]);
		const never = await deliver(
			voteOf(quickKit({ waitsMs: [] })),
			scripted({ status: 503 }, { status: 200 }),
		);
		expect([never.delivered, never.attempts.length]).toEqual([false, 1]);
	});
});

describe('scenario 5 predicts its losses from the retry horizons', () => {
	/** Votes of `kit` whose first attempt began at each of `times` and failed 100 ms later. */
	const run = (kit: ListKit, ...times: number[]) =>
		({
			sent: times.map((at) => ({
				vote: voteOf(kit),
				attempts: [{ at, endedAt: at + 100, status: 502, target: 'balancer' }],
				delivered: false,
			})),
		}) as unknown as ScenarioRun;
	const firstAttempts = (votes: ScenarioRun) =>
		predictedLost(votes, { from: 10_000, to: 20_000 }).map((sent) => sent.attempts[0].at);

	it('a vote is lost when every attempt of its schedule falls in the outage, kept when its last one falls after', () => {
		const retrying = quickKit({ waitsMs: [1000, 2000, 4000] });
		expect(firstAttempts(run(retrying, 8_000, 9_950, 12_899, 12_900, 19_000))).toEqual([
			9_950, 12_899,
		]);
	});

	it('a list that never retries loses every vote whose one attempt failed in the outage', () => {
		expect(firstAttempts(run(quickKit({ waitsMs: [] }), 9_000, 15_000, 25_000))).toEqual([15_000]);
	});
});

describe("the README's retry table", () => {
	const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
	const horizon = (ms: number) =>
		ms === 0 ? '0' : ms < 60_000 ? `${ms / 1000} s` : `${Math.round(ms / 60_000)} min`;

	it.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
		'states how %s retries as its kit sends it',
		(displayName, kit) => {
			const row = readme
				.split('\n')
				.find((line) => line.startsWith(`| ${displayName}`) && /documented|assumed/.test(line));
			expect(row).toBeDefined();
			const [, , timeout, , reach, source] = row!.split('|').map((cell) => cell.trim());
			const { timeoutMs, waitsMs, assumed } = kit.retries;
			expect([timeout, reach]).toEqual([
				`${timeoutMs / 1000} s`,
				horizon(waitsMs.reduce((a, b) => a + b, 0)),
			]);
			expect(source.includes('assumed')).toBe(assumed);
		},
	);
});
