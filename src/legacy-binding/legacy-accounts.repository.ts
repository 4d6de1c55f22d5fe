import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LegacyAccountEntity } from './entities/legacy-account.entity';

/** Legacy accounts, looked up by their login-name key or id. */
@Injectable()
export class LegacyAccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account with this login-name key, with its verifier (selected on purpose: it is `select: false`). */
  findByLoginKeyWithVerifier(loginNameKey: string): Promise<LegacyAccountEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(LegacyAccountEntity, 'account')
      .addSelect('account.verifier')
      .where('account.loginNameKey = :loginNameKey', { loginNameKey })
      .getOne();
  }

  /**
   * The account with its verifier, row-locked (`FOR UPDATE`) until `manager`'s transaction ends:
   * concurrent binds of one account queue here and see each other's result.
   */
  lockById(id: string, manager: EntityManager): Promise<LegacyAccountEntity | null> {
    return manager
      .createQueryBuilder(LegacyAccountEntity, 'account')
      .addSelect('account.verifier')
      .where('account.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Mark the (locked) account bound to `bindingId`. */
  async markBound(manager: EntityManager, account: LegacyAccountEntity, bindingId: string, at: Date): Promise<void> {
    await manager.update(LegacyAccountEntity, { id: account.id }, { status: 'bound', boundBindingId: bindingId, boundAt: at, version: account.version + 1 });
  }
}
