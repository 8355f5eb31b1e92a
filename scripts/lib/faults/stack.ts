/** The queue-mode stack of `npm run test:queue`, with what a fault needs: kill or restart one part, wait until it serves again. */
import type { EnvAdditions } from '../command';
import * as local from '../n8n-local';
import type { Runtime } from '../runtime';
import { say, until } from '../queue/common';
import { ROLES, startRole, type N8nProcess } from '../queue/n8n';
import { killGroup } from '../queue/services';
import type { Services } from '../queue/setup';
import { Balancer } from './balancer';

export class Stack {
	readonly balancer: Balancer;

	constructor(
		private readonly runtime: Runtime,
		private readonly shared: EnvAdditions,
		readonly infra: Services,
		readonly instances: Record<string, N8nProcess>,
		private readonly webhookPaths: readonly string[],
	) {
		this.balancer = new Balancer(this.webhooks());
	}

	webhooks(): N8nProcess[] {
		return ROLES.filter((role) => role.command === 'webhook').map(
			(role) => this.instances[role.name],
		);
	}

	/** `kill -9` of the process and its children, as the OOM killer or a crashed host does it. */
	async kill(name: string): Promise<void> {
		const instance = this.instances[name];
		killGroup(instance.child.pid!, 'SIGKILL');
		await instance.exited;
		say(`killed ${name} (kill -9)`);
	}

	/** A graceful stop (SIGTERM; SIGKILL after 15 s), as `docker compose restart` does it. */
	async stop(name: string): Promise<void> {
		await this.instances[name].stop();
		say(`stopped ${name}`);
	}

	/** Starts the role again on its port, without waiting. */
	async launch(name: string): Promise<N8nProcess> {
		const role = ROLES.find((entry) => entry.name === name)!;
		const instance = await startRole(this.runtime, this.shared, role, this.instances[name].port);
		this.instances[name] = instance;
		if (role.command === 'webhook') this.balancer.processes.set(name, instance);
		return instance;
	}

	/** Starts the role again on its port and waits until it serves. */
	async start(name: string): Promise<void> {
		await this.ready(await this.launch(name));
		say(`${name} serves again`);
	}

	/** Until the process answers its readiness probe (a webhook process: also every recipe's webhook). */
	async ready(instance: N8nProcess): Promise<void> {
		const probe = instance.role.command === 'start' ? '/healthz' : '/healthz/readiness';
		const ok = await until(() => local.answers200(`${instance.baseUrl}${probe}`), {
			timeoutMs: 240_000,
			everyMs: 250,
		});
		if (!ok)
			throw new Error(`${instance.role.name} did not get ready:\n${instance.log().slice(-3000)}`);
		if (instance.role.command === 'webhook')
			await local.waitForWebhooks(instance, this.webhookPaths, { timeoutMs: 240_000 });
	}

	/** Until every n8n process serves. */
	async allReady(): Promise<void> {
		await Promise.all(Object.values(this.instances).map((instance) => this.ready(instance)));
	}
}
