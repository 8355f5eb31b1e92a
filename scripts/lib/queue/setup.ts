/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** Before the n8n processes start: packages, runtime and tarball, the run's servers, and main's user folder. */
import { randomBytes } from 'node:crypto';
import * as local from '../n8n-local';
import type { CredentialJson } from '../n8n-local';
import { exampleCredentials } from '../demo';
import { startRecorder, type Recorder } from '../recorder';
import { installPackInto, type Runtime } from '../runtime';
import { type EnvAdditions } from '../command';
import { say } from './common';
import { DEDUP_NODE, N8N_VERSION, POSTGRES_NODE } from './config';
import { ensurePackages } from './debian';
import { ROLES } from './n8n';
import { startPostgres, type Postgres } from './postgres';
import { startRedis, type Redis } from './redis';
import { createRunFolder, inRunDir, services } from './services';
import { captures, captureWorkflow, recipe, type Capture, type Recipe } from './workflows';

/** Debian's PostgreSQL and Redis, the cached n8n runtime, and the pack's tarball. */
export async function installPrerequisites(): Promise<{ runtime: Runtime; tarball: string }> {
	await ensurePackages();
	const runtime = await local.ensureRuntime({ n8nVersion: N8N_VERSION, log: say });
	const tarball = await local.packProject({ log: say });
	return { runtime, tarball };
}

export interface Services {
	recorder: Recorder;
	postgres: Postgres;
	redis: Redis;
}

/** The run folder, the recorder, PostgreSQL and Redis. */
export async function startServices({
	appendOnly = false,
	answerDelayMs = 0,
} = {}): Promise<Services> {
	say(`run folder ${createRunFolder()}`);
	const recorder = await startRecorder({ answerDelayMs });
	services.push({
		name: 'recorder',
		role: 'recorder',
		pid: process.pid,
		stop: () => recorder.close(),
	});
	const postgres = await startPostgres();
	const redis = await startRedis({ appendOnly });
	return { recorder, postgres, redis };
}

/** What every n8n process shares: queue mode, the same database, the same Redis, the same key. */
export function sharedEnvironment({ postgres, redis }: Services): EnvAdditions {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// n8n's default pool is 2 connections per process: with tens of deliveries in flight its own DB health
		// ping then waits behind them, times out, and the webhook process answers 503 until the next ping.
		DB_POSTGRESDB_POOL_SIZE: '10',
		// n8n exits when its Redis connection has been retrying for this long in all (10 s by default): a Redis
		// restart must not take every n8n process down with it (docs/scaling.md, "Faults").
		QUEUE_BULL_REDIS_TIMEOUT_THRESHOLD: '120000',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
	};
}

export interface Imported {
	captures: Capture[];
	dedup: Recipe;
	postgres: Recipe;
}

/** The credential the PostgreSQL recipe of examples/ uses, on the run's botlists database. */
export function postgresCredential(postgres: Postgres): CredentialJson {
	return {
		id: 'bltCredPostgres01',
		name: 'Postgres account',
		type: 'postgres',
		data: {
			host: '127.0.0.1',
			port: postgres.port,
			database: 'botlists',
			user: 'n8n',
			password: postgres.password,
			ssl: 'disable',
			maxConnections: 20,
		},
	};
}

/** main's user folder: the pack, the demo credentials plus PostgreSQL's, and every workflow published. */
export async function importWorkflows(
	runtime: Runtime,
	tarball: string,
	{ recorder, postgres }: Services,
	env: EnvAdditions,
): Promise<Imported> {
	const credentials: CredentialJson[] = [
		...exampleCredentials({ discordWebhookUrl: `${recorder.url}/discord` }),
		postgresCredential(postgres),
	];
	const imported: Imported = {
		captures: captures(),
		dedup: recipe(DEDUP_NODE, recorder.url, '/rewards/dedup'),
		postgres: recipe(POSTGRES_NODE, recorder.url, '/rewards/postgres'),
	};
	const workflows = [
		...imported.captures.map((capture) => captureWorkflow(capture, recorder.url)),
		imported.dedup.workflow,
		imported.postgres.workflow,
	];
	await local.prepareInstance({
		runtime,
		tarball,
		userFolder: inRunDir('main'),
		credentials,
		workflows,
		env,
		log: say,
	});
	return imported;
}

/** The pack in the user folder of every other n8n process, as n8n installs community packages. */
export async function installPack(runtime: Runtime, tarball: string): Promise<void> {
	for (const role of ROLES.slice(1))
		await installPackInto({ tarball, userFolder: inRunDir(role.name), runtime, log: () => {} });
	say(`pack installed into the user folder of ${ROLES.map((role) => role.name).join(', ')}`);
}
