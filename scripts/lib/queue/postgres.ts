/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** A PostgreSQL server of this run's own: n8n's database and the botlists database of the PostgreSQL recipe. */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as local from '../n8n-local';
import { logTail, say } from './common';
import {
	chownTo,
	ownFolder,
	postgresBinDir,
	serviceAccount,
	serviceEnv,
	type Account,
} from './debian';
import { exitedWithin, inRunDir, killGroup, pidOf, runFolder, services } from './services';

/** The botlist_events table exactly as README.md "Never reward twice" defines it. */
function botlistEventsTable(): string {
	const readme = readFileSync(join(local.ROOT, 'README.md'), 'utf8');
	const match = readme.match(/```sql\s*\n(CREATE TABLE botlist_events[\s\S]*?;)\s*\n```/);
	if (!match)
		throw new Error(
			'README.md no longer holds the "CREATE TABLE botlist_events" block this scenario creates',
		);
	return match[1];
}

export interface Postgres {
	port: number;
	/** The password of role n8n, which owns both databases. */
	password: string;
	/** Runs `sql` as role n8n; resolves with psql's unaligned, tab-separated output. */
	query(database: string, sql: string): Promise<string>;
	/** A fast shutdown: open connections are cut, running queries fail. */
	stop(): Promise<void>;
	/** Starts the server again on the same port and data; resolves once it accepts connections. */
	start(): Promise<void>;
}

function psqlRunner(bin: string, port: number) {
	return (user: string, password: string, database: string, sql: string): Promise<string> =>
		new Promise((resolve, reject) =>
			execFile(
				join(bin, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					user,
					'-d',
					database,
					'-v',
					'ON_ERROR_STOP=1',
					'-X',
					'-q',
					'-A',
					'-t',
					'-F',
					'\t',
					'-c',
					sql,
				],
				{
					env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
					timeout: 60_000,
					encoding: 'utf8',
				},
				(error, stdout, stderr) =>
					error ? reject(new Error(`psql: ${stderr || error.message}`)) : resolve(stdout),
			),
		);
}

/** initdb a fresh cluster in `dataDir` owned by `account`, superuser `postgres` with `superPassword`. */
function initPostgres(bin: string, dataDir: string, account: Account, superPassword: string): void {
	const passwordFile = inRunDir('postgres-superuser-password');
	writeFileSync(passwordFile, superPassword, { mode: 0o600 });
	chownTo(passwordFile, account);
	say(
		`initdb ${dataDir} (${basename(dirname(bin))}, ${account.uid !== undefined ? 'as user postgres' : 'as this user'})`,
	);
	try {
		execFileSync(
			join(bin, 'initdb'),
			[
				'-D',
				dataDir,
				'-U',
				'postgres',
				'-A',
				'scram-sha-256',
				`--pwfile=${passwordFile}`,
				'-E',
				'UTF8',
				'--locale=C',
			],
			{
				...account,
				cwd: runFolder(),
				env: serviceEnv(),
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: 120_000,
			},
		);
	} catch (error) {
		const stderr = (error as { stderr?: Buffer }).stderr?.toString();
		throw new Error(
			`initdb failed: ${stderr || (error instanceof Error ? error.message : String(error))}`,
		);
	} finally {
		rmSync(passwordFile, { force: true });
	}
}

type Psql = ReturnType<typeof psqlRunner>;

/** Starts the server on `port`, its output in `logFile`; a service of the run, which stops it at the end. */
function spawnPostgres(
	bin: string,
	dataDir: string,
	account: Account,
	port: number,
	logFile: string,
): ChildProcess {
	const out = openSync(logFile, 'w');
	// TCP on loopback only, no Unix socket: nothing else on the machine can reach it by accident.
	const child = spawn(
		join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
		],
		{
			...account,
			cwd: runFolder(),
			env: serviceEnv(),
			stdio: ['ignore', out, out],
			detached: true,
		},
	);
	closeSync(out);
	return child;
}

/** Registers the server as a service of the run; returns how to stop it (a fast shutdown, SIGKILL after 20 s). */
function registerService(child: ChildProcess, port: number): () => Promise<void> {
	const pid = pidOf(child, 'postgres');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const stop = async () => {
		try {
			process.kill(pid, 'SIGINT'); // fast shutdown
		} catch {
			// already gone
		}
		if (!(await exitedWithin(child, exited, 20_000))) killGroup(pid, 'SIGKILL');
	};
	services.push({
		name: `PostgreSQL (pid ${pid}, port ${port})`,
		label: 'PostgreSQL',
		role: 'postgres',
		pid,
		stop,
	});
	return stop;
}

/** Polls with `SELECT 1` for up to 30 s; fails at once, with the log's tail, if the server exits. */
async function waitUntilReady(
	psql: Psql,
	child: ChildProcess,
	logFile: string,
	superPassword: string,
): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		if (child.exitCode !== null) throw new Error(`postgres exited:\n${logTail(logFile)}`);
		const ready = await psql('postgres', superPassword, 'postgres', 'SELECT 1').then(
			() => true,
			() => false,
		);
		if (ready) return;
		if (attempt > 60)
			throw new Error(`postgres did not accept connections within 30 s:\n${logTail(logFile)}`);
		await local.sleep(500);
	}
}

/** Role n8n, owner of n8n's database and of the botlists database with its botlist_events table. */
async function createDatabases(
	psql: Psql,
	superPassword: string,
	n8nPassword: string,
): Promise<void> {
	await psql(
		'postgres',
		superPassword,
		'postgres',
		`CREATE ROLE n8n LOGIN PASSWORD '${n8nPassword}'`,
	);
	await psql('postgres', superPassword, 'postgres', 'CREATE DATABASE n8n OWNER n8n');
	await psql('postgres', superPassword, 'postgres', 'CREATE DATABASE botlists OWNER n8n');
	await psql('n8n', n8nPassword, 'botlists', botlistEventsTable());
}

export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const account = serviceAccount('postgres');
	const dataDir = ownFolder(inRunDir('postgres'), account);
	const superPassword = randomBytes(18).toString('hex');
	const n8nPassword = randomBytes(18).toString('hex');
	initPostgres(bin, dataDir, account, superPassword);

	const port = await local.freePort();
	const psql = psqlRunner(bin, port);
	let starts = 0;
	let stop = () => Promise.resolve();
	const start = async () => {
		const logFile = inRunDir(`postgres${starts++ ? `.${starts}` : ''}.log`);
		const child = spawnPostgres(bin, dataDir, account, port, logFile);
		stop = registerService(child, port);
		await waitUntilReady(psql, child, logFile, superPassword);
	};
	await start();
	await createDatabases(psql, superPassword, n8nPassword);
	say(
		`PostgreSQL on 127.0.0.1:${port}: databases n8n (n8n's own) and botlists (table botlist_events), role n8n`,
	);
	return {
		port,
		password: n8nPassword,
		query: (database, sql) => psql('n8n', n8nPassword, database, sql),
		stop: () => stop(),
		start,
	};
}
