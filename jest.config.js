/** Jest runs the TypeScript sources through ts-jest as CommonJS. inversify 8 ships ESM only,
 * so its packages are transformed too (Node itself loads them through require(esm)). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(inversify|@inversifyjs)/)'],
  testTimeout: 30000,
};
