import type { NextFunction, Request, Response } from 'express';
import { wantsHtml } from '../common/domain-error.filter';
import { UsersService } from './users.service';

const PASS_THROUGH = /^\/(api|assets|health|setup)(\/|$)/;

/**
 * First run: while no staff account exists, browsers asking for a page are sent to the one-time
 * set-up form. API calls, assets and health checks pass. After the first account, this costs
 * nothing (UsersService caches the positive answer).
 */
export function firstRunRedirect(users: UsersService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' || PASS_THROUGH.test(request.path) || !wantsHtml(request)) {
      return next();
    }
    users
      .hasUsers()
      .then((some) => (some ? next() : response.redirect(303, '/setup')))
      .catch(next);
  };
}
