import { RuleViolationError } from '../common/domain-errors';
import {
  assertTransition,
  isTracked,
  PROJECT_STATUSES,
  type ProjectStatus,
  TRANSITIONS,
} from './project-status';

describe('project status transitions', () => {
  const allowed: [string, string][] = [
    ['idea', 'launched'],
    ['idea', 'active'],
    ['idea', 'on_hold'],
    ['idea', 'abandoned'],
    ['launched', 'active'],
    ['launched', 'on_hold'],
    ['launched', 'completed'],
    ['launched', 'abandoned'],
    ['active', 'on_hold'],
    ['active', 'completed'],
    ['active', 'abandoned'],
    ['on_hold', 'launched'],
    ['on_hold', 'active'],
    ['on_hold', 'completed'],
    ['on_hold', 'abandoned'],
    ['completed', 'active'],
    ['abandoned', 'idea'],
    ['abandoned', 'active'],
  ];

  it('allows exactly the table, and refuses every other pair with the field "status"', () => {
    for (const from of PROJECT_STATUSES) {
      for (const to of PROJECT_STATUSES) {
        const ok = allowed.some(([f, t]) => f === from && t === to);
        if (ok) expect(() => assertTransition(from, to)).not.toThrow();
        else {
          let error: unknown;
          try {
            assertTransition(from, to);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(RuleViolationError);
          expect((error as RuleViolationError).field).toBe('status');
        }
      }
    }
    expect(Object.values(TRANSITIONS).flat()).toHaveLength(allowed.length);
  });

  it('explains how to relaunch a completed project: reopen it', () => {
    const refusal = (from: ProjectStatus, to: ProjectStatus) => {
      try {
        assertTransition(from, to);
      } catch (error) {
        return (error as RuleViolationError).text.key;
      }
    };
    expect(refusal('completed', 'launched')).toBe('errors.project.relaunch');
    expect(refusal('abandoned', 'launched')).toBe('errors.project.relaunch');
    expect(refusal('active', 'active')).toBe('errors.project.sameStatus');
    expect(refusal('active', 'launched')).toBe('errors.project.transition');
  });

  it('tracks follow-up for launched and active projects only', () => {
    expect(PROJECT_STATUSES.filter(isTracked)).toEqual(['launched', 'active']);
  });
});
