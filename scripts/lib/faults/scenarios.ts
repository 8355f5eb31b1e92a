/** The five faults, each injected once while votes flow: what it breaks, and when the stack served again. */
import * as local from '../n8n-local';
import { say, until } from '../queue/common';
import { ROLES } from '../queue/n8n';
import { FAULTS } from './config';
import type { Stack } from './stack';

/** When the fault began and when everything it broke served again (Date.now() milliseconds). */
export interface FaultWindow {
	downAt: number;
	upAt: number;
	/** What the fault met, for the summary (e.g. the executions running on a killed worker). */
	note?: string;
}

export interface Fault {
	number: number;
	name: string;
	/**
	 * Whether the lists' retries should cover it (nothing doubled, no loss the pack could prevent: checkSurvived);
	 * otherwise its losses must be those the retry horizons predict (checkPredicted).
	 */
	survivable: boolean;
	inject(stack: Stack): Promise<FaultWindow>;
}

const restartDelay = () => local.sleep(FAULTS.restartDelaySeconds * 1000);

async function killAndRestart(stack: Stack, name: string): Promise<FaultWindow> {
	const downAt = Date.now();
	await stack.kill(name);
	await restartDelay();
	await stack.start(name);
	return { downAt, upAt: Date.now() };
}

/** Until every n8n process serves again after a service came back. */
async function downFor(stop: () => Promise<void>, start: () => Promise<void>, stack: Stack) {
	const downAt = Date.now();
	await stop();
	await local.sleep(FAULTS.serviceDownSeconds * 1000);
	await start();
	await stack.allReady();
	return { downAt, upAt: Date.now() };
}

async function runningExecutions(stack: Stack): Promise<number> {
	const count = await stack.infra.postgres.query(
		'n8n',
		"SELECT COUNT(*) FROM execution_entity WHERE status = 'running'",
	);
	return Number(count.trim());
}

export const FAULT_SCENARIOS: readonly Fault[] = [
	{
		number: 1,
		name: 'kill -9 of one webhook process',
		survivable: true,
		inject: (stack) => killAndRestart(stack, 'webhook-1'),
	},
	{
		number: 2,
		name: 'kill -9 of a worker in the middle of executions',
		survivable: true,
		async inject(stack) {
			// Executions take a fraction of a second: the kill waits (up to 20 s) until some are running.
			let running = 0;
			await until(async () => (running = await runningExecutions(stack)) >= 2, {
				timeoutMs: 20_000,
				everyMs: 50,
			});
			const window = await killAndRestart(stack, 'worker-1');
			return { ...window, note: `${running} executions running when it was killed` };
		},
	},
	{
		number: 3,
		name: `Redis, then PostgreSQL, each down ${FAULTS.serviceDownSeconds} s`,
		survivable: true,
		async inject(stack) {
			const { redis, postgres } = stack.infra;
			say(`stopping Redis for ${FAULTS.serviceDownSeconds} s`);
			const first = await downFor(redis.stop, redis.start, stack);
			await local.sleep(10_000);
			say(`stopping PostgreSQL for ${FAULTS.serviceDownSeconds} s`);
			const second = await downFor(postgres.stop, postgres.start, stack);
			return {
				downAt: first.downAt,
				upAt: second.upAt,
				note: `Redis back after ${Math.round((first.upAt - first.downAt) / 1000)} s, PostgreSQL after ${Math.round((second.upAt - second.downAt) / 1000)} s`,
			};
		},
	},
	{
		number: 4,
		name: 'restart of the main n8n process',
		survivable: true,
		async inject(stack) {
			const downAt = Date.now();
			await stack.stop('main');
			await stack.start('main');
			return { downAt, upAt: Date.now() };
		},
	},
	{
		number: 5,
		name: `the whole stack down ${FAULTS.stackDownSeconds} s`,
		survivable: false,
		async inject(stack) {
			const { redis, postgres } = stack.infra;
			// The entry goes dark at once, as when the host loses power; the rest stops as a shutdown stops it.
			const downAt = Date.now();
			const webhooks = ROLES.filter((role) => role.command === 'webhook');
			await Promise.all(webhooks.map((role) => stack.kill(role.name)));
			await Promise.all(
				ROLES.filter((role) => !webhooks.includes(role)).map((role) => stack.stop(role.name)),
			);
			await redis.stop();
			await postgres.stop();
			say(`the whole stack is down for ${FAULTS.stackDownSeconds} s`);
			await local.sleep(FAULTS.stackDownSeconds * 1000);
			await postgres.start();
			await redis.start();
			for (const role of ROLES) await stack.launch(role.name);
			await stack.allReady();
			say('the whole stack serves again');
			return { downAt, upAt: Date.now() };
		},
	},
];
