import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, AuditService, diff } from '../../audit/audit.service';
import { ConflictError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Transactions } from '../../database/transactions';
import { hashPassword } from './passwords';
import { type Role, User } from './user.entity';
import { countOtherActiveAdmins, lockUsers } from './users-store.queries';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

const AUDITED_FIELDS = ['email', 'displayName', 'role', 'active'];

/** Emails are compared without regard to case (and surrounding spaces). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Staff accounts: the first administrator, accounts created by admins or the CLI, changes. */
@Injectable()
export class UsersService {
  /** Once a user exists, one always does (users are deactivated, never deleted): cache it. */
  private someUserExists = false;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** True once any staff account exists; cheap after the first positive answer. */
  async hasUsers(): Promise<boolean> {
    if (!this.someUserExists) this.someUserExists = await this.users.exists();
    return this.someUserExists;
  }

  /** The first administrator: refused (409) as soon as any account exists. */
  async createFirstAdmin(input: Omit<NewUser, 'role'>): Promise<User> {
    if (await this.hasUsers()) throw new ConflictError('errors.setup.done');
    const passwordHash = await hashPassword(input.password);
    const user = await this.transactions.run(async (manager) => {
      await lockUsers(manager);
      if (await manager.getRepository(User).exists()) {
        throw new ConflictError('errors.setup.done');
      }
      return this.insert(manager, { ...input, role: 'admin' }, passwordHash, {
        label: 'first-run set-up',
      });
    });
    this.someUserExists = true;
    return user;
  }

  async create(input: NewUser, actor: Actor): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const user = await this.transactions.run((manager) =>
      this.insert(manager, input, passwordHash, actor),
    );
    this.someUserExists = true;
    return user;
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { displayName: 'ASC', id: 'ASC' } });
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ emailKey: emailKey(email) });
  }

  async update(id: number, changes: UserChanges, actor: Actor): Promise<User> {
    const passwordHash =
      changes.password === undefined ? undefined : await hashPassword(changes.password);
    return this.transactions.run(async (manager) => {
      await lockUsers(manager);
      const repository = manager.getRepository(User);
      const user = await repository.findOneBy({ id });
      if (!user) throw new NotFoundError('user', id);
      const before = { ...user };
      if (changes.displayName !== undefined) user.displayName = changes.displayName;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.active !== undefined) user.active = changes.active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      const stillAdmin = user.role === 'admin' && user.active;
      if (before.role === 'admin' && before.active && !stillAdmin) {
        const others = await countOtherActiveAdmins(manager, id);
        if (others === 0) {
          throw new RuleViolationError(
            'errors.user.lastAdmin',
            changes.active === false ? 'active' : 'role',
          );
        }
      }
      await repository.save(user);
      const changed = diff(before, user, AUDITED_FIELDS);
      if (passwordHash !== undefined) changed.password = { before: '(hidden)', after: '(changed)' };
      if (Object.keys(changed).length > 0) {
        await this.audit.record(manager, actor, {
          entityType: 'user',
          entityId: id,
          action: 'update',
          changes: changed,
        });
      }
      return user;
    });
  }

  /** Records a successful sign-in (informative; its own small unit of work). */
  async recordSignIn(user: User, at: Date): Promise<void> {
    await this.transactions.run((manager) =>
      manager.getRepository(User).update(user.id, { lastSignInAt: at }),
    );
    user.lastSignInAt = at;
  }

  private async insert(
    manager: EntityManager,
    input: NewUser,
    passwordHash: string,
    actor: Actor,
  ): Promise<User> {
    const repository = manager.getRepository(User);
    const key = emailKey(input.email);
    if (await repository.existsBy({ emailKey: key })) {
      throw new ConflictError(
        { key: 'errors.user.emailTaken', params: { email: input.email.trim() } },
        'email',
      );
    }
    const user = await repository.save(
      repository.create({
        email: input.email.trim(),
        emailKey: key,
        displayName: input.displayName.trim(),
        passwordHash,
        role: input.role,
        active: true,
        lastSignInAt: null,
      }),
    );
    await this.audit.record(manager, actor, {
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      changes: diff({}, user, AUDITED_FIELDS),
    });
    return user;
  }
}
