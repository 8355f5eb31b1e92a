const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n also reads each node's icons and codex (.node.json) beside the built file.
// Other JSON under nodes/ (a list's documented examples) is development data and stays out of the package.
function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyAssets;
exports.default = copyAssets;
