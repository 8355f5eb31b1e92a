/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The figures and checks of the run, printed at the end (also on failure and at the deadline). */
import { cpus } from 'node:os';
import { elapsed } from './common';
import { CONFIG, N8N_VERSION } from './config';
import { ROLES } from './n8n';
import { checks, figures, type PhaseFigures } from './results';

function printPhase(phase: PhaseFigures): void {
	console.log(
		`${phase.label.padEnd(22)} ${String(phase.valid).padStart(5)} valid + ${String(phase.forged).padStart(4)} forged in ${String(phase.seconds).padStart(6)} s: ` +
			`${String(phase.requestsPerSecond).padStart(6)} req/s answered, ${String(phase.validPerSecond).padStart(6)} valid/s, ${String(phase.downstreamPerSecond ?? '-').padStart(6)} valid/s downstream, ` +
			`p50 ${phase.p50} ms, p95 ${phase.p95} ms`,
	);
	const percent = (seconds: number) => `${Math.round((100 * seconds) / phase.wallSeconds)}%`;
	const busy = Object.entries(phase.cpu.byProcess)
		.filter(([, seconds]) => seconds > 0.05)
		.map(([name, seconds]) => `${name} ${percent(seconds)}`);
	console.log(
		`${''.padEnd(22)} CPU in % of one core, until the last delivery ran: ${busy.join(', ')}; processes not started by this run ${percent(phase.cpu.others)}`,
	);
	console.log(
		`${''.padEnd(22)} requests per webhook process: ${JSON.stringify(phase.perTarget)}; answers by status: ${JSON.stringify(phase.statuses)}`,
	);
}

/** Prints the figures and the checks; returns how many checks failed. */
export function printSummary(): number {
	const line = '-'.repeat(100);
	const cores = cpus().length;
	console.log(
		`\n${line}\nQueue mode scenario, n8n ${N8N_VERSION}: ${cores} CPU cores, ${CONFIG.concurrency} requests in flight, workers --concurrency=${CONFIG.workerConcurrency}`,
	);
	if (figures.readySeconds !== undefined)
		console.log(
			`ready (packages, runtime, pack, PostgreSQL, Redis, ${ROLES.length} n8n processes, webhooks registered) after ${figures.readySeconds} s`,
		);
	figures.phases.forEach(printPhase);
	const [one, two] = figures.phases;
	if (one && two) {
		const ratio = two.validPerSecond / one.validPerSecond;
		const busy = (phase: PhaseFigures, seconds: number) =>
			`${Math.round((100 * seconds) / phase.wallSeconds / cores)}%`;
		console.log(
			`two vs one webhook process: x${ratio.toFixed(2)} answered valid deliveries per second (${one.validPerSecond} -> ${two.validPerSecond}); ` +
				`this run kept the machine's ${cores} cores ${busy(one, one.cpu.ours)} -> ${busy(two, two.cpu.ours)} busy, other processes ${busy(one, one.cpu.others)} -> ${busy(two, two.cpu.others)}`,
		);
	}
	const { dedup, postgres } = figures;
	if (dedup)
		console.log(
			`Remove Duplicates recipe: ${dedup.votes} votes, ${dedup.copies} deliveries (copies to the other process, one at a time), ${dedup.rewards} rewards`,
		);
	if (postgres) {
		console.log(
			`PostgreSQL recipe: ${postgres.votes} votes, ${postgres.copies} deliveries (copies in flight together on both processes), ${postgres.rewards} rewards, ${postgres.rows} rows, ${postgres.seconds} s`,
		);
	}
	if (figures.executions)
		console.log(
			`totals: ${figures.validDeliveries} valid capture deliveries, ${figures.forgedDeliveries} forged; executions ${JSON.stringify(figures.executions)}`,
		);
	const failed = checks.filter((entry) => !entry.ok);
	console.log(
		`checks: ${checks.length - failed.length} passed, ${failed.length} failed${failed.length ? `:\n${failed.map((entry) => `  FAIL ${entry.name}: ${entry.detail}`).join('\n')}` : ''}`,
	);
	console.log(`total time ${Math.round(elapsed())} s\n${line}`);
	return failed.length;
}
