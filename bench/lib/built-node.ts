/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * A list's trigger as the pack ships it: the class in dist/ that `npm run build` compiled, not the TypeScript
 * source the registry imports, so the benchmarks measure the code n8n loads.
 */
import type { INodeType } from 'n8n-workflow';
import { join } from 'node:path';
import type { ListKit } from '../../test/shared/kit';
import { ROOT } from '../../scripts/lib/n8n-local';

export type NodeClass = new () => INodeType;

/** dist/nodes/<folder>/<Node.name>.node.js: where the build writes the kit's node. */
export const builtNodeFile = (kit: ListKit): string =>
	join(ROOT, 'dist', 'nodes', kit.folder, `${kit.Node.name}.node.js`);

/** The built class of the kit's node; throws when dist/ lacks it (build first). */
export function builtNode(kit: ListKit): NodeClass {
	const file = builtNodeFile(kit);
	let exported: Record<string, unknown>;
	try {
		// A path known only at run time, to a compiled CommonJS module of the pack: an import cannot name it.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		exported = require(file);
	} catch (error) {
		throw new Error(
			`cannot load ${file}: run \`npm run build\` first (${error instanceof Error ? error.message : String(error)})`,
		);
	}
	const Node = exported[kit.Node.name];
	if (typeof Node !== 'function') throw new Error(`${file} exports no class ${kit.Node.name}`);
	return Node as NodeClass; // the build of kit.Node, which the registry types as a NodeClass
}
