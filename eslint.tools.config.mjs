import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

// The repository's own rules for its tools and tests, which eslint.config.mjs (n8n's, for the code n8n loads) also
// lints: `npm run lint` runs both. n8n's plugin is registered with their rules off so that the directives naming
// them resolve here; eslint.config.mjs reports any directive no longer needed.
const tools = ['scripts/**/*.{ts,js}', 'bench/**/*.ts', 'test/**/*.ts'];

export default [
	{ ignores: ['dist/**', 'node_modules/**'] },
	{
		plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin },
		linterOptions: { reportUnusedDisableDirectives: 'off' },
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: tools })),
	{
		files: ['scripts/**/*.js'],
		languageOptions: {
			sourceType: 'commonjs',
			globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
		},
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
];
