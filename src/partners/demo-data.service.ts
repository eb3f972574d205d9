import { Injectable } from '@nestjs/common';
import type { Actor } from '../audit/audit.service';
import { ConflictError } from '../common/domain-errors';
import { Transactions } from '../database/transactions';
import { Contact } from './contact';
import { DEMO_PARTNERS } from './demo-data';
import { Partner } from './partner';
import { emailKeyOf, nameKeyOf, PartnersService } from './partners.service';

export interface DemoLoadResult {
  partners: number;
  contacts: number;
  skipped: number;
}

/**
 * Loads the demo network through the directory's own service, so search text, consent dates and
 * the audit trail are what real use produces. Refuses a database that already holds partners
 * unless forced; forced, it adds what is missing and leaves existing partners and emails alone.
 */
@Injectable()
export class DemoDataService {
  constructor(
    private readonly partners: PartnersService,
    private readonly transactions: Transactions,
  ) {}

  load(options: { force?: boolean } = {}): Promise<DemoLoadResult> {
    const actor: Actor = { label: 'demo data' };
    return this.transactions.run(async (manager) => {
      const existing = await manager.getRepository(Partner).count();
      if (existing > 0 && !options.force) {
        throw new ConflictError({ key: 'errors.demo.notEmpty', params: { count: existing } });
      }
      const names = new Set(
        (await manager.getRepository(Partner).find({ select: { nameKey: true } })).map(
          (p) => p.nameKey,
        ),
      );
      const emails = new Set(
        (await manager.getRepository(Contact).find({ select: { emailKey: true } })).map(
          (c) => c.emailKey,
        ),
      );
      const result: DemoLoadResult = { partners: 0, contacts: 0, skipped: 0 };
      for (const { contacts, ...fields } of DEMO_PARTNERS) {
        if (names.has(nameKeyOf(fields.name))) {
          result.skipped += 1;
          continue;
        }
        const partner = await this.partners.createIn(manager, actor, fields);
        result.partners += 1;
        for (const contact of contacts) {
          const key = emailKeyOf(contact.email);
          if (key && emails.has(key)) continue;
          await this.partners.createContactIn(manager, actor, partner.id, contact, 'demo');
          result.contacts += 1;
        }
      }
      return result;
    });
  }
}
