// The dashboard's sections, in nav order. A section is {id, titleKey, mount(container, ctx)};
// reminders or refund cases arrive as one more module and one more line here.
import { section as claims } from "./claims.js";
import { section as coverages } from "./coverages.js";
import { section as pending } from "./pending.js";
import { section as plans } from "./plans.js";
import { section as refunds } from "./refunds.js";
import { section as transfer } from "./transfer.js";

export const SECTIONS = [coverages, refunds, claims, plans, pending, transfer];
