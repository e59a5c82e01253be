import 'reflect-metadata';
import { Container, type ResolutionContext } from 'inversify';
import { administerUser } from '../../application/commands/administerUser';
import { attemptLogin } from '../../application/commands/attemptLogin';
import { changePassword } from '../../application/commands/changePassword';
import { enableDynamicPassword } from '../../application/commands/enableDynamicPassword';
import { registerUser } from '../../application/commands/registerUser';
import { unlockAccount } from '../../application/commands/unlockAccount';
import { authenticate } from '../../application/authenticate';
import { requireStaff } from '../../application/principal';
import type { Clock } from '../../application/ports/clock';
import type { KeyedDigest } from '../../application/ports/digest';
import type { EventStore } from '../../application/ports/eventStore';
import type { PasswordHasher } from '../../application/ports/passwordHasher';
import type { TokenService } from '../../application/ports/tokens';
import { getUser, summarize } from '../../application/queries/getUser';
import { listUsers } from '../../application/queries/listUsers';
import { queryAudit } from '../../application/queries/queryAudit';
import type { UseCases } from '../../application/useCases';
import { parsePattern } from '../../domain/dynamicPassword/pattern';
import type { GlobalDynamicPasswordRule } from '../../domain/dynamicPassword/policy';
import { SystemClock } from '../clock/systemClock';
import type { Config } from '../config';
import { openEventStore } from '../eventStores';
import { Argon2Hasher } from '../hashing/argon2Hasher';
import { SqliteReadModels } from '../readModels/sqliteReadModels';
import { HmacDigest } from '../tokens/hmacDigest';
import { HmacTokenService } from '../tokens/hmacTokens';
import { deriveKey, loadServerSecret } from '../tokens/serverSecret';
import { TYPES } from './types';

/** The composition root: the only place that binds. Tests rebind TYPES.Clock before resolving. */
export function createContainer(config: Config): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const sqlitePath = config.eventStore.kind === 'sqlite' ? config.eventStore.path : null;
  const secret = loadServerSecret(config.tokenSecret, sqlitePath);

  container.bind<Config>(TYPES.Config).toConstantValue(config);
  container.bind<Clock>(TYPES.Clock).to(SystemClock);
  container.bind<EventStore>(TYPES.EventStore).toDynamicValue(() => openEventStore(config.eventStore));
  container.bind<PasswordHasher>(TYPES.PasswordHasher).toDynamicValue(() => new Argon2Hasher(config.hashCost));
  container.bind<TokenService>(TYPES.TokenService).toDynamicValue(() => new HmacTokenService(deriveKey(secret, 'tokens'), config.tokenTtlSeconds));
  container.bind<KeyedDigest>(TYPES.KeyedDigest).toDynamicValue(() => new HmacDigest(deriveKey(secret, 'audit-digest')));
  container.bind<SqliteReadModels>(TYPES.ReadModels).toDynamicValue((ctx) => new SqliteReadModels(ctx.get(TYPES.EventStore), config.readModelPath));
  container.bind<GlobalDynamicPasswordRule>(TYPES.DynamicPasswordRule).toConstantValue(ruleOf(config));
  container.bind<UseCases>(TYPES.UseCases).toDynamicValue(useCasesOf);
  return container;
}

function ruleOf(config: Config): GlobalDynamicPasswordRule {
  const { pattern, timeZone, onlyStaff, users, graceSeconds } = config.dynamicPassword;
  return { pattern: parsePattern(pattern), timeZone, onlyStaff, users: users === null ? null : new Set(users), graceSeconds };
}

function useCasesOf(ctx: ResolutionContext): UseCases {
  const config = ctx.get<Config>(TYPES.Config);
  const store = ctx.get<EventStore>(TYPES.EventStore);
  const clock = ctx.get<Clock>(TYPES.Clock);
  const hasher = ctx.get<PasswordHasher>(TYPES.PasswordHasher);
  const tokens = ctx.get<TokenService>(TYPES.TokenService);
  const digest = ctx.get<KeyedDigest>(TYPES.KeyedDigest);
  const readModels = ctx.get<SqliteReadModels>(TYPES.ReadModels);
  const rule = ctx.get<GlobalDynamicPasswordRule>(TYPES.DynamicPasswordRule);
  const register = registerUser({ store, hasher, clock });
  const audit = queryAudit({ readModels, digest });
  const login = attemptLogin({ store, hasher, clock, tokens, digest, rule, lockout: config.lockout, singleUse: config.dynamicPassword.singleUse });
  return {
    login,
    authenticate: authenticate({ store, clock, tokens }),
    registerUser: async (principal, input) => {
      requireStaff(principal);
      const user = await register({ ...input, actor: principal.key });
      return summarize({ ...user, active: true, dynamicPassword: { mode: 'default' } }, rule);
    },
    changePassword: changePassword({ store, hasher, clock, checkCredential: async (username, typed) => (await login({ username, password: typed })).ok }),
    administerUser: administerUser({ store, clock }),
    enableDynamicPassword: enableDynamicPassword({ store, clock, rule }),
    getUser: getUser({ readModels, rule }),
    listUsers: listUsers({ readModels, rule }),
    queryAudit: audit,
    unlockAccount: unlockAccount({ store, clock, lockout: config.lockout }),
    queryAlerts: (principal, query) => audit(principal, { ...query, alertsOnly: true }),
  };
}
