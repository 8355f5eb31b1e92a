/** Unit tests: the nodes' real webhook() driven through a mocked IWebhookFunctions. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
	reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
