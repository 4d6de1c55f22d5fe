import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One fixed-window counter of a rate limit, shared by every replica: the key is a SHA-256 of the
 * endpoint group, the limit's name (account or ip) and the tracker (platform account or client
 * IP), so no address or account identifier is stored in clear.
 */
@Entity({ name: 'rate_limit_bucket' })
@Index('ix_rate_limit_bucket_window_ends_at', ['windowEndsAt'])
@Check('ck_rate_limit_bucket_hits', 'hits >= 1')
export class RateLimitBucketEntity {
  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'pk_rate_limit_bucket' })
  key!: string;

  /** Requests counted in the current window. */
  @Column({ type: 'integer' })
  hits!: number;

  /** End of the current window; the next request after it starts a new one. */
  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt!: Date;
}
