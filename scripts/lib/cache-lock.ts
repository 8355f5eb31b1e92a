/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * The lock directory that lets concurrent processes (a test run, `npm start`, a warm-up) share one install of a
 * cache entry of scripts/lib/runtime.ts: `mkdir` is atomic, the owner (pid, host, time) is written inside it, and
 * a lock whose owner died (or that is absurdly old) is removed by whoever waits for it.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Log } from './command';

/** A lock whose owner is alive is still stale after this long: no install takes two hours. */
const LOCK_MAX_AGE_MS = 2 * 3600_000;
/** A lock dir without its owner file is stale after this long: the owner writes it right after mkdir. */
const OWNERLESS_LOCK_MAX_AGE_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));

/** The `code` of a Node.js system error (EEXIST, EPERM, ...), if `error` has one. */
function errorCode(error: unknown): string | undefined {
	return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errorCode(error) === 'EPERM'; // alive, but someone else's
	}
}

interface LockOwner {
	pid: number;
	host: string;
	at: number;
}

/** The owner a lock dir names, or null while owner.json is not written yet (or after a crash right after mkdir). */
function readOwner(ownerFile: string): LockOwner | null {
	try {
		const owner: unknown = JSON.parse(readFileSync(ownerFile, 'utf8'));
		if (typeof owner !== 'object' || owner === null) return null;
		const { pid, host, at } = owner as Partial<LockOwner>;
		return typeof pid === 'number' && typeof host === 'string' && typeof at === 'number'
			? { pid, host, at }
			: null;
	} catch {
		return null;
	}
}

/** Creates the lock dir; false when someone else holds it. mkdir is atomic, so only one process gets it. */
function tryLock(lockDir: string, ownerFile: string): boolean {
	try {
		mkdirSync(lockDir);
	} catch (error) {
		if (errorCode(error) === 'EEXIST') return false;
		throw error;
	}
	writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
	return true;
}

/** A lock is stale if its owner (on this host) is dead, or it is absurdly old; without an owner, by the dir's age. */
function lockIsStale(lockDir: string, owner: LockOwner | null): boolean {
	const age =
		Date.now() - (owner?.at ?? statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
	if (owner === null) return age > OWNERLESS_LOCK_MAX_AGE_MS;
	return (owner.host === hostname() && !pidAlive(owner.pid)) || age > LOCK_MAX_AGE_MS;
}

/** Removes a stale lock, renaming it first so that two waiters cannot both delete and one then remove the other's fresh lock. */
function removeStaleLock(lockDir: string): void {
	const aside = `${lockDir}.stale-${process.pid}-${Date.now()}`;
	try {
		renameSync(lockDir, aside);
		rmSync(aside, { recursive: true, force: true });
	} catch {
		// another waiter moved it first
	}
}

/** Runs `fn` holding the lock dir, so that only one process installs a given cache entry; the others wait. */
export async function withLock<T>(
	lockDir: string,
	{ log, noteEveryMs }: { log: Log; noteEveryMs: number },
	fn: () => Promise<T>,
): Promise<T> {
	const ownerFile = join(lockDir, 'owner.json');
	let lastNote = 0;
	while (!tryLock(lockDir, ownerFile)) {
		const owner = readOwner(ownerFile);
		if (lockIsStale(lockDir, owner)) {
			log(
				`[n8n-runtime] removing stale lock ${lockDir} (${owner ? `pid ${owner.pid}` : 'no owner'})`,
			);
			removeStaleLock(lockDir);
			continue;
		}
		if (Date.now() - lastNote >= noteEveryMs) {
			log(
				`[n8n-runtime] waiting for another install (lock ${lockDir}, pid ${owner?.pid ?? '?'})...`,
			);
			lastNote = Date.now();
		}
		await sleep(1000);
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
