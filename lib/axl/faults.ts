/**
 * A refused AXL request, answered as Cisco Unified CM's AXL answers one: a
 * SOAP 1.1 fault with HTTP 500 whose detail holds axlError/axlcode,
 * axlmessage and the operation requested. The codes follow the product's:
 * 5007 item not found, 5003 invalid value or a rule refused, -239 duplicate
 * name (the database's unique-index error), 5002 unknown operation, 5011
 * unsupported version.
 */
export class AxlFault extends Error {
  constructor(
    readonly faultcode: "Client" | "Server",
    readonly axlcode: number,
    message: string,
    readonly httpStatus = 500,
  ) {
    super(message);
  }
}

export const AXL_CODE = {
  notFound: 5007,
  invalid: 5003,
  duplicate: -239,
  unknownOperation: 5002,
  unsupportedVersion: 5011,
  /** The account's role may not run the operation. */
  forbidden: 5001,
} as const;
