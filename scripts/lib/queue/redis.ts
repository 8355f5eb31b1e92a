/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** A Redis server of this run's own, n8n's queue. */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import * as local from '../n8n-local';
import { logTail, say } from './common';
import { findOnPath, ownFolder, serviceAccount, serviceEnv } from './debian';
import { exitedWithin, inRunDir, killGroup, pidOf, services } from './services';

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => {});
	});
}

export interface Redis {
	port: number;
	/** Shuts the server down as `redis-server` does on SIGTERM (with `appendOnly`, the queue is on disk first). */
	stop(): Promise<void>;
	/** Starts it again on the same port and folder; resolves once it answers PING. */
	start(): Promise<void>;
}

/**
 * A Redis server on loopback in the run folder. `appendOnly` keeps the queue across a restart (what
 * `npm run test:faults` needs); without it, as `npm run test:queue` runs it, nothing is written to disk.
 */
export async function startRedis({ appendOnly = false } = {}): Promise<Redis> {
	const server = findOnPath('redis-server');
	if (!server) throw new Error('redis-server is not installed');
	const account = serviceAccount('redis');
	const dir = ownFolder(inRunDir('redis'), account);
	const port = await local.freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
	if (appendOnly) args.push('--appendonly', 'yes');
	let starts = 0;
	let current: (() => Promise<void>) | undefined;
	const start = async () => {
		const logFile = inRunDir(`redis${starts++ ? `.${starts}` : ''}.log`);
		const out = openSync(logFile, 'w');
		const child = spawn(server, args, {
			...account,
			cwd: dir,
			env: serviceEnv(),
			stdio: ['ignore', out, out],
			detached: true,
		});
		closeSync(out);
		const pid = pidOf(child, 'redis-server');
		const exited = new Promise((resolve) => child.once('exit', resolve));
		current = async () => {
			killGroup(pid, 'SIGTERM');
			if (!(await exitedWithin(child, exited, 10_000))) killGroup(pid, 'SIGKILL');
		};
		services.push({
			name: `Redis (pid ${pid}, port ${port})`,
			label: 'Redis',
			role: 'redis',
			pid,
			stop: current,
		});
		for (let attempt = 0; !(await redisPing(port)); attempt++) {
			if (child.exitCode !== null || attempt > 60)
				throw new Error(`redis-server did not answer PING:\n${logTail(logFile)}`);
			await local.sleep(500);
		}
	};
	await start();
	say(`Redis on 127.0.0.1:${port}${appendOnly ? ' (append-only file on)' : ''}`);
	return { port, start, stop: () => current?.() ?? Promise.resolve() };
}
