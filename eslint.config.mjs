import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

// The official community-node rules over what ships: nodes/, credentials/ and package.json.
export default [
	{ ignores: ['dist/**', 'node_modules/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'], ...n8nCommunityNodesPlugin.configs.recommended },
];
