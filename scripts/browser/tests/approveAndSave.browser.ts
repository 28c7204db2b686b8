/**
 * oneKosmosApproveAndSave (Verify and Save) in headless Chromium: the project's compiled component, with the real
 * step-up component inside it; Apex, empApi, the popup, toasts, the quick action's close and the record refresh are
 * the harness doubles. Run: npx tsx --test scripts/browser/tests/approveAndSave.browser.ts
 */
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { readCustomLabels } from "../build";
import {
  APPROVE_ACTION,
  FORM_APEX,
  GATE_REFUSAL,
  NEW_AMOUNT,
  OPPORTUNITY_ID,
  PREPARE_APEX,
  approvalForm,
  SAVE_APEX,
  START_APEX,
  STEP_UP_PREPARATION,
  VERIFICATION_ID
} from "../harness/scenarios";
import type { ApexBehaviour, ApexCall } from "../harness/controls";
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

const HOST = "c-one-kosmos-approve-and-save";

const byId = (page: Page, id: string): Locator =>
  page.locator(`${HOST} [data-id="${id}"]`);

/** The native control inside a field's stand-in (input, select or textarea). */
const field = (page: Page, apiName: string): Locator =>
  page.locator(
    `${HOST} [data-field="${apiName}"] :is(input, select, textarea)`
  );

/** The native button inside a lightning-button stand-in of the form (not the step-up's). */
const button = (page: Page, id: string): Locator =>
  page.locator(`${HOST} lightning-button[data-id="${id}"] button`).first();

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

async function calls(page: Page, method: string): Promise<ApexCall[]> {
  return page.evaluate((m) => window.harness.apex.calls(m), method);
}

/** The text of the nearest live region (aria-live, or role alert / status) around the element. */
async function liveRegionText(locator: Locator): Promise<string | null> {
  return locator.evaluate((element) => {
    const region = element.closest(
      '[aria-live]:not([aria-live="off"]), [role="alert"], [role="status"]'
    );
    return region
      ? (region.textContent ?? "").replace(/\s+/g, " ").trim()
      : null;
  });
}

describe("oneKosmosApproveAndSave in Chromium", () => {
  let session: BrowserSession;
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });

  it("loads the guarded fields as inputs with their current values, focus on the intro", async () => {
    const page = await session.open("approve-form");
    await byId(page, "intro").waitFor();
    assert.equal(
      (await byId(page, "intro").innerText()).trim(),
      label("OneKosmos_Approve_Intro")
    );
    assert.ok(await isFocused(byId(page, "intro")), "the intro has focus");
    assert.deepEqual(await calls(page, FORM_APEX), [
      {
        method: FORM_APEX,
        params: { recordId: OPPORTUNITY_ID, actionName: null }
      }
    ]);
    assert.equal(await field(page, "Amount").inputValue(), "250000");
    assert.equal(
      await field(page, "StageName").inputValue(),
      "Negotiation/Review"
    );
    assert.equal(
      await field(page, "Description").inputValue(),
      "Multi-year renewal"
    );
    // A field the user cannot edit is shown read-only: its value is still part of what is approved.
    assert.equal(await field(page, "Probability").getAttribute("readonly"), "");
    assert.equal(
      await page.getByLabel("Amount").first().inputValue(),
      "250000",
      "each input is labelled"
    );
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("works with the keyboard alone: Tab to each input, type, Tab to Verify and Save, Enter saves", async () => {
    const page = await session.open("approve-form");
    await byId(page, "intro").waitFor();
    await setApex(page, PREPARE_APEX, { resolve: { stepUpRequired: false } });
    await setApex(page, SAVE_APEX, { resolve: { saved: true } });

    await page.keyboard.press("Tab");
    assert.ok(await isFocused(field(page, "Amount")), "first Tab stop: Amount");
    await page.keyboard.press("Control+A");
    await page.keyboard.type(NEW_AMOUNT);
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(field(page, "StageName")), "then Stage");
    await page.keyboard.press("ArrowDown");
    assert.equal(await field(page, "StageName").inputValue(), "Closed Won");
    await page.keyboard.press("Tab");
    assert.ok(
      await isFocused(field(page, "Probability")),
      "then the read-only Probability (focusable, as a read-only input is)"
    );
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(field(page, "Description")), "then Description");
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(button(page, "cancel")), "then Cancel");
    await page.keyboard.press("Tab");
    const submit = button(page, "submit");
    assert.ok(await isFocused(submit), "then Verify and Save");
    assert.equal(
      (await submit.innerText()).trim(),
      label("OneKosmos_Approve_Button_Submit")
    );
    await page.keyboard.press("Enter");

    await page.waitForFunction(() => window.harness.toasts().length > 0);
    // Only the changed values go to the server, for the action the form was loaded for.
    const proposed = JSON.stringify({
      Amount: NEW_AMOUNT,
      StageName: "Closed Won"
    });
    assert.deepEqual(await calls(page, PREPARE_APEX), [
      {
        method: PREPARE_APEX,
        params: {
          recordId: OPPORTUNITY_ID,
          actionName: APPROVE_ACTION,
          proposedValuesJson: proposed
        }
      }
    ]);
    assert.deepEqual(await calls(page, SAVE_APEX), [
      {
        method: SAVE_APEX,
        params: {
          recordId: OPPORTUNITY_ID,
          actionName: APPROVE_ACTION,
          proposedValuesJson: proposed,
          verificationId: null
        }
      }
    ]);
    assert.deepEqual(await page.evaluate(() => window.harness.toasts()), [
      {
        title: label("OneKosmos_Approve_Saved_Title"),
        message: label("OneKosmos_Approve_Saved"),
        variant: "success"
      }
    ]);
    assert.equal(await page.evaluate(() => window.harness.closes()), 1);
    assert.deepEqual(
      await page.evaluate(() => window.harness.records.notified()),
      [OPPORTUNITY_ID]
    );
    await page.waitForFunction(
      ([host, text]) =>
        document
          .querySelector(host)
          ?.shadowRoot?.querySelector('[data-id="live"]')
          ?.textContent?.trim() === text,
      [HOST, label("OneKosmos_Approve_Saved")] as const
    );
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("saved: a toast, the record refreshed, the action closed, the saved values shown and announced", async () => {
    const page = await session.open("approve-saved");
    assert.equal(await field(page, "Amount").inputValue(), NEW_AMOUNT);
    assert.equal(
      ((await byId(page, "live").textContent()) ?? "").trim(),
      label("OneKosmos_Approve_Saved")
    );
    assert.equal(
      (await page.evaluate(() => window.harness.toasts())).length,
      1
    );
    assert.equal(await page.evaluate(() => window.harness.closes()), 1);
    assert.deepEqual(
      await page.evaluate(() => window.harness.records.notified()),
      [OPPORTUNITY_ID]
    );
    assert.equal(await byId(page, "step-up").count(), 0, "no step-up needed");
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("several actions: focus on the action picker, the keyboard chooses one, its form loads", async () => {
    const page = await session.open("approve-choose");
    const picker = page.locator(`${HOST} [data-id="action"] select`);
    await picker.waitFor();
    assert.ok(await isFocused(picker), "the picker has focus");
    assert.equal(
      (await picker.locator("option").first().innerText()).trim(),
      label("OneKosmos_Approve_Choose_Action_Placeholder")
    );
    await setApex(page, FORM_APEX, { resolve: approvalForm() });
    await page.keyboard.press("ArrowDown");
    await byId(page, "intro").waitFor();
    assert.deepEqual(
      (await calls(page, FORM_APEX)).map((c) => c.params),
      [
        { recordId: OPPORTUNITY_ID, actionName: null },
        { recordId: OPPORTUNITY_ID, actionName: APPROVE_ACTION }
      ]
    );
    assert.equal(await field(page, "Amount").inputValue(), "250000");
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("a required field left empty stops the save and says so next to the field", async () => {
    const page = await session.open("approve-form");
    await byId(page, "intro").waitFor();
    await field(page, "StageName").evaluate((select) => {
      // The user cannot empty a picklist from the keyboard once chosen; the server's form can arrive without a value.
      (select as HTMLSelectElement).required = true;
      (select as HTMLSelectElement).value = "";
    });
    await button(page, "submit").click();
    await page
      .locator(`${HOST} [data-field="StageName"] .slds-form-element__help`)
      .waitFor();
    assert.equal(
      (
        await page
          .locator(`${HOST} [data-field="StageName"] .slds-form-element__help`)
          .innerText()
      ).trim(),
      "Complete this field."
    );
    assert.equal((await calls(page, PREPARE_APEX)).length, 0, "nothing sent");
    await page.close();
  });

  it("shows the step-up, started by itself, bound to exactly the values the server returned", async () => {
    const page = await session.open("approve-step-up");
    const reason = byId(page, "step-up-reason");
    await reason.waitFor();
    assert.equal(
      (await reason.innerText()).trim(),
      label("OneKosmos_Approve_Step_Up_Needed").replace(
        "{0}",
        STEP_UP_PREPARATION.reason
      )
    );
    // Screen readers hear the reason; focus ends on the step-up's waiting message, which says what to do now.
    assert.equal(
      ((await byId(page, "live").first().textContent()) ?? "").trim(),
      (await reason.innerText()).trim()
    );
    const waiting = page.locator(
      `${HOST} c-one-kosmos-step-up [data-id="waiting"]`
    );
    await waiting.waitFor();
    assert.ok(
      await isFocused(waiting),
      "focus on the step-up's waiting message"
    );
    assert.deepEqual(await calls(page, START_APEX), [
      {
        method: START_APEX,
        params: {
          recordId: OPPORTUNITY_ID,
          actionName: APPROVE_ACTION,
          guardedValuesJson: STEP_UP_PREPARATION.guardedValuesJson
        }
      }
    ]);
    assert.equal((await calls(page, SAVE_APEX)).length, 0, "nothing saved yet");
    assert.equal(await byId(page, "submit").count(), 0, "the form is hidden");
    // Change the values: back to the form, with what the user typed.
    await button(page, "back").click();
    await byId(page, "intro").waitFor();
    assert.equal(await field(page, "Amount").inputValue(), NEW_AMOUNT);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("after the step-up, the gate's refusal is in an alert live region, focused, and nothing closes", async () => {
    const page = await session.open("approve-refused");
    const error = byId(page, "error");
    await error.waitFor();
    assert.equal((await error.innerText()).trim(), GATE_REFUSAL);
    assert.equal(
      (await byId(page, "error-heading").innerText()).trim(),
      label("OneKosmos_Approve_Not_Saved")
    );
    const region = await liveRegionText(error);
    assert.ok(region, "the error is inside a live region");
    assert.ok(
      region.includes(GATE_REFUSAL),
      "the live region holds the gate's text"
    );
    assert.ok(await isFocused(byId(page, "error-box")), "focus on the errors");
    // The save carried the verification the step-up reported.
    const saves = await calls(page, SAVE_APEX);
    assert.equal(saves.length, 1);
    assert.equal(
      (saves[0].params as { verificationId?: string }).verificationId,
      VERIFICATION_ID
    );
    assert.equal(await page.evaluate(() => window.harness.closes()), 0);
    assert.deepEqual(await page.evaluate(() => window.harness.toasts()), []);
    // The form is back with the values the user entered, to change and try again.
    assert.equal(await field(page, "Amount").inputValue(), NEW_AMOUNT);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });
});
