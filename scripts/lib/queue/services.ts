/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** Everything this run started, and its run folder: stopped and removed in one place, on success, failure, Ctrl-C or the deadline. */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as local from '../n8n-local';
import { describe, say } from './common';
import { CONFIG } from './config';

export interface Service {
	name: string;
	/** How the CPU figures name it; services without one are counted with this script. */
	label?: string;
	role: 'n8n' | 'postgres' | 'redis' | 'recorder';
	pid: number;
	stop(): Promise<void>;
}
export const services: Service[] = [];
let runDir: string | undefined;
let cleaning: Promise<void> | undefined;

/** Creates the run folder (PostgreSQL and Redis run as their own users inside it). */
export function createRunFolder(): string {
	runDir = mkdtempSync(join(tmpdir(), 'botlists-queue-'));
	chmodSync(runDir, 0o755);
	return runDir;
}

/** The run folder, once created. */
export const runFolder = (): string | undefined => runDir;

function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		const n8n = services.filter((service) => service.role === 'n8n');
		if (n8n.length) say(`stopping ${n8n.map((service) => service.name).join(', ')}`);
		await Promise.all(n8n.map((service) => service.stop().catch(() => {})));
		for (const service of services.filter((entry) => entry.role !== 'n8n').reverse()) {
			say(`stopping ${service.name}`);
			await service.stop().catch(() => {});
		}
		local.closeConnections();
	})();
	return cleaning;
}

export async function finish(code: number, reason?: string): Promise<never> {
	if (reason) console.error(`\n[queue] ${reason}`);
	await cleanup();
	if (runDir) {
		if (code === 0 && !CONFIG.keep) rmSync(runDir, { recursive: true, force: true });
		else say(`logs and data kept in ${runDir}`);
	}
	process.exit(code);
}

/**
 * Runs the scenario, prints its summary (also when it throws) and finishes: exit 1 when it threw or a check
 * failed (`printSummary` returns how many did).
 */
export function runToEnd(scenario: () => Promise<void>, printSummary: () => number): void {
	scenario().then(
		() => {
			const failed = printSummary();
			return finish(failed ? 1 : 0, failed ? `FAILED: ${failed} check(s)` : undefined);
		},
		(error: unknown) => {
			printSummary();
			return finish(1, `FAILED: ${describe(error)}`);
		},
	);
}

/** Ctrl-C, a termination signal or an uncaught error stop everything this run started. */
export function installExitHandlers(): void {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => void finish(130, `${signal}: stopping everything this run started`));
	}
	process.on('uncaughtException', (error) => void finish(1, `FAILED: ${describe(error)}`));
	process.on('unhandledRejection', (error) => void finish(1, `FAILED: ${describe(error)}`));
}

/** Waits for a child to exit, up to `ms`; true when it did. */
export async function exitedWithin(
	child: ChildProcess,
	exited: Promise<unknown>,
	ms: number,
): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
	try {
		return await Promise.race([exited.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** The pid of a child just spawned; spawn reports a failure to start through a missing pid. */
export function pidOf(child: ChildProcess, what: string): number {
	if (child.pid === undefined) throw new Error(`${what} did not start`);
	return child.pid;
}

export function inRunDir(name: string): string {
	if (!runDir) throw new Error('the run folder does not exist yet');
	return join(runDir, name);
}
