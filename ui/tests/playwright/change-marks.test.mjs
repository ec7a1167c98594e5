// The map with change marks (issue #14 item 3), against the mocked build: compared with now,
// a re-linked goal's card carries its mark (the sign, its colour, its name for screen
// readers), the legend says what the marks mean, and the panel's count of them highlights
// them on the map; a deleted goal is a ghost in the panel ("gone from the map", whose it
// was); two snapshots compared mark nothing on the map of now, and say so; closing the
// comparison takes the marks away. Light and dark, axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { shots, mockSuite, axe, selectCard } from "./harness.mjs";

const app = mockSuite();

const openApp = (theme) => app.openSample(theme);

for (const theme of ["light", "dark"]) {
  test(`cards carry the comparison's marks; what is gone is a ghost (${theme})`, async () => {
    const { page, errors } = await openApp(theme);
    const dialog = page.getByRole("dialog", { name: "Snapshots" });
    await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
    await dialog.getByRole("button", { name: "Save snapshot" }).click();
    await dialog.locator(".snapshot-list tbody tr", { hasText: "Before the workshop" }).waitFor();
    await dialog.getByRole("button", { name: "Close snapshots" }).click();

    // Re-link the forecast to the revenue goal, then compare with now.
    await selectCard(page, "forecast-95");
    await page.getByLabel("Link to a goal it supports", { exact: true }).fill("Sales delivers");
    await page.getByRole("option", { name: /Sales delivers EUR 8M/ }).click();
    await page.getByRole("status", { name: "Effect of the last change" }).waitFor();
    await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
    await dialog.getByRole("button", { name: "Compare “Before the workshop” with now" }).click();
    const view = page.getByRole("complementary", { name: "Before and after" });
    const onMap = view.getByRole("region", { name: "On the map" });
    await onMap.getByText(/1 re-linked/).waitFor();

    // The card: its sign, its colour on the left edge, its name.
    const card = page.locator('.card[data-id="forecast-95"]');
    await page.locator('.card[data-id="forecast-95"].mark-relinked').waitFor();
    assert.equal(await card.locator(".change-mark").textContent(), "⇄");
    assert.equal(await page.locator(".card.has-mark").count(), 1, "only the re-linked card is marked");
    const edge = await card.evaluate((c) => getComputedStyle(c).boxShadow);
    assert.match(edge, /inset/, "the card's left edge in the mark's colour");
    assert.match(await page.locator('.react-flow__node[data-id="forecast-95"]').getAttribute("aria-label"), /re-linked since the comparison's before$/);
    // The legend says what the marks mean.
    const legend = page.getByRole("note", { name: "Legend" });
    assert.match(await legend.textContent(), /Before \/ after:.*added.*changed.*moved.*re-linked.*removed: listed beside the map/);
    // The count highlights its cards on the map.
    await page.keyboard.press("Escape");
    await page.locator(".card.is-selected").waitFor({ state: "detached" });
    await onMap.getByRole("button", { name: /1 re-linked/ }).click();
    await page.locator('.card[data-id="forecast-95"].is-highlighted').waitFor();
    await page.locator(".map").screenshot({ path: join(shots, `change-marks-map-${theme}.png`) });
    await axe(page, ".map", `${theme}, the map with marks`);
    await axe(page, ".before-after", `${theme}, the panel`);

    // Undo the link and delete "100 calls a week": no mark, a ghost.
    await page.getByRole("button", { name: "Undo", exact: true }).first().click();
    await onMap.getByText("No card on the map was added, changed, moved or re-linked.").waitFor();
    assert.equal(await page.locator(".card.has-mark").count(), 0);
    assert.doesNotMatch(await legend.textContent(), /Before \/ after/, "no marks, no legend for them");
    // (The map centred the forecast: find the goal to bring it into view.)
    await page.getByRole("searchbox", { name: "Find" }).fill("100 calls");
    await page.getByRole("option", { name: /100 calls a week/ }).waitFor();
    await page.getByRole("searchbox", { name: "Find" }).press("Enter");
    await page.locator('.card[data-id="rep1-calls"].is-selected').waitFor();
    await page.getByRole("button", { name: "Delete goal" }).click();
    const ghosts = onMap.getByRole("list", { name: "Gone from the map" });
    await ghosts.waitFor();
    assert.equal((await ghosts.textContent()).replace(/\s+/g, " ").trim(), "−100 calls a week · goal of Ali Hassan");
    await view.screenshot({ path: join(shots, `change-marks-panel-${theme}.png`) });
    await axe(page, ".before-after", `${theme}, the ghosts`);

    // Two snapshots compared: the map of now carries no marks, and the panel says why.
    await page.getByRole("button", { name: "Snapshots…", exact: true }).click();
    await dialog.getByRole("textbox", { name: "Snapshot name" }).fill("After the delete");
    await dialog.getByRole("button", { name: "Save snapshot" }).click();
    const after = dialog.locator(".snapshot-list tbody tr", { hasText: "After the delete" });
    await after.waitFor();
    await dialog.getByLabel("Before", { exact: true }).selectOption({ label: "After the delete" });
    await dialog.getByLabel("After", { exact: true }).selectOption({ label: "Before the workshop" });
    await dialog.getByRole("button", { name: "Compare", exact: true }).click();
    await onMap.getByText(/compare with Now to see the changes marked/).waitFor();
    assert.equal(await page.locator(".card.has-mark").count(), 0);

    // Closed, the map is as before.
    await view.getByRole("button", { name: "Close the comparison" }).click();
    await page.getByRole("complementary", { name: "Findings" }).waitFor();
    assert.equal(await page.locator(".card.has-mark").count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
