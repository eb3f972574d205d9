import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { ParticipantDto } from './create-project.dto';
import { FollowUpLink } from './follow-ups/follow-up-link.entity';
import type { Project } from './project.entity';
import { ProjectParticipant } from './project-participant.entity';
import { ProjectReferences } from './project-references';

/**
 * Who takes part in a project beside its lead: the participant list (checked, then replaced), and
 * what a change of lead partner undoes (the new lead as a participant, the former lead's links).
 */
@Injectable()
export class ProjectParticipants {
  constructor(private readonly references: ProjectReferences) {}

  /** Replaces the participants with the list (never the lead, never twice, existing partners). */
  async replace(manager: EntityManager, project: Project, list: ParticipantDto[]): Promise<void> {
    const repository = manager.getRepository(ProjectParticipant);
    const current = list.length
      ? (await repository.findBy({ projectId: project.id })).map((p) => p.partnerId)
      : [];
    await this.references.checkParticipants(manager, project.leadPartnerId, list, current);
    await repository.delete({ projectId: project.id });
    if (list.length > 0) {
      await repository.insert(
        list.map((p) => ({ projectId: project.id, partnerId: p.partnerId, role: p.role.trim() })),
      );
    }
  }

  /** The new lead partner stops being a participant (when the list itself was not replaced). */
  async dropLeadFromParticipants(manager: EntityManager, project: Project): Promise<void> {
    await manager
      .getRepository(ProjectParticipant)
      .delete({ projectId: project.id, partnerId: project.leadPartnerId });
  }

  /** Links given to contacts of a former lead partner stop working. */
  async revokeLinksOutsideLead(manager: EntityManager, project: Project, now: Date): Promise<void> {
    const links = await manager.getRepository(FollowUpLink).find({
      where: { projectId: project.id, revokedAt: IsNull() },
      relations: { contact: true },
    });
    const stale = links.filter((l) => l.contact?.partnerId !== project.leadPartnerId);
    if (stale.length === 0) return;
    await manager
      .getRepository(FollowUpLink)
      .update({ id: In(stale.map((l) => l.id)), revokedAt: IsNull() }, { revokedAt: now });
  }
}
