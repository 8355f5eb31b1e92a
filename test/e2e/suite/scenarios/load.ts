/* n8n and the shared pipeline under load: answer times, a flood of forged requests, redeliveries all in flight. */
import { percentiles } from '../../../../scripts/lib/stats';
import * as local from '../../../../scripts/lib/n8n-local';
import { log, type Instance } from '../instance';
import { scenario, type Answer, type Run } from '../run';
import { forgedHeaders, voter, type Trigger } from '../workflows';

const SEQUENTIAL = 20;
const BURST = 24;
const BURST_IN_FLIGHT = 8;

const summary = (times: number[]) => {
	const [p50, p95, max] = percentiles(times, [0.5, 0.95, 1]).map((ms) => Math.round(ms));
	return { p50, p95, max, text: `p50 ${p50} ms, p95 ${p95} ms, max ${max} ms` };
};

/** One list's votes, one at a time then a burst in flight: printed, and the sequential ones within the list's limit. */
async function timeList(run: Run, entry: Trigger, index: number): Promise<void> {
	const { kit } = entry;
	const timed = async (body: string) => {
		const started = performance.now();
		const answer = await run.send(entry, body, kit.sign(body, kit.credentials));
		expect([kit.platform.name, answer.json]).toEqual([kit.platform.name, { received: true }]);
		return performance.now() - started;
	};
	const vote = (n: number) => kit.voteBy(voter(7, index * 1000 + n), new Date());
	const sequential: number[] = [];
	for (let n = 0; n < SEQUENTIAL; n++) sequential.push(await timed(vote(n)));
	const burst = await local.pool(
		Array.from({ length: BURST }, (_, n) => vote(SEQUENTIAL + n)),
		BURST_IN_FLIGHT,
		timed,
	);
	const one = summary(sequential);
	const limit =
		kit.answerWithinMs === undefined ? '' : ` (the list waits ${kit.answerWithinMs} ms)`;
	log(
		`[e2e] ${kit.platform.name} answer time${limit}: ${SEQUENTIAL} one at a time: ${one.text}; ${BURST} with ${BURST_IN_FLIGHT} in flight: ${summary(burst).text}`,
	);
	if (kit.answerWithinMs !== undefined)
		expect([kit.platform.name, one.max < kit.answerWithinMs]).toEqual([kit.platform.name, true]);
}

/*
 * n8n answers once it has recorded the execution; the workflow's nodes run after that. The time a sender waits
 * is n8n's: its request handling, the trigger and the database write. A list that gives up after a limit (and
 * never retries a timeout) declares it in its kit (`answerWithinMs`).
 */
export function answerTimes(instance: Instance): void {
	const workflow = instance.workflows.answerTime;
	scenario(
		it,
		'answers genuine deliveries of every list in time: printed per list, and within the limit a list declares',
		instance,
		() => [workflow.id],
		async (run) => {
			for (const [index, entry] of workflow.triggers.entries()) await timeList(run, entry, index);
		},
	);
}

export function flood(instance: Instance, register: jest.It): void {
	const workflow = instance.workflows.flood;
	scenario(
		register,
		'shrugs off a flood of 500 forged requests at concurrency 20 and keeps answering valid votes',
		instance,
		() => [workflow.id],
		async (run) => {
			const [entry] = workflow.triggers;
			const { kit } = entry;
			const sign = (body: string) => kit.sign(body, kit.credentials);
			const statuses = await local.pool(
				Array.from({ length: 500 }, (_, index) => index),
				20,
				async (index: number) => {
					const body = kit.voteBy(voter(3, index), new Date('2026-01-03T10:00:00.000Z'));
					return (await run.send(entry, body, forgedHeaders(sign(body), `forged-${index}`))).status;
				},
			);
			expect(statuses.filter((status: number) => status === 401)).toHaveLength(500);
			const example = kit.examples[kit.sample];
			const big = example.replace(/}$/, `,"padding":"${'x'.repeat(1024 * 1024)}"}`);
			const tooBig = await run.send(entry, big, sign(big));
			expect([tooBig.status, typeof tooBig.json?.error]).toEqual([413, 'string']);
			const text = await run.send(entry, example, {
				...sign(example),
				'Content-Type': 'text/plain',
			});
			expect([text.status, typeof text.json?.error]).toEqual([415, 'string']);
			await local.sleep(1000);
			expect(run.arrivedUnder(workflow.prefix)).toEqual([]);
			const valid = kit.voteBy(voter(3, 999), new Date('2026-01-03T11:00:00.000Z'));
			expect((await run.send(entry, valid, sign(valid))).json).toEqual({ received: true });
			await instance.recorder.waitFor(
				(request) =>
					request.path === `/capture/${entry.target}` && request.json?.userId === voter(3, 999),
			);
		},
	);
}

export function redeliveries(instance: Instance, register: jest.It): void {
	const workflow = instance.workflows.dedupe;
	scenario(
		register,
		'starts one execution per vote when 200 votes arrive 3 times each, all in flight (Ignore Redeliveries)',
		instance,
		() => [workflow.id],
		async (run) => {
			const [on, off] = workflow.triggers;
			const { kit } = on;
			const sign = (body: string) => kit.sign(body, kit.credentials);
			// Each vote, then twice as the list retries it.
			const copies = (votes: number, scenario: number) =>
				Array.from({ length: votes * 3 }, (_, index) => {
					const vote = kit.voteBy(
						voter(scenario, index % votes),
						new Date('2026-01-04T10:00:00.000Z'),
					);
					return index < votes ? vote : kit.redelivery(vote);
				});
			const onAnswers = await local.pool(copies(200, 4), 16, (body: string) =>
				run.send(on, body, sign(body)),
			);
			expect(onAnswers.filter((answer: Answer) => answer.status === 200)).toHaveLength(600);
			expect(onAnswers.filter((answer: Answer) => answer.json?.duplicate === true)).toHaveLength(
				400,
			);
			await instance.recorder.waitFor((request) => request.path === `/capture/${on.target}`, 200);
			// Without the option the same traffic runs every copy: the option is what stops them.
			const offAnswers = await local.pool(copies(50, 5), 16, (body: string) =>
				run.send(off, body, sign(body)),
			);
			expect(
				offAnswers.filter(
					(answer: Answer) => answer.json?.received === true && !answer.json?.duplicate,
				),
			).toHaveLength(150);
			await instance.recorder.waitFor(
				(request) => request.path === `/capture/${off.target}`,
				150,
				120_000,
			);
			await local.sleep(1500);
			const onItems = run.arrivedAt(on.target);
			expect(onItems).toHaveLength(200);
			expect(new Set(onItems.map((request) => request.json?.eventId)).size).toBe(200);
		},
	);
}
