/** The checks over the whole run: every delivery answered and run as it should, no execution in error, every process alive. */
import { until } from './common';
import { receivedTrue, type Answer } from './deliveries';
import { total, unfinished, type Ledger } from './ledger';
import type { N8nProcess } from './n8n';
import { check, figures } from './results';

const firstOther = (answer: Answer | undefined) =>
	answer ? `; first other: ${answer.target} ${answer.status} ${answer.text.slice(0, 200)}` : '';

/** Every valid capture delivery answered 200 and arrived downstream exactly once. */
export function checkValidDeliveries(ledger: Ledger): void {
	ledger.ingest();
	const answers = [...ledger.valid.values()].flatMap((entry) => entry.answers);
	const notOk = answers.filter(
		(answer) => !(receivedTrue(answer) && !answer.json?.ignored && !answer.json?.duplicate),
	);
	check(
		`every valid delivery answered 200 {"received":true}`,
		notOk.length === 0,
		`${answers.length - notOk.length}/${answers.length}${firstOther(notOk[0])}`,
	);
	const keys = [...ledger.valid.keys()];
	const missing = keys.filter((key) => !ledger.captureArrivals.has(key));
	const twice = keys.filter((key) => (ledger.captureArrivals.get(key) ?? 0) > 1);
	check(
		'every valid delivery arrived downstream exactly once',
		missing.length === 0 && twice.length === 0,
		`${ledger.valid.size - missing.length - twice.length}/${ledger.valid.size} exactly once, ${missing.length} missing, ${twice.length} more than once`,
	);
}

/** Every forged delivery answered 401 and nothing but valid deliveries arrived downstream. */
export function checkForgedDeliveries(ledger: Ledger): void {
	ledger.ingest();
	const answers = [...ledger.forged.values()].flatMap((entry) => entry.answers);
	const refused = answers.filter(
		(answer) => answer.status === 401 && typeof answer.json?.error === 'string',
	);
	check(
		'every forged delivery answered 401',
		refused.length === answers.length,
		`${refused.length}/${answers.length}${firstOther(answers.find((answer) => !refused.includes(answer)))}`,
	);
	const strangers = [...ledger.captureArrivals.keys()].filter((key) => !ledger.valid.has(key));
	const forgedArrived = strangers.filter((key) => ledger.forged.has(key));
	check(
		'no forged delivery started anything downstream',
		strangers.length === 0,
		`${forgedArrived.length} forged and ${strangers.length - forgedArrived.length} unknown deliveries arrived`,
	);
}

/** One successful execution per accepted delivery and workflow, none in error. */
export async function checkExecutions(ledger: Ledger): Promise<void> {
	await until(
		async () => {
			const byWorkflow = await ledger.executions();
			return unfinished(byWorkflow) === 0 && total(byWorkflow) >= ledger.expectedTotal();
		},
		{ timeoutMs: 120_000, everyMs: 500 },
	);
	const byWorkflow = await ledger.executions();
	const statusTotals: Record<string, number> = {};
	for (const statuses of Object.values(byWorkflow))
		for (const [status, count] of Object.entries(statuses))
			statusTotals[status] = (statusTotals[status] ?? 0) + count;
	const expected = Object.entries(ledger.expectedRuns);
	check(
		'one successful execution per accepted delivery, per workflow (forged ones started none)',
		expected.every(([id, count]) => byWorkflow[id]?.success === count) &&
			total(byWorkflow) === ledger.expectedTotal(),
		expected.map(([id, count]) => `${id}: ${byWorkflow[id]?.success ?? 0}/${count}`).join(', '),
	);
	check(
		'no execution ended in error (or is still unfinished)',
		Object.keys(statusTotals).every((status) => status === 'success'),
		JSON.stringify(statusTotals),
	);
	figures.executions = statusTotals;
	figures.validDeliveries = ledger.valid.size;
	figures.forgedDeliveries = ledger.forged.size;
}

export function checkStillRunning(instances: Record<string, N8nProcess>): void {
	for (const [name, instance] of Object.entries(instances)) {
		if (instance.child.exitCode !== null)
			check(`${name} still running at the end`, false, `exited with ${instance.child.exitCode}`);
	}
}
