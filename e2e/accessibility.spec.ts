import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminApi, signIn } from "./support.ts";

/**
 * Every page of the console, scanned with axe at desktop and phone widths
 * (no serious or critical violation), and at 390 px checked for sideways
 * scrolling of the page and for buttons and links out of reach.
 */
let api: APIRequestContext;
let groupId: number;
let nodeId: number;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright.request, baseURL!);
  const ids: number[] = [];
  for (const host of ["e2e-a11y-a", "e2e-a11y-b"]) {
    const res = await api.post("/api/nodes", { data: { hostName: host, softwareVersion: "15.0.1.12900-12", cluster: "imp-cluster-01" } });
    expect(res.status()).toBe(201);
    ids.push((await res.json()).id);
  }
  nodeId = ids[0]!;
  const group = await api.post("/api/groups", { data: { name: "E2E-A11Y", server1Id: ids[0], server2Id: ids[1], haEnabled: true } });
  expect(group.status()).toBe(201);
  groupId = (await group.json()).id;
});
test.afterAll(async () => api.dispose());

const consolePages = () => [
  { path: "/", title: "Cisco Unified CM IM and Presence Administration" },
  { path: "/system/server", title: "Find and List Servers" },
  { path: "/system/server/new", title: "Add New Server" },
  { path: `/system/server/${nodeId}`, title: "Server Configuration" },
  { path: "/system/presence-redundancy-groups", title: "Find and List Presence Redundancy Groups" },
  { path: "/system/presence-redundancy-groups/new", title: "Add New Presence Redundancy Group" },
  { path: `/system/presence-redundancy-groups/${groupId}`, title: "Presence Redundancy Group Configuration" },
  { path: "/system/high-availability", title: "High Availability Status" },
  { path: "/system/service-parameters", title: "Service Parameter Configuration" },
  { path: "/system/enterprise-parameters", title: "Enterprise Parameters Configuration" },
  { path: "/user-management/end-users", title: "Find and List Users" },
  { path: "/user-management/end-users/new", title: "Add New End User" },
  { path: "/user-management/end-users/import", title: "Import Users" },
  { path: "/user-management/presence-topology", title: "Presence Topology" },
  { path: "/serviceability/control-center", title: "Control Center - Network Services" },
  { path: "/no-such-page", title: "Page Not Found" },
];

/** Waits until the page's data has arrived (no "Loading…" left). */
async function settle(page: Page) {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

/** Sideways overflow of the page, and the controls that cannot be brought into view without it. */
async function outOfReach(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page is ${root.scrollWidth - root.clientWidth}px wider than the screen`);
    for (const el of document.querySelectorAll<HTMLElement>("main button, main a[href], main input, main select, nav button")) {
      if (el.offsetParent === null) continue;
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const rect = el.getBoundingClientRect();
      if (window.scrollX !== 0 || rect.left < 0 || rect.right > root.clientWidth + 0.5) {
        problems.push(`${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" is out of reach`);
      }
      window.scrollTo(0, window.scrollY);
    }
    return problems;
  });
}

for (const width of [1280, 390]) {
  test(`every page at ${width} px: axe finds no serious or critical violation${width < 500 ? "; nothing scrolls the page sideways" : ""}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    const problems: string[] = [];

    // Signed out: the sign-in page and the not-found page outside the console.
    await page.goto("/login");
    await expect(page).toHaveTitle("Sign In | Cisco Unified CM IM and Presence Administration");
    problems.push(...(await seriousViolations(page)));
    if (width < 500) problems.push(...(await outOfReach(page)));

    await signIn(page);
    const titles = new Set<string>();
    for (const { path, title } of consolePages()) {
      await page.goto(path);
      await settle(page);
      const shown = await page.title();
      expect(shown, path).toContain(title);
      titles.add(shown);
      problems.push(...(await seriousViolations(page)));
      if (width < 500) problems.push(...(await outOfReach(page)).map((p) => `${path}: ${p}`));
    }
    // Every page says which page it is (the home and not-found pages aside, all differ).
    expect(titles.size).toBe(consolePages().length);

    // An open menu stays inside the screen.
    if (width < 500) {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: "Serviceability" }).click();
      const menu = page.getByRole("menu", { name: "Serviceability" });
      const box = (await menu.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    expect(problems).toEqual([]);
  });
}
