/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/**
 * The load balancer in front of the webhook processes, as a health-checking proxy (Traefik, Caddy, a Kubernetes
 * Service) runs it: round robin over the processes whose `/healthz/readiness` answered 200 at the last probe
 * (every 500 ms), and a request whose connection is refused goes to the next one (nothing reached n8n). With no
 * process ready it answers 502 itself, as nginx does.
 */
import { request } from 'node:http';
import * as local from '../n8n-local';
import type { N8nProcess } from '../queue/n8n';

/** One attempt's outcome: an HTTP status, or what stopped it (`timeout`, `reset`, ...). */
export interface Outcome {
	status: number;
	/** Set when no HTTP answer came: `timeout`, `reset` (the connection broke after the request was sent). */
	failure?: 'timeout' | 'reset';
	target: string;
}

const PROBE_EVERY_MS = 500;

export class Balancer {
	/** The webhook processes by role name; a restart replaces its entry. */
	readonly processes = new Map<string, N8nProcess>();
	private readonly ready = new Set<string>();
	private next = 0;
	private probing: NodeJS.Timeout | undefined;
	/** When no process was ready (Date.now() milliseconds); `to` is unset while it lasts. */
	readonly outages: Array<{ from: number; to?: number }> = [];

	constructor(webhooks: readonly N8nProcess[]) {
		for (const process of webhooks) {
			this.processes.set(process.role.name, process);
			this.ready.add(process.role.name);
		}
	}

	start(): void {
		this.probing = setInterval(() => void this.probe(), PROBE_EVERY_MS);
	}

	stop(): void {
		clearInterval(this.probing);
	}

	private noteOutage(): void {
		const open = this.outages.at(-1)?.to === undefined ? this.outages.at(-1) : undefined;
		if (this.ready.size === 0 && !open) this.outages.push({ from: Date.now() });
		if (this.ready.size > 0 && open) open.to = Date.now();
	}

	private async probe(): Promise<void> {
		await Promise.all(
			[...this.processes.values()].map(async (process) => {
				const ok = await local.answers200(`${process.baseUrl}/healthz/readiness`);
				if (ok) this.ready.add(process.role.name);
				else this.ready.delete(process.role.name);
			}),
		);
		this.noteOutage();
	}

	/** POSTs `body` to `/webhook/<path>` on the next ready process; `timeoutMs` bounds the whole answer. */
	async post(
		path: string,
		body: string,
		headers: Readonly<Record<string, string>>,
		timeoutMs: number,
	): Promise<Outcome> {
		const candidates = [...this.ready];
		for (let tried = 0; tried < candidates.length; tried++) {
			const name = candidates[this.next++ % candidates.length];
			const target = this.processes.get(name);
			if (!target) continue;
			const outcome = await attempt(`${target.baseUrl}/webhook/${path}`, body, headers, timeoutMs);
			if (outcome !== 'refused') return { ...outcome, target: name };
			this.ready.delete(name);
			this.noteOutage();
		}
		return { status: 502, target: 'balancer' };
	}
}

/** One request on a fresh connection, as a list's sender makes it. */
function attempt(
	url: string,
	body: string,
	headers: Readonly<Record<string, string>>,
	timeoutMs: number,
): Promise<Omit<Outcome, 'target'> | 'refused'> {
	return new Promise((resolve) => {
		const payload = Buffer.from(body);
		const req = request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: {
					'content-type': 'application/json',
					...headers,
					'content-length': payload.length,
				},
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
				response.on('error', () => resolve({ status: 0, failure: 'reset' }));
			},
		);
		const timer = setTimeout(() => {
			req.destroy();
			resolve({ status: 0, failure: 'timeout' });
		}, timeoutMs);
		req.on('error', (error: NodeJS.ErrnoException) => {
			clearTimeout(timer);
			resolve(error.code === 'ECONNREFUSED' ? 'refused' : { status: 0, failure: 'reset' });
		});
		req.on('close', () => clearTimeout(timer));
		req.end(payload);
	});
}
