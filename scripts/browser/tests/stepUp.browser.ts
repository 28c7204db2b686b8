/**
 * oneKosmosStepUp in headless Chromium: the project's compiled component with SLDS; Apex, empApi and the popup are
 * the harness doubles. Run: npx tsx --test scripts/browser/tests/stepUp.browser.ts
 */
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { readCustomLabels } from "../build";
import {
  AUTHORIZE_URL,
  CANCEL_APEX,
  RECORD_ID,
  RESULT_CHANNEL,
  START_APEX,
  STATUS_APEX,
  STEP_UP_PROPS,
  VERIFICATION_ID
} from "../harness/scenarios";
import type { ApexBehaviour, FlowAttributeChange } from "../harness/controls";
import {
  PROJECT_ROOT,
  pageProblems,
  startSession,
  type BrowserSession
} from "./session";

const LABELS = readCustomLabels(PROJECT_ROOT);

function label(name: string): string {
  const value = LABELS.get(name);
  assert.ok(value, `label ${name} exists`);
  return value;
}

const byId = (page: Page, id: string): Locator =>
  page.locator(`c-one-kosmos-step-up [data-id="${id}"]`);

/** The native button inside a lightning-button stand-in. */
const button = (page: Page, id: string): Locator =>
  page.locator(`c-one-kosmos-step-up lightning-button[data-id="${id}"] button`);

async function isFocused(locator: Locator): Promise<boolean> {
  // Synthetic shadow retargets document.activeElement to the host: ask the element itself.
  return locator.evaluate((element) => element.matches(":focus"));
}

async function setApex(
  page: Page,
  method: string,
  behaviour: ApexBehaviour
): Promise<void> {
  await page.evaluate(([m, b]) => window.harness.apex.set(m, b), [
    method,
    behaviour
  ] as const);
}

function statusOf(status: string, extra: Record<string, unknown> = {}) {
  return {
    resolve: {
      verificationId: VERIFICATION_ID,
      status,
      statusLabel: status,
      isFinal: status !== "Pending",
      ...extra
    }
  };
}

async function callCount(page: Page, method: string): Promise<number> {
  return page.evaluate((m) => window.harness.apex.calls(m).length, method);
}

async function publish(page: Page, verificationId: string): Promise<number> {
  return page.evaluate(
    ([channel, id, recordId]) =>
      window.harness.emp.publish(channel, {
        Verification_Id__c: id,
        Related_Record_Id__c: recordId,
        Status__c: "Verified"
      }),
    [RESULT_CHANNEL, verificationId, RECORD_ID] as const
  );
}

async function flowChanges(page: Page): Promise<FlowAttributeChange[]> {
  return page.evaluate(() => window.harness.flow.changes());
}

/** Waits until the component has subscribed and re-read the status once (it does so right after subscribing). */
async function waitUntilListening(page: Page): Promise<void> {
  await page.waitForFunction(
    ([channel, method]) =>
      window.harness.emp.channels().includes(channel) &&
      window.harness.apex.calls(method).length > 0,
    [RESULT_CHANNEL, STATUS_APEX] as const
  );
}

describe("oneKosmosStepUp in Chromium", () => {
  let session: BrowserSession;
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });

  it("start → waiting → result event → verified, ignoring another verification's event", async () => {
    const page = await session.open("stepup-ready");
    await button(page, "start").click();
    await byId(page, "waiting").waitFor();
    assert.equal(
      (await byId(page, "waiting").innerText()).trim(),
      label("OneKosmos_StepUp_Waiting")
    );
    assert.match(
      await byId(page, "countdown").innerText(),
      /^Time left: [45]:\d\d$/
    );
    // Apex got what the component was given; the popup opened the tenant's authorize URL.
    assert.deepEqual(
      await page.evaluate((m) => window.harness.apex.calls(m), START_APEX),
      [
        {
          method: START_APEX,
          params: {
            recordId: STEP_UP_PROPS.recordId,
            actionName: STEP_UP_PROPS.actionName,
            guardedValuesJson: null
          }
        }
      ]
    );
    assert.deepEqual(await page.evaluate(() => window.harness.popup.opened()), [
      AUTHORIZE_URL
    ]);
    await waitUntilListening(page);
    const readsBefore = await callCount(page, STATUS_APEX);

    // The server completes the verification; a result event for someone else's verification changes nothing.
    await setApex(page, STATUS_APEX, statusOf("Verified"));
    assert.equal(await publish(page, "a0B000000000999AAA"), 1);
    await page.waitForTimeout(200);
    assert.equal(await callCount(page, STATUS_APEX), readsBefore);
    assert.equal(await byId(page, "verified").count(), 0);

    // Ours: the component re-reads the status (the event itself is not trusted) and shows the result.
    assert.equal(await publish(page, VERIFICATION_ID), 1);
    await byId(page, "verified").waitFor();
    assert.equal(
      (await byId(page, "verified").innerText()).trim(),
      label("OneKosmos_StepUp_Verified")
    );
    assert.equal(await callCount(page, STATUS_APEX), readsBefore + 1);
    assert.deepEqual(
      await page.evaluate(() => window.harness.emp.channels()),
      [],
      "unsubscribed once final"
    );
    const changes = await flowChanges(page);
    assert.deepEqual(changes.at(-1), {
      attributeName: "isVerified",
      attributeValue: true
    });
    assert.ok(
      changes.some(
        (c) => c.attributeName === "status" && c.attributeValue === "Verified"
      )
    );
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("completes on the callback page's message from the callback origin", async () => {
    const page = await session.open("stepup-waiting");
    await waitUntilListening(page);
    await setApex(page, STATUS_APEX, statusOf("Verified"));
    await page.evaluate((id) => {
      window.postMessage(
        { type: "onekosmos:step-up", verificationId: id },
        "*"
      );
    }, VERIFICATION_ID);
    await byId(page, "verified").waitFor();
    await page.close();
  });

  it("offers a link to the tenant page, focused, when the popup is blocked", async () => {
    const page = await session.open("stepup-ready");
    await page.evaluate(() => window.harness.popup.setMode("blocked"));
    await button(page, "start").click();
    const link = byId(page, "open-link");
    await link.waitFor();
    assert.equal(await link.getAttribute("href"), AUTHORIZE_URL);
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.equal(
      (await link.innerText()).trim(),
      label("OneKosmos_StepUp_Open_Link")
    );
    assert.match(
      await byId(page, "popup-blocked").innerText(),
      new RegExp(label("OneKosmos_StepUp_Popup_Blocked").replace(/[.]/g, "\\."))
    );
    assert.ok(await isFocused(link), "the link takes focus");
    assert.match(
      (await byId(page, "live").textContent()) ?? "",
      /blocked/,
      "the live region tells screen readers"
    );
    await page.close();
  });

  it("expires when the countdown runs out, and offers to try again", async () => {
    const page = await session.open("stepup-ready", {
      beforeLoad: (p) => p.clock.install()
    });
    await button(page, "start").click();
    await byId(page, "waiting").waitFor();
    // The page's clock still runs (slowly, on a busy machine): allow a few seconds.
    assert.match(
      await byId(page, "countdown").innerText(),
      /^Time left: (5:00|4:5\d)$/
    );
    await page.clock.fastForward("04:00");
    assert.match(
      await byId(page, "countdown").innerText(),
      /^Time left: (1:00|0:5\d)$/
    );
    assert.equal(await byId(page, "expired").count(), 0);
    await page.clock.fastForward("01:01");
    await byId(page, "expired").waitFor();
    assert.equal(
      (await byId(page, "expired").innerText()).trim(),
      label("OneKosmos_StepUp_Expired")
    );
    assert.equal(await byId(page, "waiting").count(), 0);
    assert.ok(await isFocused(button(page, "retry")), "Try again has focus");
    const changes = await flowChanges(page);
    assert.ok(
      changes.some(
        (c) => c.attributeName === "status" && c.attributeValue === "Expired"
      )
    );
    assert.deepEqual(
      await page.evaluate(() => window.harness.emp.channels()),
      []
    );
    await page.close();
  });

  it("polls the status on a phone, where empApi is not used", async () => {
    const page = await session.open("stepup-ready", {
      beforeLoad: (p) => p.clock.install(),
      query: "&formFactor=Small"
    });
    await button(page, "start").click();
    await byId(page, "waiting").waitFor();
    assert.equal(await callCount(page, STATUS_APEX), 0);
    await page.clock.fastForward(3000);
    await page.waitForFunction(
      (m) => window.harness.apex.calls(m).length === 1,
      STATUS_APEX
    );
    assert.deepEqual(
      await page.evaluate(() => window.harness.emp.channels()),
      [],
      "no empApi subscription on a phone"
    );
    await setApex(page, STATUS_APEX, statusOf("Verified"));
    // The next poll comes later (backoff), and it finds the verification complete.
    await page.clock.fastForward(4500);
    await byId(page, "verified").waitFor();
    assert.equal(await callCount(page, STATUS_APEX), 2);
    await page.close();
  });

  it("works with the keyboard alone: Tab to the button, Enter starts; Tab to Cancel, Enter cancels", async () => {
    const page = await session.open("stepup-ready");
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(button(page, "start")), "first Tab stop: start");
    await page.keyboard.press("Enter");
    await byId(page, "waiting").waitFor();
    assert.ok(
      await isFocused(byId(page, "waiting")),
      "focus moves to the waiting message"
    );
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(button(page, "reopen")), "then Reopen window");
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(button(page, "cancel")), "then Cancel");
    await page.keyboard.press("Enter");
    await byId(page, "ready").waitFor();
    assert.deepEqual(
      await page.evaluate((m) => window.harness.apex.calls(m), CANCEL_APEX),
      [{ method: CANCEL_APEX, params: { verificationId: VERIFICATION_ID } }]
    );
    assert.equal(
      ((await byId(page, "live").textContent()) ?? "").trim(),
      label("OneKosmos_StepUp_Cancelled")
    );
    assert.ok(await isFocused(button(page, "start")), "focus back on start");
    await page.close();
  });

  it("shows Apex's message in an alert when the start is refused", async () => {
    const page = await session.open("stepup-error");
    const alert = byId(page, "error");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.match(
      await alert.innerText(),
      /could not be reached or is not configured/
    );
    await page.close();
  });
});
