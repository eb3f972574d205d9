import { MigrationInterface, QueryRunner } from 'typeorm';

export class MinutesReview1796600008000 implements MigrationInterface {
  name = 'MinutesReview1796600008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "minutes_review_proposals" ("id" SERIAL NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "paragraph" integer NOT NULL, "kind" character varying(10) NOT NULL, "body" text NOT NULL, "status" character varying(10) NOT NULL, "reason" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_user_id" integer, CONSTRAINT "PK_2d4da70abdf295ebaf93a580f43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_contact" ON "minutes_review_proposals" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_round" ON "minutes_review_proposals" ("round_id", "paragraph") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_readers" ("id" SERIAL NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ebe90c1de80638d6a01badc76d0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_readers_contact" ON "minutes_review_readers" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_review_readers_round_contact" ON "minutes_review_readers" ("round_id", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_rounds" ("id" SERIAL NOT NULL, "meeting_id" integer NOT NULL, "status" character varying(10) NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline_day" character varying(10) NOT NULL, "paragraphs" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_by_user_id" integer, "closed_at" TIMESTAMP WITH TIME ZONE, "reminder_sent_at" TIMESTAMP WITH TIME ZONE, "published_version" integer, CONSTRAINT "PK_525a8c477224a5298f8f31a7fbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_rounds_meeting" ON "minutes_review_rounds" ("meeting_id", "status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_proposals" ADD CONSTRAINT "FK_ef75c68e8cebaaf8c2f498b9bea" FOREIGN KEY ("round_id") REFERENCES "minutes_review_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_proposals" ADD CONSTRAINT "FK_becb23773c49e811bd077459d48" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_readers" ADD CONSTRAINT "FK_499c8fa1058fd6f4cb1e2cd8775" FOREIGN KEY ("round_id") REFERENCES "minutes_review_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_readers" ADD CONSTRAINT "FK_1a4b5438c4de9b88c3f8f638412" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_rounds" ADD CONSTRAINT "FK_61834562a5a5743a5f1d4f0af13" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_rounds" ADD CONSTRAINT "FK_08324051fdd03f26ed7255042c5" FOREIGN KEY ("opened_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "minutes_review_rounds" DROP CONSTRAINT "FK_08324051fdd03f26ed7255042c5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_rounds" DROP CONSTRAINT "FK_61834562a5a5743a5f1d4f0af13"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_readers" DROP CONSTRAINT "FK_1a4b5438c4de9b88c3f8f638412"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_readers" DROP CONSTRAINT "FK_499c8fa1058fd6f4cb1e2cd8775"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_proposals" DROP CONSTRAINT "FK_becb23773c49e811bd077459d48"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_review_proposals" DROP CONSTRAINT "FK_ef75c68e8cebaaf8c2f498b9bea"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_review_rounds_meeting"`);
    await queryRunner.query(`DROP TABLE "minutes_review_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."uq_minutes_review_readers_round_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_review_readers_contact"`);
    await queryRunner.query(`DROP TABLE "minutes_review_readers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_review_proposals_round"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_review_proposals_contact"`);
    await queryRunner.query(`DROP TABLE "minutes_review_proposals"`);
  }
}
