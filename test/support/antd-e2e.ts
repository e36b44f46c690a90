// Picking from an antd Select the way a user does, robust on a busy machine.
import { expect, type Locator } from '@playwright/test';

/**
 * Opens the single-choice select `field` (its combobox, e.g. `dialog.getByLabel('角色')`), clicks
 * `option` (a locator of the option in the opened list) and waits until the field shows `shown` and
 * the list has closed. The list opens with an animation: on a busy machine a click can land before it
 * settles and do nothing, leaving the list open over the next field. So the pick is retried, checking
 * first whether the field already shows the choice.
 */
export async function pickOption(field: Locator, option: Locator, shown: string): Promise<void> {
  const select = field.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await expect(async () => {
    if (!(await select.innerText()).includes(shown)) {
      if (!(await option.isVisible())) await field.click({ timeout: 2000 });
      await option.click({ timeout: 2000 });
      await expect(select).toContainText(shown, { timeout: 1000 });
    }
    await expect(option).toBeHidden({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}
