import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data (PIPL): the natural person behind a binding and the applicant of an application,
 * masked, with the resident ID only as a keyed hash (support view, exact search by resident ID).
 * Contact details of applications are encrypted by the service (same text columns).
 */
export class PersonalDataProtection1795941727131 implements MigrationInterface {
  name = 'PersonalDataProtection1795941727131';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"person_name_masked\" text");
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"resident_id_hash\" text");
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"resident_id_masked\" text");
    await queryRunner.query("ALTER TABLE \"binding\" ADD \"phone_masked\" text");
    await queryRunner.query("ALTER TABLE \"registration_application\" ADD \"applicant_name_masked\" text");
    await queryRunner.query("ALTER TABLE \"registration_application\" ADD \"applicant_resident_id_hash\" text");
    await queryRunner.query("ALTER TABLE \"registration_application\" ADD \"applicant_resident_id_masked\" text");
    await queryRunner.query("ALTER TABLE \"registration_application\" ADD \"applicant_phone_masked\" text");
    await queryRunner.query("CREATE INDEX \"ix_binding_resident_id_hash\" ON \"binding\"  (\"resident_id_hash\") WHERE resident_id_hash IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_binding_resident_id_hash\"");
    await queryRunner.query("ALTER TABLE \"registration_application\" DROP COLUMN \"applicant_phone_masked\"");
    await queryRunner.query("ALTER TABLE \"registration_application\" DROP COLUMN \"applicant_resident_id_masked\"");
    await queryRunner.query("ALTER TABLE \"registration_application\" DROP COLUMN \"applicant_resident_id_hash\"");
    await queryRunner.query("ALTER TABLE \"registration_application\" DROP COLUMN \"applicant_name_masked\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"phone_masked\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"resident_id_masked\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"resident_id_hash\"");
    await queryRunner.query("ALTER TABLE \"binding\" DROP COLUMN \"person_name_masked\"");
  }
}
