import request from 'supertest';
import { ApiToken } from '../../src/auth/tokens/api-token.entity';
import { hashPassword } from '../../src/auth/users/passwords';
import { Role, User } from '../../src/auth/users/user.entity';
import { randomToken, sha256 } from '../../src/common/secrets';
import { Transactions } from '../../src/database/transactions';
import type { TestApp } from './test-app';

export interface Staff {
  user: User;
  password: string;
  token: string;
  /** supertest bound to the app with this user's Bearer token. */
  api: {
    get(url: string): request.Test;
    post(url: string): request.Test;
    put(url: string): request.Test;
    patch(url: string): request.Test;
    delete(url: string): request.Test;
  };
}

let counter = 0;

/** Creates a staff user with an API token directly in the database (test factory). */
export async function createStaff(
  t: TestApp,
  role: Role = 'coordinator',
  email?: string,
): Promise<Staff> {
  counter += 1;
  const password = `a long password ${counter}`;
  const token = `mlg_${randomToken()}`;
  const address = email ?? `staff${counter}@agency.test`;
  const user = await t.app.get(Transactions).run(async (manager) => {
    const saved = await manager.getRepository(User).save({
      email: address,
      emailKey: address.toLowerCase(),
      displayName: `Staff ${counter}`,
      passwordHash: await hashPassword(password),
      role,
      active: true,
      lastSignInAt: null,
    });
    await manager.getRepository(ApiToken).save({
      userId: saved.id,
      name: 'tests',
      tokenHash: sha256(token),
      prefix: token.slice(0, 12),
      lastUsedAt: null,
      revokedAt: null,
    });
    return saved;
  });
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
  return {
    user,
    password,
    token,
    api: {
      get: (url) => auth(request(t.http).get(url)),
      post: (url) => auth(request(t.http).post(url)),
      put: (url) => auth(request(t.http).put(url)),
      patch: (url) => auth(request(t.http).patch(url)),
      delete: (url) => auth(request(t.http).delete(url)),
    },
  };
}
