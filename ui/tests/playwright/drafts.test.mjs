// What-if drafts (issue #14 item 4) against the mocked build: Try a change… starts a named
// draft; the bar above the map says it is a draft and, live, what it resolves against the
// map before it; Discard (asked once) goes back; Keep with a decision is one change that
// Undo takes back. axe-core on the bar and the question, light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe } from "./harness.mjs";

const app = mockSuite();


for (const theme of ["light", "dark"]) {
  test(`try a change in a draft, discard it, then keep one with a decision (${theme})`, async () => {
    const { page, errors } = await app.open(theme);
    await page.getByRole("button", { name: "Open the sample organisation" }).click();
    const findings = page.getByRole("complementary", { name: "Findings" });
    const orphans = findings.locator(".rule-group", { hasText: "Orphaned goal" });
    await orphans.waitFor();

    // Start a draft.
    await page.getByRole("button", { name: "Try a change…" }).click();
    const ask = page.getByRole("dialog", { name: "Try a change" });
    await ask.getByLabel("What does it try?").fill("Link the forecast to revenue");
    await axe(page, ".modal", `${theme}, the question`);
    await ask.getByRole("button", { name: "Start the draft" }).click();
    const bar = page.getByRole("region", { name: "Draft" });
    await bar.waitFor();
    assert.match(await bar.textContent(), /DRAFT\s*Link the forecast to revenue/);
    assert.match(await bar.textContent(), /0 edits/);
    assert.equal(await page.getByRole("button", { name: "Try a change…" }).isDisabled(), true, "one draft at a time");

    // An edit in the draft: the bar counts it and what it resolves, live.
    await orphans.getByRole("button", { name: /Forecast accuracy 95%/ }).click();
    await findings.getByRole("group", { name: "Fix it" }).getByRole("button").first().click();
    await page.waitForFunction(() => /resolved 2/.test(document.querySelector(".draft-bar")?.textContent ?? ""));
    assert.match(await bar.textContent(), /1 edit ·/);
    await orphans.locator(".rule-head .count").filter({ hasText: /^1$/ }).waitFor();
    await page.screenshot({ path: join(shots, `draft-${theme}.png`) });
    await axe(page, ".draft-bar", `${theme}, the bar`);

    // Discard, asked once: back to the map before it.
    await bar.getByRole("button", { name: "Discard…" }).click();
    await bar.getByRole("button", { name: "Discard the draft" }).click();
    await bar.waitFor({ state: "detached" });
    await orphans.locator(".rule-head .count").filter({ hasText: /^2$/ }).waitFor();
    await page.getByText("Discarded the draft “Link the forecast to revenue”").first().waitFor();

    // Again, and keep it with a decision: one change Undo takes back.
    await page.getByRole("button", { name: "Try a change…" }).click();
    await page.getByRole("dialog", { name: "Try a change" }).getByRole("button", { name: "Start the draft" }).click();
    await bar.waitFor();
    await orphans.getByRole("button", { name: /Forecast accuracy 95%/ }).click();
    await findings.getByRole("group", { name: "Fix it" }).getByRole("button").first().click();
    await page.waitForFunction(() => /1 edit/.test(document.querySelector(".draft-bar")?.textContent ?? ""));
    await bar.getByRole("button", { name: "Keep…" }).click();
    const keep = bar.getByRole("form", { name: "Keep the draft" });
    await keep.getByLabel("Decision (optional)").fill("Forecast accuracy serves the revenue goal");
    await page.screenshot({ path: join(shots, `draft-keep-${theme}.png`) });
    await axe(page, ".draft-bar", `${theme}, keeping`);
    await keep.getByRole("button", { name: "Keep it and record the decision" }).click();
    await bar.waitFor({ state: "detached" });
    await page.getByText("Keep the draft “Try a change”, with a decision").first().waitFor();
    await orphans.locator(".rule-head .count").filter({ hasText: /^1$/ }).waitFor();
    await page.getByRole("button", { name: "Undo", exact: true }).first().click();
    await page.getByText(/^Undid: Keep the draft/).first().waitFor();
    await orphans.locator(".rule-head .count").filter({ hasText: /^2$/ }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
}
