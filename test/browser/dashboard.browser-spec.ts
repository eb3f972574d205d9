import { Transactions } from '../../src/database/transactions';
import { Invitation } from '../../src/meetings/invitations/invitation.entity';
import { Meeting } from '../../src/meetings/meeting.entity';
import type { Partner } from '../../src/partners/partner.entity';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import {
  createMeeting,
  createPartner,
  createProject,
  insertLaunchedProjects,
} from '../support/projects';
import { createStaff, type Staff } from '../support/staff';

describe('browser: staff dashboard and project pages', () => {
  let t: BrowserTestApp;
  let staff: Staff;
  let projectId: number;

  beforeAll(async () => {
    t = await createBrowserTestApp();
    staff = await createStaff(t, 'coordinator');
    const partners: Partner[] = [];
    for (const name of ['Mission locale', 'Centre social', 'Association Relais']) {
      partners.push((await createPartner(t, { name, contacts: [`Contact ${name}`] })).partner);
    }
    const attendance = ['present', 'absent', 'excused'] as const;
    for (let i = 0; i < 4; i += 1) {
      const meeting = await createMeeting(
        t,
        `2026-0${1 + (i % 2)}-${10 + i}T14:00:00Z`,
        `Réunion ${i + 1}`,
      );
      await t.app.get(Transactions).run(async (manager) => {
        await manager.getRepository(Meeting).update({ id: meeting.id }, { status: 'held' });
        await manager.getRepository(Invitation).insert(
          partners.map((p, k) => ({
            meetingId: meeting.id,
            partnerId: p.id,
            invited: !(i === 3 && k === 2),
            attendance: i === 3 && k === 2 ? null : attendance[(i + k) % 3],
          })),
        );
      });
    }
    const next = await createMeeting(t, '2026-03-12T14:00:00Z', 'Prochaine plénière');
    await t.app.get(Transactions).run((manager) =>
      manager.getRepository(Invitation).insert(
        partners.map((p, k) => ({
          meetingId: next.id,
          partnerId: p.id,
          invited: true,
          answer: k === 0 ? ('coming' as const) : null,
        })),
      ),
    );
    await insertLaunchedProjects(t, partners[1].id, 2, new Date('2025-11-20T09:00:00Z'));
    await insertLaunchedProjects(t, partners[2].id, 3, new Date('2026-01-20T09:00:00Z'));
    projectId = (
      await createProject(staff, {
        title: 'Forum emploi',
        leadPartnerId: partners[0].id,
        status: 'launched',
      })
    ).id;
  });
  afterAll(() => t.close());

  it('shows an accessible dashboard, project list and project page', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('table', { name: /Participation/ }).waitFor();
    await checkPage(page, 'dashboard');
    await page.goto('/projects?state=overdue');
    await checkPage(page, 'projects-list');
    await page.goto(`/projects/${projectId}`);
    await checkPage(page, 'project-page');
    await page.goto('/projects/new');
    await checkPage(page, 'project-new');
    await context.close();
  });

  it('lets staff add a follow-up through the form', async () => {
    const context = await t.newContext({ viewport: { width: 820, height: 1180 } });
    const page = await context.newPage();
    await page.goto('/login');
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto(`/projects/${projectId}`);
    await page.getByLabel('Où en est le projet ?').fill('Premier contact avec les entreprises');
    await page.getByLabel('Prochaine étape (facultatif)').fill('Réserver la salle');
    await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await page.getByRole('status').waitFor();
    expect(new URL(page.url()).search).toBe('?saved=1');
    const followUps = await staff.api.get(`/api/projects/${projectId}/follow-ups`).expect(200);
    expect(followUps.body).toHaveLength(1);
    expect(followUps.body[0]).toMatchObject({
      text: 'Premier contact avec les entreprises',
      nextStep: 'Réserver la salle',
    });
    await checkPage(page, 'project-page-saved');
    await context.close();
  });
});
