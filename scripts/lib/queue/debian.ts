/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** Debian's PostgreSQL and Redis packages, and the accounts and folders their servers run with. */
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { run } from '../command';
import { say } from './common';
import { runFolder } from './services';

export function postgresBinDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((version) =>
			['initdb', 'postgres', 'psql', 'pg_isready'].every((bin) =>
				existsSync(join(base, version, 'bin', bin)),
			),
		)
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(base, versions[0], 'bin') : undefined;
}

export function findOnPath(command: string): string | undefined {
	const dirs = [
		...(process.env.PATH ?? '').split(delimiter),
		'/usr/sbin',
		'/usr/bin',
		'/sbin',
		'/bin',
	];
	return dirs.map((dir) => join(dir, command)).find((file) => existsSync(file));
}

const isRoot = () => process.getuid?.() === 0;

export async function ensurePackages(): Promise<void> {
	if (postgresBinDir() && findOnPath('redis-server')) return;
	if (!isRoot())
		throw new Error(
			'PostgreSQL and Redis are needed: sudo apt-get install -y postgresql redis-server, then run this again',
		);
	// run() streams every apt line; show only its heartbeats and, on failure, the output's tail.
	const log = (line: string) => (line.startsWith('[n8n-runtime]') ? say(line) : undefined);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	say("installing PostgreSQL and Redis from Debian's packages: apt-get update");
	await run('apt-get', ['update'], { env, log, timeoutMs: 10 * 60_000 });
	say('apt-get install -y postgresql redis-server');
	await run('apt-get', ['install', '-y', 'postgresql', 'redis-server'], {
		env,
		log,
		timeoutMs: 20 * 60_000,
	});
	if (!postgresBinDir() || !findOnPath('redis-server'))
		throw new Error('apt-get install finished but initdb or redis-server is missing');
}

/** The account a service runs as: as root, PostgreSQL and Redis run as their own Debian users (PostgreSQL refuses root). */
export interface Account {
	uid?: number;
	gid?: number;
}

export function serviceAccount(user: string): Account {
	if (!isRoot()) return {};
	try {
		const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
		return { uid, gid };
	} catch {
		throw new Error(`user ${user} does not exist (the Debian package creates it)`);
	}
}

export function chownTo(file: string, account: Account): void {
	if (account.uid !== undefined && account.gid !== undefined)
		chownSync(file, account.uid, account.gid);
}

/** A folder owned by `account`, private to it. */
export function ownFolder(dir: string, account: Account): string {
	mkdirSync(dir, { recursive: true });
	chownTo(dir, account);
	chmodSync(dir, 0o700);
	return dir;
}

export function serviceEnv(): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: runFolder() };
}
