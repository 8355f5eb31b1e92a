const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n also reads each node's icons and codex (.node.json) beside the built file.
function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyAssets;
exports.default = copyAssets;
