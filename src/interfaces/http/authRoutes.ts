import { Router, type Request, type RequestHandler } from 'express';
import type { LoginInput } from '../../application/commands/attemptLogin';
import type { UseCases } from '../../application/useCases';
import { LoginBody } from './dto/loginBody';
import { problem, sendProblem } from './problem';
import { toDto } from './validation';

const MAX_USER_AGENT = 256;

/**
 * The one answer to every failed login, whatever the reason (unknown user, wrong password, wrong
 * pattern, inactive, empty password): same status, headers and bytes, so nothing tells them apart.
 */
export const LOGIN_FAILED = problem(401, 'invalid credentials');

export function authRoutes(useCases: Pick<UseCases, 'login'>, json: RequestHandler[], throttle: RequestHandler): Router {
  const router = Router();
  router.post('/login', throttle, ...json, async (req, res) => {
    const body = await toDto(LoginBody, req.body ?? {}, 'body');
    const result = await useCases.login(loginInput(req, body));
    if (!result.ok) {
      sendProblem(res, LOGIN_FAILED);
      return;
    }
    res.status(200).json({
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      user: { username: result.user.username, staff: result.user.staff },
    });
  });
  return router;
}

function loginInput(req: Request, body: LoginBody): LoginInput {
  const userAgent = req.get('user-agent')?.slice(0, MAX_USER_AGENT);
  return {
    username: body.username,
    password: body.password,
    ...(req.ip !== undefined && { ip: req.ip }),
    ...(userAgent && { userAgent }),
  };
}
