// e2e helpers for forms: where a refusal shows (under the field, named by its label) and whether the
// submit button waits for the required fields. They find a field by the label a user reads, not by
// a test id, so a refusal shown only at the top of the page does not pass.
import { expect, type Locator, type Page } from '@playwright/test';

/** The form item (label, control, help) whose label reads `label`. */
export function fieldItem(scope: Page | Locator, label: string): Locator {
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
  // the innermost item whose own label reads `label` (an inner locator is queried inside the item)
  return scope.locator('.ant-form-item').filter({ has: page.locator('.ant-form-item-label label', { hasText: label }) }).last();
}

/** A refusal under the field labelled `label`, naming it by those words, and saying `words`. */
export async function expectFieldError(scope: Page | Locator, label: string, words: string | RegExp): Promise<void> {
  const help = fieldItem(scope, label).locator('.ant-form-item-explain-error');
  await expect(help).toBeVisible();
  await expect(help).toContainText(label);
  await expect(help).toContainText(words);
}

/** No field of the form shows an error. */
export async function expectNoFieldErrors(scope: Page | Locator): Promise<void> {
  await expect(scope.locator('.ant-form-item-explain-error')).toHaveCount(0);
}
