import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuditEntry } from '../src/audit/audit-entry';
import { CreateContactDto } from '../src/partners/create-contact.dto';
import { CreatePartnerDto } from '../src/partners/create-partner.dto';
import { DEMO_PARTNERS } from '../src/partners/demo-data';
import { DemoDataService } from '../src/partners/demo-data.service';
import { createPartner } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('demo data', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('is a realistic network that passes the API validation', () => {
    expect(DEMO_PARTNERS.length).toBeGreaterThanOrEqual(15);
    expect(DEMO_PARTNERS.length).toBeLessThanOrEqual(25);
    const kinds = new Set(DEMO_PARTNERS.map((p) => p.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    for (const { contacts, ...partner } of DEMO_PARTNERS) {
      expect(validateSync(plainToInstance(CreatePartnerDto, partner))).toEqual([]);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(4);
      for (const contact of contacts) {
        expect(validateSync(plainToInstance(CreateContactDto, contact))).toEqual([]);
        expect(contact.email ?? 'x@y.example').toMatch(/\.example$/);
      }
      // Around Comines-Warneton, Lille, Roubaix, Carvin, Mouscron, Ieper.
      expect(partner.latitude).toBeGreaterThan(50.4);
      expect(partner.latitude).toBeLessThan(50.9);
      expect(partner.longitude).toBeGreaterThan(2.8);
      expect(partner.longitude).toBeLessThan(3.3);
    }
  });

  it('loads through the directory service: searchable, audited', async () => {
    const result = await t.app.get(DemoDataService).load();
    const contacts = DEMO_PARTNERS.reduce((n, p) => n + p.contacts.length, 0);
    expect(result).toEqual({ partners: DEMO_PARTNERS.length, contacts, skipped: 0 });
    const list = await staff.api.get('/api/partners?pageSize=100').expect(200);
    expect(list.body.total).toBe(DEMO_PARTNERS.length);
    const equipe = await staff.api.get('/api/partners?q=equipe').expect(200);
    expect(equipe.body.items.map((p: { name: string }) => p.name)).toContain(
      'Équipe Emploi Jeunes Lille-Sud',
    );
    const byContact = await staff.api.get('/api/partners?q=vandenbussche').expect(200);
    expect(byContact.body.total).toBe(1);
    const entries = await t.dataSource
      .getRepository(AuditEntry)
      .countBy({ actorLabel: 'demo data', action: 'create' });
    expect(entries).toBe(DEMO_PARTNERS.length + contacts);
  });

  it('refuses a database with partners unless forced, then adds only what is missing', async () => {
    await expect(t.app.get(DemoDataService).load()).rejects.toMatchObject({
      text: { key: 'errors.demo.notEmpty', params: { count: DEMO_PARTNERS.length } },
    });
    await createPartner(staff, { name: 'Partenaire local' });
    const forced = await t.app.get(DemoDataService).load({ force: true });
    expect(forced).toEqual({ partners: 0, contacts: 0, skipped: DEMO_PARTNERS.length });
    const list = await staff.api.get('/api/partners?pageSize=100').expect(200);
    expect(list.body.total).toBe(DEMO_PARTNERS.length + 1);
  });
});
