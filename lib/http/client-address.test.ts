import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, withPeerAddress } from "./client-address.ts";

const request = (forwardedFor?: string) =>
  new Request("http://console/api/session", { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} });

describe("the address sign-in throttling keys on", () => {
  const none = parseTrustedProxies("");

  it("is the socket's address, whatever X-Forwarded-For claims", () => {
    expect(withPeerAddress("192.0.2.7", () => clientAddress(request("198.51.100.1"), none))).toBe("192.0.2.7");
    expect(withPeerAddress("::ffff:192.0.2.7", () => clientAddress(request(), none))).toBe("192.0.2.7");
  });

  it("behind a trusted proxy, is the right-most X-Forwarded-For entry that is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.1");
    // The client wrote the first two entries; the proxies appended the rest.
    const through = (peer: string, xff: string) => withPeerAddress(peer, () => clientAddress(request(xff), trusted));
    expect(through("10.1.1.1", "203.0.113.9, 198.51.100.4, 192.0.2.50")).toBe("192.0.2.50");
    expect(through("192.0.2.1", "203.0.113.9, 198.51.100.4, 10.2.2.2")).toBe("198.51.100.4");
    // A proxy that is not trusted is the client as far as the console knows.
    expect(through("192.0.2.99", "203.0.113.9")).toBe("192.0.2.99");
    // Through trusted proxies only, the left-most is the nearest known.
    expect(through("10.1.1.1", "10.3.3.3")).toBe("10.3.3.3");
    expect(through("10.1.1.1", "")).toBe("10.1.1.1");
  });

  it("is unknown for a request that did not come through the console's server", () => {
    expect(clientAddress(request("198.51.100.1"), none)).toBe("unknown");
  });

  it("TRUSTED_PROXIES takes addresses and CIDR ranges and refuses anything else", () => {
    expect(() => parseTrustedProxies("127.0.0.1 ::1,10.0.0.0/8 fd00::/8")).not.toThrow();
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.1/8/1", "10.0.0/8", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
