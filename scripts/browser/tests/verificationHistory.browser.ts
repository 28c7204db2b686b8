/**
 * oneKosmosVerificationHistory in headless Chromium: the project's compiled component with SLDS, Apex answered by
 * the test double. Run: npx tsx --test scripts/browser/tests/verificationHistory.browser.ts
 */
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import {
  HISTORY_APEX,
  HISTORY_ROWS,
  RECORD_ID,
  RESULT_CHANNEL
} from "../harness/scenarios";
import { readCustomLabels } from "../build";
import {
  PROJECT_ROOT,
  pageProblems,
  startSession,
  type BrowserSession
} from "./session";

const LABELS = readCustomLabels(PROJECT_ROOT);

const EXPECTED_BADGE: Record<string, string> = {
  Verified: "slds-theme_success",
  Failed: "slds-theme_error",
  Expired: "slds-theme_warning",
  Pending: ""
};

async function apexCalls(page: Page): Promise<unknown[]> {
  return page.evaluate(
    (method) => window.harness.apex.calls(method).map((c) => c.params),
    HISTORY_APEX
  );
}

describe("oneKosmosVerificationHistory in Chromium", () => {
  let session: BrowserSession;
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });

  it("renders one row per verification from Apex, with a status badge coloured by status", async () => {
    const page = await session.open("history-list");
    const rows = page.locator('[data-id="row"]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), HISTORY_ROWS.length);
    for (const [index, expected] of HISTORY_ROWS.entries()) {
      const row = rows.nth(index);
      assert.equal((await row.locator("th").innerText()).trim(), expected.name);
      const badge = row.locator('[data-id="status"]');
      assert.equal((await badge.innerText()).trim(), expected.status);
      const classes = ((await badge.getAttribute("class")) ?? "").split(" ");
      assert.ok(classes.includes("slds-badge"), "every status is a badge");
      const colour = EXPECTED_BADGE[expected.statusValue];
      if (colour)
        assert.ok(classes.includes(colour), `${expected.status}: ${colour}`);
      else assert.ok(!classes.some((c) => c.startsWith("slds-theme_")));
    }
    // SLDS reached inside the component: the success badge has the design system's green, not the browser default.
    const verifiedBackground = await rows
      .first()
      .locator('[data-id="status"]')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(verifiedBackground, "rgba(0, 0, 0, 0)");
    assert.match(
      await rows.first().locator('[data-id="created"]').innerText(),
      /Nov 27, 2026/
    );
    assert.deepEqual(await apexCalls(page), [{ recordId: RECORD_ID }]);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("shows a spinner with its alternative text while Apex is pending, then the rows", async () => {
    const page = await session.open("history-loading");
    // The SLDS spinner itself is a rotated box of no height: wait for its container.
    await page.locator(".slds-spinner_container").waitFor();
    const spinner = page.locator('[role="status"]');
    assert.equal(
      (await spinner.locator(".slds-assistive-text").textContent())?.trim(),
      LABELS.get("OneKosmos_History_Loading")
    );
    assert.equal(await page.locator('[aria-busy="true"]').count(), 1);
    const released = await page.evaluate(
      ([method, rows]) =>
        window.harness.apex.release(method, { resolve: rows }),
      [HISTORY_APEX, HISTORY_ROWS] as const
    );
    assert.equal(released, 1);
    await page.locator('[data-id="row"]').first().waitFor();
    assert.equal(await page.locator('[role="status"]').count(), 0);
    assert.equal(await page.locator('[aria-busy="false"]').count(), 1);
    await page.close();
  });

  it("shows the Apex error message in an alert", async () => {
    const page = await session.open("history-error");
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    assert.match(
      await alert.innerText(),
      /You do not have access to this record\./
    );
    assert.equal(await page.locator('[data-id="row"]').count(), 0);
    await page.close();
  });

  it("says so when there are no verifications", async () => {
    const page = await session.open("history-empty");
    const empty = page.locator('[data-id="empty"]');
    await empty.waitFor();
    assert.equal(
      (await empty.innerText()).trim(),
      LABELS.get("OneKosmos_History_Empty")
    );
    assert.equal(await page.locator('[data-id="row"]').count(), 0);
    await page.close();
  });

  it("asks Apex again when a result event names this record, and only then", async () => {
    const page = await session.open("history-empty");
    await page.locator('[data-id="empty"]').waitFor();
    await page.waitForFunction(
      (channel) => window.harness.emp.channels().includes(channel),
      RESULT_CHANNEL
    );
    await page.evaluate(
      ([method, rows]) => window.harness.apex.set(method, { resolve: rows }),
      [HISTORY_APEX, HISTORY_ROWS] as const
    );
    const publish = (recordId: string): Promise<number> =>
      page.evaluate(
        ([channel, id]) =>
          window.harness.emp.publish(channel, {
            Verification_Id__c: "a0B000000000009AAA",
            Related_Record_Id__c: id
          }),
        [RESULT_CHANNEL, recordId] as const
      );
    assert.equal(await publish("001000000000999AAA"), 1);
    await page.waitForTimeout(200);
    assert.equal((await apexCalls(page)).length, 1, "another record's event");
    // The 15-character form of the record id is the same record.
    assert.equal(await publish(RECORD_ID.slice(0, 15)), 1);
    await page.locator('[data-id="row"]').first().waitFor();
    assert.equal((await apexCalls(page)).length, 2);
    await page.close();
  });

  it("refreshes with the keyboard alone: Tab to Refresh, Enter asks Apex again", async () => {
    const page = await session.open("history-empty");
    await page.locator('[data-id="empty"]').waitFor();
    await page.evaluate(
      ([method, rows]) => window.harness.apex.set(method, { resolve: rows }),
      [HISTORY_APEX, HISTORY_ROWS] as const
    );
    await page.keyboard.press("Tab");
    // Synthetic shadow retargets document.activeElement to the host: ask the button itself.
    const refresh = page.locator("lightning-button button");
    assert.ok(
      await refresh.evaluate((button) => button.matches(":focus")),
      "the first Tab stop is the Refresh button"
    );
    await page.keyboard.press("Enter");
    await page.locator('[data-id="row"]').first().waitFor();
    assert.equal(
      await page.locator('[data-id="row"]').count(),
      HISTORY_ROWS.length
    );
    assert.equal((await apexCalls(page)).length, 2);
    await page.close();
  });
});
