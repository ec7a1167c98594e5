// Catchball in the inspector (issue #14 item 6): a goal's agreement history, a counter
// recorded with its reason and quoted as the open counter, a refusal said in place, in
// light and dark with an accessibility scan.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe, selectCard } from "./harness.mjs";

const app = mockSuite();

for (const theme of ["light", "dark"]) {
  test(`a counter is recorded in the goal's agreement history and quoted (${theme})`, async () => {
    const { page, errors } = await app.open(theme);
    await page.getByRole("button", { name: "Open the sample organisation" }).click();
    await page.locator('.card[data-id="rep1-calls"]').waitFor();
    await selectCard(page, "rep1-calls");
    const section = page.getByRole("region", { name: "Agreement" });
    await section.waitFor();
    await section.getByText(/No steps yet/).waitFor();

    // A counter without a reason is refused, and says why in place.
    await section.getByLabel("Step").selectOption("countered");
    await section.getByLabel("Counter-target").fill("80");
    await section.getByRole("button", { name: "Record countered step" }).click();
    await section.getByRole("alert").filter({ hasText: "say why it is countered" }).waitFor();

    await section.getByLabel("Why (needed)").fill("Win rate falls above 80 calls");
    await section.getByLabel("On").fill("2026-11-20");
    await section.getByRole("button", { name: "Record countered step" }).click();
    const steps = section.getByRole("list", { name: "Agreement history, oldest first" });
    await steps.getByText("2026-11-20 Ali Hassan countered: a target of 80, because “Win rate falls above 80 calls”").waitFor();
    await section
      .locator(".agreement-counter")
      .filter({ hasText: "Latest counter (Ali Hassan, 2026-11-20): a target of 80" })
      .waitFor();
    await page.locator("footer.status").filter({ hasText: "Ali Hassan countered “100 calls a week”" }).waitFor();

    // Agreeing after a counter starts from its terms.
    await section.getByLabel("Step").selectOption("agreed");
    assert.equal(await section.getByLabel("Target").inputValue(), "80");

    await axe(page, "aside.inspector", `agreement (${theme})`);
    await page.screenshot({ path: join(shots, `agreement-${theme}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
