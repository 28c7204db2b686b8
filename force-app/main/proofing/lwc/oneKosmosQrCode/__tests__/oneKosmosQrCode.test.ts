// The component draws what the encoder makes as one SVG path: jsQR reads the rendered path back.
import { createElement } from "lwc";
import OneKosmosQrCode from "c/oneKosmosQrCode";
import { CAPTURE_URL, decodePath } from "./qrTestUtils";

interface QrElement extends HTMLElement {
  value?: string;
  label?: string;
  maxVersion?: number | string;
}

function mount(props: Partial<QrElement>): QrElement {
  const element = createElement("c-one-kosmos-qr-code", {
    is: OneKosmosQrCode
  }) as QrElement;
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

function svg(element: HTMLElement): SVGElement | null {
  return element.shadowRoot!.querySelector("[data-id='qr']");
}

function pathData(element: HTMLElement): string {
  return (
    element
      .shadowRoot!.querySelector("[data-id='qr-path']")
      ?.getAttribute("d") ?? ""
  );
}

afterEach(() => {
  while (document.body.firstChild)
    document.body.removeChild(document.body.firstChild);
});

describe("c-one-kosmos-qr-code", () => {
  it("renders the capture link as an SVG image that decodes to the link", async () => {
    const element = mount({ value: CAPTURE_URL, label: "QR code of the link" });
    const image = svg(element)!;
    expect(image.getAttribute("role")).toBe("img");
    expect(image.getAttribute("aria-label")).toBe("QR code of the link");
    // Version 7 is 45 modules, plus a quiet zone of 4 on each side.
    expect(image.getAttribute("viewBox")).toBe("0 0 53 53");
    expect(decodePath(pathData(element), image.getAttribute("viewBox")!)).toBe(
      CAPTURE_URL
    );
    expect(
      element.shadowRoot!.querySelector("[data-id='qr-error']")
    ).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("decodes short and maximum-length texts as rendered", () => {
    for (const text of ["a", "https://x.io/s/1", "y".repeat(2331)]) {
      const element = mount({ value: text });
      expect(
        decodePath(pathData(element), svg(element)!.getAttribute("viewBox")!)
      ).toBe(text);
      document.body.removeChild(element);
    }
  });

  it("falls back to a default accessible name", () => {
    const element = mount({ value: "abc" });
    expect(svg(element)!.getAttribute("aria-label")).toBe(
      "c.OneKosmos_QrCode_Default_Label"
    );
  });

  it("shows a message, not a code, for text too long", async () => {
    const element = mount({ value: "z".repeat(2332) });
    expect(svg(element)).toBeNull();
    expect(
      element.shadowRoot!.querySelector("[data-id='qr-error']")!.textContent
    ).toBe("c.OneKosmos_QrCode_Too_Long");
    await expect(element).toBeAccessible();
  });

  it("honours a largest version given as a template attribute (text)", async () => {
    const element = mount({ value: CAPTURE_URL, maxVersion: "5" });
    expect(svg(element)).toBeNull();
    expect(
      element.shadowRoot!.querySelector("[data-id='qr-error']")
    ).not.toBeNull();
    element.maxVersion = "10";
    await Promise.resolve();
    expect(svg(element)).not.toBeNull();
  });

  it("redraws when the value changes and draws nothing for no value", async () => {
    const element = mount({ value: "first" });
    const first = pathData(element);
    element.value = "second";
    await Promise.resolve();
    expect(pathData(element)).not.toBe(first);
    expect(
      decodePath(pathData(element), svg(element)!.getAttribute("viewBox")!)
    ).toBe("second");
    element.value = "";
    await Promise.resolve();
    expect(svg(element)).toBeNull();
    expect(
      element.shadowRoot!.querySelector("[data-id='qr-error']")
    ).toBeNull();
  });
});
