import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { wantsHtml } from '../../common/domain-error.filter';
import type { User } from './user.entity';
import { UsersService } from './users.service';
import { seeOther } from '../../common/http-answers';

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
      .then((some) => (some ? next() : seeOther(response, '/setup')))
      .catch(next);
  };
}

/** Something the set-up form can offer to do for the first administrator (the demo data). */
export interface FirstRunOffer {
  /** Whether to show it now (the demo data: only on an empty directory). */
  available(): Promise<boolean>;
  run(admin: User): Promise<void>;
}

/**
 * Where a feature outside `auth` registers what the set-up form offers, so that `auth` does not
 * depend on it (the demo data spans every context).
 */
@Injectable()
export class FirstRunOffers {
  private readonly logger = new Logger('FirstRun');
  private demo?: FirstRunOffer;

  offerDemoData(offer: FirstRunOffer): void {
    this.demo = offer;
  }

  async demoDataAvailable(): Promise<boolean> {
    return this.demo ? this.demo.available() : false;
  }

  /** Loads it if still possible; a failure is logged, never lost, and leaves the account usable. */
  async loadDemoData(admin: User): Promise<void> {
    if (!this.demo || !(await this.demo.available())) return;
    try {
      await this.demo.run(admin);
    } catch (error) {
      this.logger.error('The demo data could not be loaded', (error as Error)?.stack ?? error);
    }
  }
}
