import { Router, type Request, type RequestHandler } from 'express';
import type { AdminAction } from '../../application/commands/administerUser';
import type { UserSummary } from '../../application/queries/getUser';
import type { UseCases } from '../../application/useCases';
import { principalOf, requirePrincipal } from './authenticate';
import { ChangePasswordBody } from './dto/changePasswordBody';
import { DynamicPasswordBody } from './dto/dynamicPasswordBody';
import { RegisterUserBody } from './dto/registerUserBody';
import { HttpProblem, problem } from './problem';
import { toDto } from './validation';

/** Mounted at /users. Who may do what is the use cases' decision (AccessDenied → 401/403). */
export function userRoutes(useCases: UseCases, json: RequestHandler[]): Router {
  const router = Router();
  router.use(requirePrincipal(useCases), noQuery);

  router.post('/', ...json, async (req, res) => {
    const body = await toDto(RegisterUserBody, req.body ?? {}, 'body');
    const input = { username: body.username, password: body.password, staff: body.staff ?? false };
    const user = await useCases.registerUser(principalOf(res), input);
    res.status(201).location(`/users/${encodeURIComponent(user.username)}`).json(summary(user));
  });

  router.get('/', noBody, async (_req, res) => {
    const users = await useCases.listUsers(principalOf(res));
    res.status(200).json({ items: users.map(summary) });
  });

  router.get('/:username', noBody, async (req, res) => {
    res.status(200).json(summary(await useCases.getUser(principalOf(res), usernameOf(req))));
  });

  router.put('/:username/password', ...json, async (req, res) => {
    const body = await toDto(ChangePasswordBody, req.body ?? {}, 'body');
    await useCases.changePassword(principalOf(res), usernameOf(req), body.password, body.currentPassword);
    res.status(204).end();
  });

  router.put('/:username/dynamic-password', ...json, async (req, res) => {
    const body = await toDto(DynamicPasswordBody, req.body ?? {}, 'body');
    const options = {
      ...(body.pattern !== undefined && { pattern: body.pattern }),
      ...(body.timeZone !== undefined && { timeZone: body.timeZone }),
    };
    await useCases.enableDynamicPassword(principalOf(res), usernameOf(req), options);
    res.status(204).end();
  });

  const admin = (action: AdminAction): RequestHandler => async (req, res) => {
    await useCases.administerUser(principalOf(res), usernameOf(req), action);
    res.status(204).end();
  };
  router.post('/:username/staff', noBody, admin('GrantStaff'));
  router.delete('/:username/staff', noBody, admin('RevokeStaff'));
  router.delete('/:username/dynamic-password', noBody, admin('DisableDynamicPassword'));
  router.post('/:username/dynamic-password/reset', noBody, admin('ClearDynamicPasswordSetting'));
  router.post('/:username/deactivate', noBody, admin('DeactivateUser'));
  router.post('/:username/reactivate', noBody, admin('ReactivateUser'));
  router.post('/:username/unlock', noBody, async (req, res) => {
    await useCases.unlockAccount(principalOf(res), usernameOf(req));
    res.status(204).end();
  });
  return router;
}

/** No /users route takes a query string: an unknown parameter is refused, not ignored. */
const noQuery: RequestHandler = (req, _res, next) => {
  const names = Object.keys(req.query);
  if (names.length === 0) return next();
  next(new HttpProblem(problem(400, 'request is invalid', names.slice(0, 5).map((name) => ({ field: name.slice(0, 64), message: 'no query parameters are accepted here' })))));
};

/** Routes whose only input is the path refuse a body rather than ignore it. */
const noBody: RequestHandler = (req, _res, next) => {
  const declared = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
  next(declared ? new HttpProblem(problem(400, 'this request takes no body')) : undefined);
};

/** A named route parameter is always one string; the array type covers wildcards only. */
function usernameOf(req: Request): string {
  return String(req.params.username);
}

/** Copies the published fields only, so nothing added to the summary later leaks by accident. */
function summary(user: UserSummary): UserSummary {
  return {
    username: user.username,
    staff: user.staff,
    active: user.active,
    dynamicPassword: { required: user.dynamicPassword.required, source: user.dynamicPassword.source },
  };
}
