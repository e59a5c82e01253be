/** Every service identifier of the composition root. Only container.ts binds them. */
export const TYPES = {
  Config: Symbol.for('dynpass.Config'),
  Clock: Symbol.for('dynpass.Clock'),
  EventStore: Symbol.for('dynpass.EventStore'),
  PasswordHasher: Symbol.for('dynpass.PasswordHasher'),
  TokenService: Symbol.for('dynpass.TokenService'),
  KeyedDigest: Symbol.for('dynpass.KeyedDigest'),
  ReadModels: Symbol.for('dynpass.ReadModels'),
  DynamicPasswordRule: Symbol.for('dynpass.DynamicPasswordRule'),
  UseCases: Symbol.for('dynpass.UseCases'),
} as const;
