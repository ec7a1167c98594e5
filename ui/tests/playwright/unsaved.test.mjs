// Field edits show they are not saved yet (issue #13 item 3): typing in the inspector marks
// the form and says "Unsaved changes" beside its Save button; putting the value back
// clears it. (Links apply at once and need no marker.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite } from "./harness.mjs";

const app = mockSuite();

test("an edited field says it is unsaved until it is saved or put back", async () => {
  const { page, errors } = await app.open("light");
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  const findings = page.getByRole("complementary", { name: "Findings" });
  await findings.locator(".rule-group", { hasText: "Orphaned goal" }).getByRole("button", { name: /Forecast accuracy 95%/ }).click();
  const title = page.getByLabel("Title");
  await title.waitFor();
  assert.equal(await page.getByText(/Unsaved changes/).count(), 0);
  await title.fill("Forecast accuracy 90%");
  const marker = page.getByRole("status").filter({ hasText: "Unsaved changes: Save goal (or Enter) applies them" });
  await marker.waitFor();
  assert.match(await page.locator(".inspector-form").getAttribute("class"), /is-dirty/);
  await page.screenshot({ path: join(shots, "unsaved.png") });
  await title.fill("Forecast accuracy 95%");
  await marker.waitFor({ state: "detached" });
  assert.doesNotMatch(await page.locator(".inspector-form").getAttribute("class"), /is-dirty/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Ctrl+A selects the text of the field being typed in, never the whole interface", async () => {
  const { page, errors } = await app.open("light");
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  await page.locator('.card[data-id="rep1-calls"]').waitFor();
  await page.locator("body").click({ position: { x: 5, y: 880 } });
  await page.keyboard.press("Control+A");
  assert.equal(await page.evaluate(() => window.getSelection()?.toString() ?? ""), "", "nothing selected outside a field");
  const search = page.getByPlaceholder(/Find a goal, person or unit/);
  await search.fill("calls");
  await search.press("Control+A");
  const [start, end] = await search.evaluate((i) => [i.selectionStart, i.selectionEnd]);
  assert.deepEqual([start, end], [0, 5], "inside a field it selects the field's text");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the alignment index says what it counts, with the organisation's own numbers", async () => {
  const { page, errors } = await app.open("dark");
  await page.getByRole("button", { name: "Open the sample organisation" }).click();
  const index = page.getByRole("button", { name: /alignment/ });
  await index.waitFor();
  await index.click();
  const explain = page.getByRole("region", { name: "What the alignment index counts" });
  await explain.waitFor();
  const text = await explain.textContent();
  assert.match(text, /71\.4% of the 7 goals owned by people are in line: they trace to the strategy or a value \(6 do\)/);
  assert.match(text, /The index counts goals, not findings\. The 17 findings/);
  await page.screenshot({ path: join(shots, "index-explain-dark.png") });
  await page.keyboard.press("Escape");
  await explain.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await page.close();
});
