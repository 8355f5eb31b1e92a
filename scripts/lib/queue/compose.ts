/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** docs/docker-compose.yml must run what this script runs: the same commands, the same environment. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Runtime } from '../runtime';
import { COMPOSE_FILE } from './config';
import { check } from './results';

/** Keys whose value depends on the machine; the compose file must set them, to its own values. */
const PER_MACHINE = new Set([
	'DB_POSTGRESDB_HOST',
	'DB_POSTGRESDB_PORT',
	'DB_POSTGRESDB_PASSWORD',
	'QUEUE_BULL_REDIS_HOST',
	'QUEUE_BULL_REDIS_PORT',
	'N8N_ENCRYPTION_KEY',
]);
/** Keys needed only because every process shares one host and one file system here; containers do not. */
const ONE_HOST_ONLY = new Set([
	'N8N_USER_FOLDER',
	'N8N_PORT',
	'N8N_LISTEN_ADDRESS',
	'N8N_RUNNERS_BROKER_PORT',
	'QUEUE_HEALTH_CHECK_PORT',
	'N8N_WORKER_SERVER_ADDRESS',
]);
/** Keys only a deployment behind a reverse proxy needs. */
const PROXY_ONLY = new Set(['WEBHOOK_URL', 'N8N_PROXY_HOPS']);
const N8N_KEY = /^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$)/;

/** The n8n settings a running process was started with. */
function liveEnvironment(pid: number): Record<string, string> {
	return Object.fromEntries(
		readFileSync(`/proc/${pid}/environ`, 'utf8')
			.split('\0')
			.filter(Boolean)
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
			.filter(([key]) => N8N_KEY.test(key)),
	);
}

interface ComposeFile {
	services?: Record<
		string,
		{ command?: unknown; environment?: Record<string, unknown> } | undefined
	>;
}
/** One running process per compose service. */
export type ComposedProcesses = Record<string, { pid: number; commandLine: string }>;

/** What one compose service differs in from the process this script runs for it. */
function composeProblems(
	serviceName: string,
	compose: ComposeFile,
	proc: { pid: number; commandLine: string },
): string[] {
	const service = compose.services?.[serviceName];
	if (!service) return [`no service ${serviceName}`];
	const problems: string[] = [];
	const command = Array.isArray(service.command)
		? service.command.join(' ')
		: String(service.command ?? '');
	if (command !== proc.commandLine)
		problems.push(
			`${serviceName}: command "${command}", the script runs "n8n ${proc.commandLine}"`,
		);
	const theirs = Object.fromEntries(
		Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]),
	);
	const ours = liveEnvironment(proc.pid);
	for (const [key, value] of Object.entries(ours)) {
		if (ONE_HOST_ONLY.has(key)) continue;
		if (!(key in theirs))
			problems.push(
				`${serviceName}: ${key} missing (the script runs ${key}=${PER_MACHINE.has(key) ? '…' : value})`,
			);
		else if (!PER_MACHINE.has(key) && theirs[key] !== value)
			problems.push(`${serviceName}: ${key}=${theirs[key]}, the script runs ${value}`);
	}
	for (const key of Object.keys(theirs)) {
		if (!(key in ours) && !PROXY_ONLY.has(key))
			problems.push(`${serviceName}: ${key} is set there, not by the script`);
	}
	return problems;
}

export function checkCompose(runtime: Runtime, processes: ComposedProcesses): boolean {
	if (!existsSync(COMPOSE_FILE))
		return check(
			'docs/docker-compose.yml runs the same commands and environment',
			false,
			'file missing',
		);
	// n8n's own copy of yaml: no dependency of ours.
	const fromRuntime = createRequire(join(runtime.dir, 'package.json'));
	const YAML = fromRuntime('yaml') as {
		parse(text: string, options: { merge: boolean }): ComposeFile;
	};
	const compose = YAML.parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
	const problems = Object.entries(processes).flatMap(([serviceName, proc]) =>
		composeProblems(serviceName, compose, proc),
	);
	return check(
		'docs/docker-compose.yml runs the same commands and environment as this script',
		problems.length === 0,
		problems.join('; '),
	);
}
