/**
 * `unit`: the nodes' real webhook() driven through a mocked IWebhookFunctions.
 * `e2e`: the packed node installed into real n8n 2.x and 1.x, one instance at a time (see test/e2e).
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
	reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/e2e/'],
			transform,
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			transform,
			slowTestThreshold: 600,
		},
	],
};
