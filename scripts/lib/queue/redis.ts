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

export async function startRedis(): Promise<{ port: number }> {
	const server = findOnPath('redis-server');
	if (!server) throw new Error('redis-server is not installed');
	const account = serviceAccount('redis');
	const dir = ownFolder(inRunDir('redis'), account);
	const port = await local.freePort();
	const logFile = inRunDir('redis.log');
	const out = openSync(logFile, 'w');
	const child = spawn(
		server,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
		{
			...account,
			cwd: dir,
			env: serviceEnv(),
			stdio: ['ignore', out, out],
			detached: true,
		},
	);
	closeSync(out);
	const pid = pidOf(child, 'redis-server');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	services.push({
		name: `Redis (pid ${pid}, port ${port})`,
		label: 'Redis',
		role: 'redis',
		pid,
		async stop() {
			killGroup(pid, 'SIGTERM');
			if (!(await exitedWithin(child, exited, 10_000))) killGroup(pid, 'SIGKILL');
		},
	});
	for (let attempt = 0; !(await redisPing(port)); attempt++) {
		if (child.exitCode !== null || attempt > 60)
			throw new Error(`redis-server did not answer PING:\n${logTail(logFile)}`);
		await local.sleep(500);
	}
	say(`Redis on 127.0.0.1:${port}`);
	return { port };
}
