import { MigrationInterface, QueryRunner } from 'typeorm';

/** Binding: the bound natural person, masked, with the resident ID as a keyed hash only (support view, search by resident ID). */
export class BindingPerson1795941406547 implements MigrationInterface {
  name = 'BindingPerson1795941406547';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"person_name_masked\" text");
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"resident_id_hash\" text");
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"resident_id_masked\" text");
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"phone_masked\" text");
    await queryRunner.query("CREATE INDEX \"ix_binding_resident_id_hash\" ON \"binding\"  (\"resident_id_hash\") WHERE resident_id_hash IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_binding_resident_id_hash\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"phone_masked\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"resident_id_masked\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"resident_id_hash\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"person_name_masked\"");
  }
}
