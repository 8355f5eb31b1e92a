/** The n8n processes of the run: main, two webhook processes, two workers. */
import * as local from '../n8n-local';
import type { N8nInstance } from '../n8n-local';
import type { Runtime } from '../runtime';
import type { EnvAdditions } from '../command';
import { say, until } from './common';
import type { ComposedProcesses } from './compose';
import { CONFIG } from './config';
import { inRunDir, pidOf, services } from './services';

/** An n8n process of this run. */
export interface Role {
	name: string;
	/** Its service in docs/docker-compose.yml. */
	service: string;
	command: string;
	args: string[];
}
export type N8nProcess = N8nInstance & { role: Role; port: number };

export const ROLES: readonly Role[] = [
	{ name: 'main', service: 'n8n-main', command: 'start', args: [] },
	{ name: 'webhook-1', service: 'n8n-webhook', command: 'webhook', args: [] },
	{ name: 'webhook-2', service: 'n8n-webhook', command: 'webhook', args: [] },
	{
		name: 'worker-1',
		service: 'n8n-worker',
		command: 'worker',
		args: [`--concurrency=${CONFIG.workerConcurrency}`],
	},
	{
		name: 'worker-2',
		service: 'n8n-worker',
		command: 'worker',
		args: [`--concurrency=${CONFIG.workerConcurrency}`],
	},
];

/**
 * Starts the n8n process of `role` on `port` (a free one when not given); a restart keeps the role's port,
 * user folder and environment, and writes a log of its own (`<role>.<n>.log`).
 */
export async function startRole(
	runtime: Runtime,
	shared: EnvAdditions,
	role: Role,
	port?: number,
): Promise<N8nProcess> {
	const starts = (startsOf.get(role.name) ?? 0) + 1;
	startsOf.set(role.name, starts);
	port ??= await local.freePort();
	const env: Record<string, string> = {
		...shared,
		N8N_RUNNERS_BROKER_PORT: String(await local.freePort()),
	};
	if (role.command === 'worker')
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	const logFile = inRunDir(`${role.name}${starts > 1 ? `.${starts}` : ''}.log`);
	const instance = local.startN8n({
		runtime,
		userFolder: inRunDir(role.name),
		port,
		env,
		logFile,
		command: role.command,
		args: role.args,
	});
	const pid = pidOf(instance.child, `n8n ${role.name}`);
	services.push({
		name: `n8n ${role.name} (pid ${pid}, port ${port})`,
		label: role.name,
		role: 'n8n',
		pid,
		stop: () => instance.stop(),
	});
	say(
		`started n8n ${[role.command, ...role.args].join(' ')} as ${role.name} on 127.0.0.1:${port} (log ${logFile})`,
	);
	return { ...instance, role, port };
}
const startsOf = new Map<string, number>();

/** Starts every n8n process, each on ports of its own. */
export async function startN8nProcesses(
	runtime: Runtime,
	shared: EnvAdditions,
): Promise<Record<string, N8nProcess>> {
	const instances: Record<string, N8nProcess> = {};
	for (const role of ROLES) instances[role.name] = await startRole(runtime, shared, role);
	return instances;
}

/**
 * Ready: main and the webhook processes answer /healthz, workers /healthz/readiness, and every published
 * webhook answers something other than 404 on BOTH webhook processes (they read it from the database).
 */
export async function waitUntilReady(
	instances: Record<string, N8nProcess>,
	webhookPaths: readonly string[],
): Promise<N8nProcess[]> {
	await local.waitForWebhooks(instances.main, [], { timeoutMs: 180_000 });
	say('main is up');
	for (const worker of ROLES.filter((role) => role.command === 'worker').map(
		(role) => instances[role.name],
	)) {
		const name = worker.role.name;
		const ready = await until(
			() => {
				if (worker.child.exitCode !== null)
					throw new Error(`${name} exited:\n${worker.log().slice(-3000)}`);
				return local.answers200(`${worker.baseUrl}/healthz/readiness`);
			},
			{ timeoutMs: 180_000, everyMs: 500 },
		);
		if (!ready) throw new Error(`${name} never became ready:\n${worker.log().slice(-3000)}`);
		say(`${name} is ready`);
	}
	const webhooks = ROLES.filter((role) => role.command === 'webhook').map(
		(role) => instances[role.name],
	);
	for (const webhook of webhooks) {
		await local.waitForWebhooks(webhook, webhookPaths, { timeoutMs: 180_000 });
		say(`${webhook.role.name} serves all ${webhookPaths.length} production webhooks`);
	}
	return webhooks;
}

/** One process per compose service (webhook-2 and worker-2 run the same command and environment). */
export function composedProcesses(instances: Record<string, N8nProcess>): ComposedProcesses {
	const composed: ComposedProcesses = {};
	for (const role of ROLES)
		composed[role.service] ??= {
			pid: pidOf(instances[role.name].child, role.name),
			commandLine: [role.command, ...role.args].join(' '),
		};
	return composed;
}
