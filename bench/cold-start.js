'use strict';
// Cold start: what n8n's loader does with the pack at start-up, in fresh processes: require every node and
// credential file listed in the pack's package.json and instantiate its class. n8n-workflow and zod are
// loaded before the clock starts: n8n has loaded them long before it reaches community packages.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** Milliseconds per process, for `processes` fresh processes of `nodeBin` loading the pack in `packDir`. */
function measureColdStart({ nodeBin = process.execPath, packDir, env = process.env, processes = 7 }) {
	const pkg = require(path.join(packDir, 'package.json'));
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(packDir, file));
	const script = `
		require('n8n-workflow'); require('zod');
		const t0 = process.hrtime.bigint();
		for (const file of ${JSON.stringify(files)}) {
			const exported = require(file);
			for (const Type of Object.values(exported)) new Type();
		}
		process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
	const runs = Array.from({ length: processes }, () => Number(execFileSync(nodeBin, ['-e', script], { cwd: packDir, env, encoding: 'utf8' })));
	return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), processes };
}

module.exports = { measureColdStart };
