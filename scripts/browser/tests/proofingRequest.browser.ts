/**
 * oneKosmosProofingRequest (identity proofing request) in headless Chromium: the project's compiled component and its
 * QR code component with SLDS; Apex and empApi are the harness doubles. The QR code Chromium draws is rasterised in
 * the page and read back with jsQR. Run: npx tsx --test scripts/browser/tests/proofingRequest.browser.ts
 */
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import jsQR from "jsqr";
import { readCustomLabels } from "../build";
import {
  CAPTURE_URL,
  CONTACT_ID,
  PROOFING_CHECK_APEX,
  PROOFING_ID,
  PROOFING_START_APEX,
  PROOFING_STATUS_APEX,
  proofingStatus
} from "../harness/proofingScenarios";
import type { ApexBehaviour, ApexCall } from "../harness/controls";
import {
  PROJECT_ROOT,
  pageProblems,
  startSession,
  type BrowserSession
} from "./session";

const LABELS = readCustomLabels(PROJECT_ROOT);
const HOST = "c-one-kosmos-proofing-request";
const RESULT_CHANNEL = "/event/OneKosmos_Verification_Result__e";

function label(name: string): string {
  const value = LABELS.get(name);
  assert.ok(value, `label ${name} exists`);
  return value;
}

const byId = (page: Page, id: string): Locator =>
  page.locator(`${HOST} [data-id="${id}"]`);

const channel = (page: Page, value: string): Locator =>
  page.locator(`${HOST} input[data-channel="${value}"]`);

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

async function publish(page: Page, relatedRecordId: string): Promise<void> {
  await page.evaluate(
    ([c, id]) =>
      window.harness.emp.publish(c, {
        Related_Record_Id__c: id,
        Verification_Id__c: "a0B000000000009AAA"
      }),
    [RESULT_CHANNEL, relatedRecordId] as const
  );
}

/** Rasterises the rendered QR code SVG in the page (as Chromium draws it) and reads it with jsQR. */
async function readQrCode(page: Page): Promise<string | null> {
  const svg = page.locator(`${HOST} c-one-kosmos-qr-code svg`);
  await svg.waitFor();
  const size = 424;
  const pixels = await svg.evaluate(async (element, side) => {
    const copy = element.cloneNode(true) as SVGElement;
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    copy.setAttribute("width", String(side));
    copy.setAttribute("height", String(side));
    const source = new XMLSerializer().serializeToString(copy);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0, side, side);
    return Array.from(context.getImageData(0, 0, side, side).data);
  }, size);
  return jsQR(Uint8ClampedArray.from(pixels), size, size)?.data ?? null;
}

/** Every attribute value and text in the component's shadow trees (synthetic shadow: light DOM under the host). */
async function componentText(page: Page): Promise<string> {
  // No named inner functions: the page would not know the helper tsx wraps them with.
  return page.locator(HOST).evaluate((host) => {
    const parts: string[] = [];
    const roots: ParentNode[] = [host.shadowRoot!];
    while (roots.length > 0) {
      for (const node of Array.from(roots.pop()!.querySelectorAll("*"))) {
        for (const attribute of Array.from(node.attributes))
          parts.push(attribute.value);
        parts.push(node.textContent ?? "");
        if (node.shadowRoot) roots.push(node.shadowRoot);
      }
    }
    return parts.join("\n");
  });
}

describe("oneKosmosProofingRequest in Chromium", () => {
  let session: BrowserSession;
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session?.close();
  });

  it("shows the options: an unavailable channel is disabled with its reason, the first available one chosen", async () => {
    const page = await session.open("proofing-form");
    await byId(page, "intro").waitFor();
    assert.equal(
      (await byId(page, "intro").innerText()).trim(),
      label("OneKosmos_ProofingRequest_Intro").replace("{0}", "Dana Whitfield")
    );
    assert.ok(await channel(page, "Email").isChecked());
    assert.ok(await channel(page, "SMS").isDisabled());
    assert.ok(await channel(page, "Screen").isEnabled());
    // The reason is the disabled radio's accessible description.
    const description = await channel(page, "SMS").evaluate((input) => {
      const id = input.getAttribute("aria-describedby");
      const root = input.getRootNode() as ShadowRoot;
      return id
        ? (root.querySelector(`[id="${id}"]`)?.textContent ?? "").trim()
        : "";
    });
    assert.equal(description, "This record has no mobile phone number.");
    assert.equal(
      (await page.getByLabel("Passport").count()) > 0,
      true,
      "document types are labelled radios"
    );
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("works with the keyboard: arrows skip the disabled channel, Enter on Send starts; link and QR code appear", async () => {
    const page = await session.open("proofing-form");
    await channel(page, "Email").waitFor();
    await channel(page, "Email").focus();
    await page.keyboard.press("ArrowDown");
    assert.ok(await channel(page, "Screen").isChecked(), "SMS is skipped");
    await page.keyboard.press("Tab");
    assert.ok(await isFocused(button(page, "send")), "Send is the next stop");
    await page.keyboard.press("Enter");
    await byId(page, "capture-link").waitFor();
    assert.deepEqual(
      (await calls(page, PROOFING_START_APEX)).map((call) => call.params),
      [{ recordId: CONTACT_ID, documentType: "dl_object", channel: "Screen" }]
    );
    const link = byId(page, "capture-link");
    assert.equal(await link.getAttribute("href"), CAPTURE_URL);
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
    assert.ok(
      await isFocused(byId(page, "screen-intro")),
      "focus moves to the result"
    );
    assert.equal(await readQrCode(page), CAPTURE_URL);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("Hide link removes the link and the QR code, and nothing kept it", async () => {
    const page = await session.open("proofing-screen");
    assert.ok((await componentText(page)).includes(CAPTURE_URL));
    await button(page, "hide-link").click();
    await byId(page, "link-hidden").waitFor();
    assert.equal(await byId(page, "capture-link").count(), 0);
    assert.equal(await page.locator(`${HOST} c-one-kosmos-qr-code`).count(), 0);
    assert.ok(!(await componentText(page)).includes(CAPTURE_URL));
    const stored = await page.evaluate(() => [
      sessionStorage.length,
      localStorage.length,
      window.location.href
    ]);
    assert.equal(stored[0], 0);
    assert.equal(stored[1], 0);
    assert.ok(!String(stored[2]).includes("idproofing"));
    const flowChanges = await page.evaluate(() =>
      JSON.stringify(window.harness.flow.changes())
    );
    assert.ok(!flowChanges.includes(CAPTURE_URL), "no flow output holds it");
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("re-reads the status on a result event for this record only, and Check now asks once", async () => {
    const page = await session.open("proofing-pending");
    await byId(page, "status-label").waitFor();
    assert.equal(
      (await byId(page, "status-label").innerText()).trim(),
      "Pending"
    );
    await publish(page, "003000000000002AAA");
    await page.waitForTimeout(200);
    assert.equal((await calls(page, PROOFING_STATUS_APEX)).length, 0);

    await setApex(page, PROOFING_STATUS_APEX, {
      resolve: proofingStatus("Verified", { assuranceLevel: "IAL2" })
    });
    await publish(page, CONTACT_ID);
    await page.waitForFunction(
      (selector) =>
        document
          .querySelector(selector)
          ?.shadowRoot?.querySelector('[data-id="status-label"]')
          ?.textContent?.includes("Verified"),
      HOST
    );
    assert.equal(
      (await byId(page, "status-assurance").innerText()).trim(),
      "IAL2"
    );
    assert.equal(
      (await byId(page, "live").innerText()).trim(),
      label("OneKosmos_ProofingRequest_Status_Announcement").replace(
        "{0}",
        "Verified"
      )
    );
    assert.equal(
      await byId(page, "check-now").count(),
      0,
      "final: no Check now"
    );
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("Check now queues a check, says so, and the result event brings the answer", async () => {
    const page = await session.open("proofing-pending");
    await button(page, "check-now").waitFor();
    await button(page, "check-now").click();
    await byId(page, "check-queued").waitFor();
    assert.deepEqual(
      (await calls(page, PROOFING_CHECK_APEX)).map((call) => call.params),
      [{ verificationId: PROOFING_ID }]
    );
    assert.equal(
      (await byId(page, "check-queued").innerText()).trim(),
      label("OneKosmos_ProofingRequest_Check_Queued")
    );
    assert.equal(
      (await byId(page, "live").innerText()).trim(),
      label("OneKosmos_ProofingRequest_Check_Queued")
    );
    await setApex(page, PROOFING_STATUS_APEX, {
      resolve: proofingStatus("Failed", {
        reasonMessage: "The document could not be read."
      })
    });
    await publish(page, CONTACT_ID);
    await byId(page, "status-reason").waitFor();
    assert.equal(
      (await byId(page, "status-reason").innerText()).trim(),
      "The document could not be read."
    );
    assert.equal(await byId(page, "check-queued").count(), 0);
    assert.equal(await byId(page, "cancel-request").count(), 0);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });

  it("says why proofing is unavailable and offers no Send", async () => {
    const page = await session.open("proofing-unavailable");
    await byId(page, "unavailable").waitFor();
    assert.equal(
      (await byId(page, "unavailable").innerText()).trim(),
      "Identity proofing is for people: this is a business account."
    );
    assert.equal(await byId(page, "send").count(), 0);
    assert.deepEqual(pageProblems(page), []);
    await page.close();
  });
});
