import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// What ships: the nodes and credentials n8n loads, and package.json. Development code is under test/, scripts/, bench/.
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
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: shipped },
	{ files: ['package.json'], plugins, rules: n8nNodesBase.configs.community.rules },
	// The legacy rule sets with the rules n8n's own lint config (`@n8n/node-cli/eslint`, which `n8n-node lint` and n8n's
	// scanner use) turns off: each package's code then passes both without inline comments, which the scanner ignores.
	{
		files: ['credentials/**/*.ts'],
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// The tools, tests and kits: TypeScript's recommended rules, as for any TypeScript code.
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['scripts/**/*.{ts,js}', 'bench/**/*.ts', 'test/**/*.ts'] })),
	{
		files: ['scripts/**/*.js'],
		languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
];
