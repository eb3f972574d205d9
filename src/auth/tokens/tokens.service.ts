import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { NotFoundError } from '../../common/domain-errors';
import { randomToken, sha256 } from '../../common/secrets';
import { Transactions } from '../../database/transactions';
import { ApiToken } from './api-token.entity';
import type { User } from '../users/user.entity';

export const TOKEN_PREFIX = 'mlg_';
/** "mlg_" and 8 characters of the secret: enough to tell tokens apart, useless to guess them. */
const DISPLAY_PREFIX_LENGTH = 12;

/** Personal API tokens: created, listed and revoked by their owner only. */
@Injectable()
export class TokensService {
  constructor(
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The owner's working tokens, newest first. */
  listOwn(user: User): Promise<ApiToken[]> {
    return this.tokens.find({
      where: { userId: user.id, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** A new token; the secret is returned here and never again (only its SHA-256 is kept). */
  async create(user: User, name: string): Promise<{ token: ApiToken; secret: string }> {
    const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
    const token = await this.transactions.run((manager) => {
      const repository = manager.getRepository(ApiToken);
      return repository.save(
        repository.create({
          userId: user.id,
          name,
          tokenHash: sha256(secret),
          prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
    });
    return { token, secret };
  }

  /** Revokes one of the owner's tokens; someone else's is "not found", so ids reveal nothing. */
  async revoke(user: User, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(ApiToken);
      const token = await repository.findOneBy({ id, userId: user.id, revokedAt: IsNull() });
      if (!token) throw new NotFoundError('apiToken', id);
      await repository.update(token.id, { revokedAt: this.clock.now() });
    });
  }
}
