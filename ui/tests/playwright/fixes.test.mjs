// One-click fixes (issue #13 item 3) against the mocked build: a finding's detail offers
// the rule's obvious fix; one click applies it as an edit, the effect notice says what it
// resolved, the finding is gone, and Undo from the notice brings it back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite } from "./harness.mjs";

const app = mockSuite();

for (const theme of ["light", "dark"]) {
  test(`a one-click fix resolves its finding and shows its effect (${theme})`, async () => {
    const { page, errors } = await app.open(theme);
    await page.getByRole("button", { name: "Open the sample organisation" }).click();
    const findings = page.getByRole("complementary", { name: "Findings" });
    const orphans = findings.locator(".rule-group", { hasText: "Orphaned goal" });
    await orphans.waitFor();
    await orphans.locator(".rule-head .count").filter({ hasText: /^2$/ }).waitFor();
    await orphans.getByRole("button", { name: /Forecast accuracy 95%/ }).click();
    const fix = findings.getByRole("group", { name: "Fix it" });
    await fix.waitFor();
    await page.screenshot({ path: join(shots, `fix-offered-${theme}.png`) });
    await fix.getByRole("button", { name: "Link to “Sales delivers EUR 8M”" }).click();

    const notice = page.getByRole("status", { name: "Effect of the last change" });
    await notice.waitFor();
    await page.waitForFunction(() => /Resolved 2/.test(document.querySelector('[aria-label="Effect of the last change"]')?.textContent ?? ""));
    await orphans.locator(".rule-head .count").filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await findings.getByRole("group", { name: "Fix it" }).count(), 0, "the fixed finding offers nothing more");
    await page.screenshot({ path: join(shots, `fix-applied-${theme}.png`) });

    await notice.getByRole("button", { name: "Undo" }).click();
    await page.getByText(/^Undid:/).first().waitFor();
    await orphans.locator(".rule-head .count").filter({ hasText: /^2$/ }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
}
