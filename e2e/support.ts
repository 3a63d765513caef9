import { expect, type Locator, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../playwright.config.ts";

/**
 * Waits until React has hydrated these elements (at least one). A click that
 * lands before then does nothing (a menu button) or submits the bare form
 * (Login), so the tests click when an admin's click would take effect. React
 * marks each element it has hydrated with its props; that mark is awaited.
 */
export async function hydrated(elements: Locator) {
  await expect
    .poll(() => elements.evaluateAll((all) => all.length > 0 && all.every((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$")))))
    .toBe(true);
}

/** Opens a URL and waits until every button on the page takes clicks. */
export async function visit(page: Page, url: string) {
  await page.goto(url);
  await hydrated(page.locator("button"));
}

/** Waits for the page sign-in loads (a full page load, not a client-side move) and its buttons. */
export async function signedIn(page: Page) {
  await page.waitForURL((url) => url.pathname !== "/login");
  await hydrated(page.locator("button"));
}

export async function signIn(page: Page, password = E2E_ADMIN_PASSWORD) {
  await visit(page, "/login");
  await page.getByLabel("User ID").fill("admin");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Login" }).click();
  await signedIn(page);
  await expect(page.getByTestId("signed-in-user")).toHaveText("admin");
}

/** Opens a page the way an admin does: through the menu bar. */
export async function openMenu(page: Page, menu: string, item: string) {
  const button = page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: menu });
  await hydrated(button);
  await button.click();
  await page.getByRole("menuitem", { name: item }).click();
}

/** An API client signed in as admin, for setting up data the tests then use through the pages. */
export async function adminApi(playwright: typeof import("@playwright/test").request, baseURL: string) {
  // A browser names its origin on every write; the session cookie is refused on a write without one.
  const context = await playwright.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  const response = await context.post("/api/session", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } });
  expect(response.ok()).toBe(true);
  return context;
}

/** Accepts the next confirmation dialog and returns its text. */
export function acceptNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once("dialog", async (dialog) => {
      const text = dialog.message();
      await dialog.accept();
      resolve(text);
    });
  });
}

/** The id of a node of the demo cluster with this host name, added if this run has not added it yet. */
export async function ensureNode(api: import("@playwright/test").APIRequestContext, hostName: string, softwareVersion = "15.0.1.12900-12", cluster = "imp-cluster-01") {
  const res = await api.post("/api/nodes", { data: { hostName, softwareVersion, cluster } });
  if (res.status() === 201) return (await res.json()).id as number;
  expect(res.status()).toBe(409);
  const found = await (await api.get(`/api/nodes?field=hostName&match=exact&q=${encodeURIComponent(hostName)}`)).json();
  return found.items[0].id as number;
}
