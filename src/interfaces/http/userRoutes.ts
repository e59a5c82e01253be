import { Router, type Request, type RequestHandler } from 'express';
import type { AdminAction } from '../../application/commands/administerUser';
import type { UserSummary } from '../../application/queries/getUser';
import type { UseCases } from '../../application/useCases';
import { principalOf, requirePrincipal } from './authenticate';
import { ChangePasswordBody } from './dto/changePasswordBody';
import { DynamicPasswordBody } from './dto/dynamicPasswordBody';
import { RegisterUserBody } from './dto/registerUserBody';
import { toDto } from './validation';

/** Mounted at /users. Who may do what is the use cases' decision (AccessDenied → 401/403). */
export function userRoutes(useCases: UseCases, json: RequestHandler[]): Router {
  const router = Router();
  router.use(requirePrincipal(useCases));

  router.post('/', ...json, async (req, res) => {
    const body = await toDto(RegisterUserBody, req.body ?? {}, 'body');
    const input = { username: body.username, password: body.password, staff: body.staff ?? false };
    const user = await useCases.registerUser(principalOf(res), input);
    res.status(201).location(`/users/${encodeURIComponent(user.username)}`).json(summary(user));
  });

  router.get('/', async (_req, res) => {
    const users = await useCases.listUsers(principalOf(res));
    res.status(200).json({ items: users.map(summary) });
  });

  router.get('/:username', async (req, res) => {
    res.status(200).json(summary(await useCases.getUser(principalOf(res), usernameOf(req))));
  });

  router.put('/:username/password', ...json, async (req, res) => {
    const body = await toDto(ChangePasswordBody, req.body ?? {}, 'body');
    await useCases.changePassword(principalOf(res), usernameOf(req), body.password);
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
  router.post('/:username/staff', admin('GrantStaff'));
  router.delete('/:username/staff', admin('RevokeStaff'));
  router.delete('/:username/dynamic-password', admin('DisableDynamicPassword'));
  router.post('/:username/deactivate', admin('DeactivateUser'));
  router.post('/:username/reactivate', admin('ReactivateUser'));
  router.post('/:username/unlock', async (req, res) => {
    await useCases.unlockAccount(principalOf(res), usernameOf(req));
    res.status(204).end();
  });
  return router;
}

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
