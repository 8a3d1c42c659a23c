// A TypeScript team's use of the hey-api (@hey-api/openapi-ts) client generated from the spec
// (build/clients/hey-api, made by the tests); must compile under `tsc --strict`.
import { createInvoice, listInvoices } from "./sdk.gen";
import type { InvoiceStatus, OpenInvoiceStatus } from "./types.gen";

// Defaulted request fields (`currency`, `offset`, `limit`) may be left out.
export const created = createInvoice({ body: { shop_id: "shop-123", amount: 100 } });
export const listed = listInvoices({ body: { start: "01.01.2026", end: "31.01.2026" } });

// Open enums: the known values are a named union; an unknown value still fits the open type.
const known: InvoiceStatus = "paid";
export const unknown: OpenInvoiceStatus = "refunded";
export const isPaid = (status: OpenInvoiceStatus): boolean => status === known;
