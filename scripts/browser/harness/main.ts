/**
 * The page side of the harness: installs the test doubles' controls as `window.harness`, then creates the component
 * of the scenario named in the URL (?scenario=<id>). The bundle's entry (built by ../build.ts) imports
 * @lwc/synthetic-shadow before anything else, then calls start() with the project's components.
 */
import { createElement } from "lwc";
import type { LightningElement } from "lwc";
import type { HarnessControls, FlowAttributeChange } from "./controls";
import { apexControls } from "./fakes/apex";
import { empControls } from "./fakes/empApi";
import { FLOW_ATTRIBUTE_CHANGE } from "./fakes/flowSupport";
import { SHOW_TOAST } from "./fakes/toast";
import { CLOSE_ACTION_SCREEN } from "./fakes/actions";
import { recordControls } from "./fakes/uiRecordApi";
import { SCENARIOS } from "./scenarios";

declare global {
  interface Window {
    harness: HarnessControls;
  }
}

type ComponentClass = typeof LightningElement;

function tagNameOf(bundle: string): string {
  return `c-${bundle.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The tenant is unreachable offline, so window.open is doubled: it records the URL, or returns null when "blocked". */
function installPopupDouble(): HarnessControls["popup"] {
  let mode: "open" | "blocked" = "open";
  const opened: string[] = [];
  window.open = (url?: string | URL): Window | null => {
    opened.push(String(url ?? ""));
    if (mode === "blocked") return null;
    const popup = {
      closed: false,
      close(): void {
        popup.closed = true;
      },
      focus(): void {},
      postMessage(): void {}
    };
    return popup as unknown as Window;
  };
  return {
    setMode: (value) => {
      mode = value;
    },
    opened: () => [...opened]
  };
}

function showProblem(root: HTMLElement, message: string): void {
  const problem = document.createElement("p");
  problem.className = "slds-text-color_error";
  problem.setAttribute("role", "alert");
  problem.textContent = message;
  root.appendChild(problem);
  document.body.dataset.harness = "failed";
}

export function start(components: Record<string, ComponentClass>): void {
  const flowChanges: FlowAttributeChange[] = [];
  const toasts: { title?: string; message?: string; variant?: string }[] = [];
  let closes = 0;
  window.harness = {
    apex: apexControls,
    emp: empControls,
    popup: installPopupDouble(),
    flow: { changes: () => [...flowChanges] },
    toasts: () => [...toasts],
    closes: () => closes,
    records: recordControls
  };

  const root = document.getElementById("root") ?? document.body;
  const id = new URLSearchParams(window.location.search).get("scenario");
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) {
    showProblem(root, `Unknown scenario "${id ?? ""}".`);
    return;
  }
  const component = components[scenario.component];
  if (!component) {
    showProblem(
      root,
      `Component ${scenario.component} is not in this build (no c/${scenario.component} bundle).`
    );
    return;
  }
  scenario.setup(window.harness);
  const element = createElement(tagNameOf(scenario.component), {
    is: component
  });
  Object.assign(element, scenario.props);
  element.addEventListener(FLOW_ATTRIBUTE_CHANGE, (event) => {
    flowChanges.push((event as CustomEvent<FlowAttributeChange>).detail);
  });
  element.addEventListener(SHOW_TOAST, (event) => {
    toasts.push((event as CustomEvent<(typeof toasts)[number]>).detail);
  });
  element.addEventListener(CLOSE_ACTION_SCREEN, () => {
    closes += 1;
  });
  root.appendChild(element);
  if (!scenario.act) {
    document.body.dataset.harness = "ready";
    return;
  }
  scenario.act(element).then(
    () => {
      document.body.dataset.harness = "ready";
    },
    (error: unknown) =>
      showProblem(
        root,
        `Scenario ${scenario.id} could not act: ${error instanceof Error ? error.message : String(error)}`
      )
  );
}
