/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * One npm package per list, made from the same source as the pack (README "One package or one per list").
 *
 * n8n verifies only packages that integrate one service, so each list also ships alone as
 * `n8n-nodes-botlists-<platform>`: its trigger, its credential and nodes/shared, under the pack's node and
 * credential names. Each has a folder packages/<package>/ in the repository holding its package.json, n8n's
 * default eslint.config.mjs and symlinks to the list's shipped sources: n8n's scanner lints, at the commit a
 * package's provenance names, the folder whose package.json carries the package's name, and `n8n-node lint`
 * runs in that folder as in any n8n-node project. The built files, README and LICENSE are staged into a
 * temporary folder at pack time; nothing built is committed.
 */
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	lstatSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ListKit } from '../../test/shared/kit';
import { readmeOf, REPOSITORY_URL, setupAnchorOf } from './package-readme';

export const ROOT = join(__dirname, '..', '..');
export const PACKAGES_DIR = join(ROOT, 'packages');
/** n8n-node's own template: strict mode (`"strict": true`) requires eslint.config.mjs to be exactly this. */
export const N8N_ESLINT_TEMPLATE = join(
	ROOT,
	'node_modules',
	'@n8n',
	'node-cli',
	'dist',
	'template',
	'templates',
	'shared',
	'default',
	'eslint.config.mjs',
);

export interface Manifest {
	name: string;
	version: string;
	description: string;
	keywords: string[];
	n8n: { n8nNodesApiVersion: number; strict: boolean; credentials: string[]; nodes: string[] };
	[field: string]: unknown;
}

export const readRootManifest = (): Manifest =>
	JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The pack's name with the list's platform name after it: says it is this project's code, and squats no list's own name. */
export const packageNameOf = (kit: ListKit): string => `n8n-nodes-botlists-${kit.platform.name}`;
export const packageDirOf = (kit: ListKit): string => join(PACKAGES_DIR, packageNameOf(kit));

/** Where tsc writes the list's node and credential: the pack's package.json names the same files. */
export const builtNodeOf = (kit: ListKit): string =>
	`dist/nodes/${kit.folder}/${kit.Node.name}.node.js`;
export const builtCredentialOf = (kit: ListKit): string =>
	`dist/credentials/${kit.Credential.name}.credentials.js`;

/** Every node of the list (its trigger, and its action node where the list has an API), as built. */
export const builtNodesOf = (kit: ListKit): string[] => [
	builtNodeOf(kit),
	...(kit.api === undefined ? [] : [`dist/nodes/${kit.folder}/${kit.api.Node.name}.node.js`]),
];
/** Every credential of the list (the webhook secret's, and the API token's where the list has an API), as built. */
export const builtCredentialsOf = (kit: ListKit): string[] => [
	builtCredentialOf(kit),
	...(kit.api === undefined ? [] : [`dist/credentials/${kit.api.Credential.name}.credentials.js`]),
];

/**
 * What ships: the nodes/ and credentials/ folders, whole. tsconfig.build.json compiles their TypeScript and
 * gulpfile.js copies their icons and codex files; every development file (registry, kits, examples, tests) is
 * under test/.
 */
export const SHIPPED_FOLDERS: readonly string[] = ['nodes', 'credentials'];

/** Whether a repository path is in what ships. */
export const isShippedSource = (path: string): boolean =>
	SHIPPED_FOLDERS.some((folder) => path.startsWith(`${folder}/`));

/** The shipped source files of one folder under the repository root (recursively), relative to the root. */
function shippedFilesUnder(folder: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
		const path = `${folder}/${entry.name}`;
		if (entry.isDirectory()) found.push(...shippedFilesUnder(path));
		else if (isShippedSource(path)) found.push(path);
	}
	return found.sort();
}

/** The list's sources a package of it needs: its folder, the shared pipeline and its credential. */
export function sourcesOf(kit: ListKit): string[] {
	return [
		...shippedFilesUnder(`nodes/${kit.folder}`),
		...shippedFilesUnder('nodes/shared'),
		...builtCredentialsOf(kit).map((built) => built.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
	];
}

/** What the list's action node does, in words, from the operations it has (a list offers only what its API has). */
const OPERATION_WORDS: Record<string, string> = {
	postStats: 'post stats',
	get: 'check votes',
	getMany: 'list votes',
};
function apiOperationsOf(api: NonNullable<ListKit['api']>): string {
	const values = new api.Node().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []) as Array<{ value?: unknown }>)
		.map((option) => String(option.value));
	return values.map((value) => OPERATION_WORDS[value] ?? value).join(', ');
}

/** A list's names: "Omniplex (Infinity Bot List)" is two, its current name and its former one. */
export function namesOf(displayName: string): string[] {
	return displayName.split(/ \(|\)/).filter((name) => name !== '');
}

/** The single-list package.json: the pack's own fields, with one node, one credential and its folder named. */
export function manifestOf(kit: ListKit, pack: Manifest = readRootManifest()): Manifest {
	const { displayName } = kit.platform;
	const repository = pack.repository as { type: string; url: string };
	return {
		name: packageNameOf(kit),
		version: pack.version,
		description:
			kit.api === undefined
				? `n8n trigger node for ${displayName} webhooks: verified, validated, one normalized item per delivery. The ${displayName} Trigger of n8n-nodes-botlists, alone.`
				: `n8n nodes for ${displayName}: a trigger for its webhooks (verified, validated, one normalized item per delivery) and an action node for its API (${apiOperationsOf(kit.api)}). The ${displayName} nodes of n8n-nodes-botlists, alone.`,
		keywords: [...pack.keywords, ...namesOf(displayName)],
		license: pack.license,
		// The list's section of the repository's README (packages/<package>/ holds no README of its own).
		homepage: `${REPOSITORY_URL}#${setupAnchorOf(kit)}`,
		author: pack.author,
		repository: { ...repository, directory: `packages/${packageNameOf(kit)}` },
		engines: pack.engines,
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: pack.n8n.n8nNodesApiVersion,
			strict: true,
			credentials: builtCredentialsOf(kit),
			nodes: builtNodesOf(kit),
		},
		peerDependencies: pack.peerDependencies,
	};
}

export const manifestText = (manifest: Manifest): string =>
	JSON.stringify(manifest, null, '\t') + '\n';

/** What packages/<package>/ must hold: file contents by path, and symlinks by path to their targets. */
export function committedFilesOf(kit: ListKit): {
	files: Record<string, string>;
	links: Record<string, string>;
} {
	const links: Record<string, string> = {};
	for (const source of sourcesOf(kit))
		links[source] = relative(dirname(join(packageDirOf(kit), source)), join(ROOT, source));
	return {
		files: {
			'package.json': manifestText(manifestOf(kit)),
			'eslint.config.mjs': readFileSync(N8N_ESLINT_TEMPLATE, 'utf8'),
		},
		links,
	};
}

/** Differences between packages/<package>/ and what the registry and the sources make of it; empty when in step. */
export function staleEntriesOf(kit: ListKit): string[] {
	const dir = packageDirOf(kit);
	const { files, links } = committedFilesOf(kit);
	const stale: string[] = [];
	for (const [path, text] of Object.entries(files)) {
		if (!existsSync(join(dir, path)) || readFileSync(join(dir, path), 'utf8') !== text)
			stale.push(path);
	}
	for (const [path, target] of Object.entries(links)) {
		const at = join(dir, path);
		if (!lstatSync(at, { throwIfNoEntry: false })?.isSymbolicLink() || readlinkSync(at) !== target)
			stale.push(path);
	}
	for (const path of listTree(dir))
		if (!(path in files) && !(path in links)) stale.push(`${path} (not the package's)`);
	return stale;
}

/** Every file and symlink under `dir`, relative to it, leaving out what tools add locally (node_modules). */
function listTree(dir: string, prefix = ''): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = prefix + entry.name;
		if (entry.name === 'node_modules') return [];
		return entry.isDirectory() ? listTree(join(dir, entry.name), `${path}/`) : [path];
	});
}

/** (Re)writes packages/<package>/ from the registry and the sources. */
export function writeCommittedFiles(kit: ListKit): void {
	const dir = packageDirOf(kit);
	for (const path of listTree(dir)) rmSync(join(dir, path));
	const { files, links } = committedFilesOf(kit);
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	for (const [path, target] of Object.entries(links)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		symlinkSync(target, join(dir, path));
	}
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Staging: the package as npm packs it                                                                           */
/* ------------------------------------------------------------------------------------------------------------ */

/**
 * Copies, after `npm run build`, what the package ships into `stage`: package.json, README.md, LICENSE and the
 * built files of the list (node, codex, icons), nodes/shared and the credential. Returns `stage`.
 */
export function stagePackage(kit: ListKit, stage: string): string {
	rmSync(stage, { recursive: true, force: true });
	mkdirSync(stage, { recursive: true });
	const built = join(ROOT, 'dist');
	if (!existsSync(join(ROOT, builtNodeOf(kit))))
		throw new Error(`${builtNodeOf(kit)} is missing: run npm run build first`);
	for (const folder of [`nodes/${kit.folder}`, 'nodes/shared'])
		cpSync(join(built, folder), join(stage, 'dist', folder), { recursive: true });
	for (const credential of builtCredentialsOf(kit))
		cpSync(join(ROOT, credential), join(stage, credential));
	writeFileSync(join(stage, 'package.json'), manifestText(manifestOf(kit)));
	writeFileSync(join(stage, 'README.md'), readmeOf(kit, packageNameOf(kit)));
	cpSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
	return stage;
}

/** Builds the sources, then stages and `npm pack`s the list's package into `out`; returns the tarball's path. */
export function packPackage(kit: ListKit, out: string): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
	const stage = stagePackage(kit, join(out, 'stage', packageNameOf(kit)));
	const [result] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
			cwd: stage,
			encoding: 'utf8',
		}),
	) as Array<{ filename: string }>;
	return join(out, result.filename);
}
