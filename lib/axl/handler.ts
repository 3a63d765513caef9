import type { Runtime } from "../server/runtime.ts";
import { isApiError } from "../http/errors.ts";
import { readBodyBytes } from "../http/request-body.ts";
import { basicAuth } from "./auth.ts";
import { faultFrom, type AxlContext } from "./context.ts";
import { faultEnvelope, readRequest, responseEnvelope } from "./envelope.ts";
import { AXL_CODE, AxlFault } from "./faults.ts";
import { OPERATION_PERMISSIONS, OPERATIONS } from "./operations.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { refusal } from "../auth/roles.ts";

/** SOAP requests are small; this leaves room for long lists of returnedTags and nothing more. */
export const AXL_BODY_LIMIT = 256 * 1024;

const XML = { "content-type": "text/xml; charset=utf-8" };
const utf8 = new TextDecoder("utf-8", { fatal: true });

async function readXml(request: Request): Promise<string> {
  try {
    return utf8.decode(await readBodyBytes(request, AXL_BODY_LIMIT));
  } catch (err) {
    if (isApiError(err)) throw new AxlFault("Client", AXL_CODE.invalid, err.message, err.status);
    throw new AxlFault("Client", AXL_CODE.invalid, "The request body is not valid UTF-8");
  }
}

/**
 * One AXL request: Basic auth first (401 with a challenge, as the product
 * answers), then the envelope, then the operation. Every refusal after
 * authentication is a SOAP fault; nothing is written when one is raised.
 */
export async function handleAxl(runtime: Runtime, request: Request, address: string): Promise<Response> {
  const auth = await basicAuth(runtime.db, request.headers.get("authorization"), address);
  if ("refused" in auth) {
    const status = auth.refused === "throttled" ? 429 : 401;
    return new Response(status === 429 ? "Too many failed sign-ins; try again later\n" : "Authentication required\n", {
      status,
      headers: { "content-type": "text/plain; charset=utf-8", ...(status === 401 ? { "www-authenticate": 'Basic realm="AXL API"' } : {}) },
    });
  }
  const user = auth.user;
  const soapAction = request.headers.get("soapaction");
  let operation: string | undefined;
  let response: Response;
  try {
    const axl = readRequest(await readXml(request), soapAction);
    operation = axl.operation;
    const execute = Object.hasOwn(OPERATIONS, axl.operation) ? OPERATIONS[axl.operation] : undefined;
    if (!execute) throw new AxlFault("Client", AXL_CODE.unknownOperation, `${axl.operation} is not an operation of this AXL`);
    const refused = refusal(user.role, OPERATION_PERMISSIONS[axl.operation]!);
    if (refused) throw new AxlFault("Client", AXL_CODE.forbidden, refused, 403);
    if (user.mustChangePassword) throw new AxlFault("Client", AXL_CODE.forbidden, "The password of this account was reset: choose a new one first", 403);
    const ctx: AxlContext = { db: runtime.db, controller: runtime.controller, actor: user.username };
    const returned = await execute(ctx, axl.body);
    response = new Response(responseEnvelope(axl.version, axl.operation, returned), { status: 200, headers: XML });
  } catch (err) {
    const fault = faultFrom(err);
    response = new Response(faultEnvelope(fault, operation), { status: fault.httpStatus, headers: XML });
  }
  // Writes, done or refused, go into the audit log as the JSON API's do; reads do not.
  if (operation && Object.hasOwn(OPERATION_PERMISSIONS, operation) && OPERATION_PERMISSIONS[operation] !== "view") {
    await appendAudit(runtime.db, {
      username: user.username,
      address,
      action: `axl:${operation}`,
      method: "POST",
      path: new URL(request.url).pathname,
      status: response.status,
    }).catch((err: unknown) => console.error(`audit log: could not record AXL ${operation}:`, err));
  }
  return response;
}
