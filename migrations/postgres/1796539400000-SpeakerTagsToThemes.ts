import { MigrationInterface, QueryRunner } from 'typeorm';
import { moveSpeakerTagsToThemes } from '../shared/speaker-tags-to-themes';

/** Hand-written: speakers' free-text tags become links to themes (see the shared function). */
export class SpeakerTagsToThemes1796539400000 implements MigrationInterface {
  name = 'SpeakerTagsToThemes1796539400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await moveSpeakerTagsToThemes(queryRunner, (n) => `$${n}`);
  }

  async down(): Promise<void> {
    // The links are the speakers' themes now; the free text they came from is not kept.
  }
}
