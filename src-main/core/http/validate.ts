import type { z } from 'zod';
import type { FieldIssue } from '../../contract/errors';

/** zod issues -> our field issues, with a path prefix ("body", "orders.3", ...). */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: i.message,
  }));
}

export function describeIssues(issues: FieldIssue[]): string {
  const head = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
  return issues.length > 5 ? `${head}; and ${issues.length - 5} more` : head;
}
