import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDocuments1795271136088 implements MigrationInterface {
  name = 'AddDocuments1795271136088';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "minutes_drafts" ("id" SERIAL NOT NULL, "meeting_id" integer NOT NULL, "introduction" text, "conclusion" text, "item_overrides" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f548c5cfb3db39aed7d5f2c6d0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_drafts_meeting" ON "minutes_drafts" ("meeting_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_versions" ("id" SERIAL NOT NULL, "meeting_id" integer NOT NULL, "version" integer NOT NULL, "title" character varying(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_by_user_id" integer, CONSTRAINT "PK_7a9a3e73923ffaddc370c83b869" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_versions_published_at" ON "minutes_versions" ("published_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_meeting_version" ON "minutes_versions" ("meeting_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "news_items" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "kind" character varying(20) NOT NULL, "date" date NOT NULL, "link" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b3130d2448c08413a7687d946c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_news_items_date" ON "news_items" ("date") `);
    await queryRunner.query(
      `CREATE TABLE "newsletters" ("id" SERIAL NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "editorial" text, "sections" text NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'draft', "number" integer, "title" character varying(300), "html" text, "text" text, "web_html" text, "published_at" TIMESTAMP WITH TIME ZONE, "published_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b63ff3417bbaa6c92061b9f6934" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_newsletters_number" ON "newsletters" ("number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_newsletters_status_published_at" ON "newsletters" ("status", "published_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_drafts" ADD CONSTRAINT "FK_74814ada7b34d7e80e44f3e133d" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" ADD CONSTRAINT "FK_8c5dc1989238b9d020d19f94f58" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" ADD CONSTRAINT "FK_04473c0239299af817173dde1db" FOREIGN KEY ("published_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "newsletters" ADD CONSTRAINT "FK_71279715f5749059a0f5e0d4472" FOREIGN KEY ("published_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "newsletters" DROP CONSTRAINT "FK_71279715f5749059a0f5e0d4472"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" DROP CONSTRAINT "FK_04473c0239299af817173dde1db"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" DROP CONSTRAINT "FK_8c5dc1989238b9d020d19f94f58"`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_drafts" DROP CONSTRAINT "FK_74814ada7b34d7e80e44f3e133d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_newsletters_status_published_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_newsletters_number"`);
    await queryRunner.query(`DROP TABLE "newsletters"`);
    await queryRunner.query(`DROP INDEX "public"."ix_news_items_date"`);
    await queryRunner.query(`DROP TABLE "news_items"`);
    await queryRunner.query(`DROP INDEX "public"."uq_minutes_versions_meeting_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_versions_published_at"`);
    await queryRunner.query(`DROP TABLE "minutes_versions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_minutes_drafts_meeting"`);
    await queryRunner.query(`DROP TABLE "minutes_drafts"`);
  }
}
