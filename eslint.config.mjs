import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// The official rules over what ships: nodes/, credentials/ and package.json.
const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];
const plugins = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**'] },
	{
		files: shipped,
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{ files: shipped, ...n8nCommunityNodesPlugin.configs.recommended },
	{ files: ['package.json'], plugins, rules: n8nNodesBase.configs.community.rules },
	{ files: ['credentials/**/*.ts'], plugins, rules: n8nNodesBase.configs.credentials.rules },
	{ files: ['nodes/**/*.ts'], plugins, rules: n8nNodesBase.configs.nodes.rules },
];
